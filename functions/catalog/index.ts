import { catalogContract, type CatalogProduct, type StoreView } from '@contract/catalog';
import { buyerOf } from '@core/member';
import { activePriceLists } from '@core/priceList';
import { unitPrice } from '@core/pricing';
import { CATEGORY_NAMES } from '@core/categories';
import { loadPriceLists, loadProducts, loadStock, loadStore, loadUsage, type StoreRecord } from '@lib/data/catalogData';
import { COLLECTIONS } from '@lib/platform/collections';
import { defineFunction } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';
import { fetchAll } from '@lib/platform/paging';
import { tempUrls } from '@lib/platform/storage';

const storeView = (s: StoreRecord): StoreView => ({ storeId: s.storeId, name: s.name, address: s.address, ...(s.hours ? { hours: s.hours } : {}) });

export const main = defineFunction(catalogContract, {
  async stores(_request, { db }) {
    // Operators order stores with `sort` (the flagship first); then by id.
    const stores = await fetchAll<StoreRecord & { sort?: number }>(db, COLLECTIONS.stores);
    stores.sort((a, b) => (a.sort ?? 999) - (b.sort ?? 999) || a.storeId.localeCompare(b.storeId));
    return { stores: stores.map(storeView) };
  },

  async list({ storeId }, ctx) {
    const { db, now } = ctx;
    const [store, member, products, stock, lists] = await Promise.all([loadStore(db, storeId), loadOrCreateMember(ctx), loadProducts(db), loadStock(db, storeId), loadPriceLists(db)]);
    const buyer = buyerOf(member, now);
    const active = activePriceLists(lists, buyer, now);
    const shelf = [...products.values()].filter((p) => stock.has(p.skuId));
    const [usage, photos] = await Promise.all([loadUsage(db, active, ctx.openid), tempUrls(shelf.flatMap((p) => (p.imageFileId ? [p.imageFileId] : [])))]);
    const views: CatalogProduct[] = shelf
      .map((p) => {
        const price = unitPrice(p, buyer, active, usage);
        // The photo in cloud storage (a temporary URL), else a plain image address, else none (a drawing).
        const imageUrl = (p.imageFileId && photos.get(p.imageFileId)) || p.image;
        return {
          skuId: p.skuId,
          name: p.name,
          category: p.category,
          unit: p.unit,
          ...(imageUrl ? { image: imageUrl, imageUrl } : {}),
          ...(p.description ? { description: p.description } : {}),
          listPriceFen: p.listPriceFen,
          unitPriceFen: price.unitPriceFen,
          priceSource: price.priceSource,
          priceLabel: price.priceLabel,
          priceReason: price.reason,
          stock: stock.get(p.skuId) ?? 0,
          noExtraDiscount: !!p.noExtraDiscount,
        };
      })
      .sort((a, b) => a.category.localeCompare(b.category) || a.skuId.localeCompare(b.skuId));
    const categories = [...new Set(views.map((v) => v.category))].map((category) => ({ category, name: CATEGORY_NAMES[category] ?? category }));
    return { store: storeView(store), categories, products: views };
  },
});
