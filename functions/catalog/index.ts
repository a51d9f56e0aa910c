import { catalogContract } from '@contract/catalog';
import { matchesSearch, searchTerms } from '@core/search';
import { defineFunction } from '@lib/platform/handler';
import { homeBanners } from './home';
import { categoryName, shelf } from './shelf';
import { storesFor } from './stores';

export const main = defineFunction(catalogContract, {
  async stores({ location }, { db }) {
    return { stores: await storesFor(db, location) };
  },

  async list({ storeId }, ctx) {
    return shelf(ctx, storeId);
  },

  async search({ storeId, q }, ctx) {
    const terms = searchTerms(q);
    return shelf(ctx, storeId, (p) => matchesSearch(p, categoryName(p.category), terms));
  },

  // Banners are the same in every store for now; the store is part of the request so they can differ by store later.
  async home(_request, ctx) {
    return { banners: await homeBanners(ctx) };
  },
});
