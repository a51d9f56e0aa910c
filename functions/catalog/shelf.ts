import type { CatalogProduct, CatalogResponses } from '@contract/catalog';
import { CATEGORY_NAMES } from '@core/categories';
import { buyerOf } from '@core/member';
import { activePriceLists } from '@core/priceList';
import { unitPrice } from '@core/pricing';
import { loadPriceLists, loadProducts, loadStock, loadStore, loadUsage, type ProductRecord } from '@lib/data/catalogData';
import { loadOrCreateMember } from '@lib/data/members';
import type { CallContext } from '@lib/platform/handler';
import { tempUrls } from '@lib/platform/storage';
import { storeView } from './stores';

export const categoryName = (category: string) => CATEGORY_NAMES[category] ?? category;

/**
 * The store's shelf at the caller's own prices: what `list` answers, and `search` with `shown`
 * picking the products (after the same loads, so a search costs what a list does, and photos are
 * only asked for the products shown).
 */
export async function shelf(ctx: CallContext, storeId: string, shown: (p: ProductRecord) => boolean = () => true): Promise<CatalogResponses['list']> {
  const { db, now } = ctx;
  const [store, member, products, stock, lists] = await Promise.all([loadStore(db, storeId), loadOrCreateMember(ctx), loadProducts(db), loadStock(db, storeId), loadPriceLists(db)]);
  const buyer = buyerOf(member, now);
  const active = activePriceLists(lists, buyer, now);
  const onShelf = [...products.values()].filter((p) => stock.has(p.skuId) && shown(p));
  const [usage, photos] = await Promise.all([loadUsage(db, active, ctx.openid), tempUrls(onShelf.flatMap((p) => (p.imageFileId ? [p.imageFileId] : [])))]);
  const views: CatalogProduct[] = onShelf
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
  const categories = [...new Set(views.map((v) => v.category))].map((category) => ({ category, name: categoryName(category) }));
  return { store: storeView(store), categories, products: views };
}
