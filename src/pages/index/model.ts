import type { CatalogProduct, CatalogResponses } from '@contract/catalog';
import { CATEGORY_NAMES } from '@core/categories';
import { MAX_LINE_QTY } from '@/services/cart';

/** Below this many units the shelf says "仅剩 N". */
export const LOW_STOCK = 10;

export interface StockView {
  soldOut: boolean;
  /** "已售罄", "仅剩 3", or null when there is plenty. */
  hint: string | null;
  /** The most a member may put in the cart. */
  maxQty: number;
}

export function stockView(stock: number): StockView {
  if (stock <= 0) return { soldOut: true, hint: '已售罄', maxQty: 0 };
  return { soldOut: false, hint: stock < LOW_STOCK ? `仅剩 ${stock}` : null, maxQty: Math.min(stock, MAX_LINE_QTY) };
}

/** The price badge to show: none for 零售价 (the list price needs no explanation). */
export function priceBadge(product: Pick<CatalogProduct, 'priceSource' | 'priceLabel'>): string | null {
  return product.priceSource === 'list' ? null : product.priceLabel;
}

/** The products of one category, in shelf order. */
export function productsIn(products: readonly CatalogProduct[], category: string | null): CatalogProduct[] {
  return category === null ? [...products] : products.filter((p) => p.category === category);
}

type Category = CatalogResponses['list']['categories'][number];

/** Shelf order: the brand's own category order (当季鲜果 first), then any others as the server sent them. */
export function shelfCategories(categories: readonly Category[]): Category[] {
  const order = Object.keys(CATEGORY_NAMES);
  const rank = (c: Category) => {
    const i = order.indexOf(c.category);
    return i < 0 ? order.length : i;
  };
  return categories
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

/** The tab pages: WeChat opens them only with switchTab. */
const TAB_PAGES = ['/pages/index/index', '/pages/cart/index', '/pages/orders/index', '/pages/member/index'];

export type LinkTarget = { kind: 'tab'; url: string } | { kind: 'page'; url: string };

/**
 * Where a banner's link goes: a page of the app (a tab with switchTab, which takes no query), or
 * nowhere for an empty link or anything that is not one of our pages.
 */
export function linkTarget(link: string): LinkTarget | null {
  const url = link.trim();
  if (!/^\/(pages|packages)\/[\w/-]+(\?.*)?$/.test(url)) return null;
  const path = url.split('?')[0];
  return TAB_PAGES.includes(path) ? { kind: 'tab', url: path } : { kind: 'page', url };
}
