import Taro from '@tarojs/taro';

/**
 * 购物车: lines `{ skuId, qty }` kept per store in Taro storage (a member orders from one store,
 * and stock is per store). Only ids and quantities live here: every price comes from `order.quote`.
 */
export interface CartLine {
  skuId: string;
  qty: number;
}

/** What `order.quote` / `order.create` accept for one line. */
export const MAX_LINE_QTY = 99;

const CART_KEY = 'guoli.cart';
const CART_TAB_INDEX = 1; // app.config.ts tabBar: 鲜选, 购物车, 订单, 我的

type CartsByStore = Record<string, CartLine[]>;

function isLine(value: unknown): value is CartLine {
  if (!value || typeof value !== 'object') return false;
  const { skuId, qty } = value as Record<string, unknown>;
  return typeof skuId === 'string' && skuId.length > 0 && Number.isInteger(qty) && (qty as number) > 0;
}

function readAll(): CartsByStore {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(CART_KEY);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const carts: CartsByStore = {};
  for (const [storeId, lines] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(lines)) carts[storeId] = lines.filter(isLine).map((l) => ({ skuId: l.skuId, qty: Math.min(l.qty, MAX_LINE_QTY) }));
  }
  return carts;
}

function writeStore(storeId: string, lines: CartLine[]): CartLine[] {
  const carts = readAll();
  if (lines.length) carts[storeId] = lines;
  else delete carts[storeId];
  try {
    Taro.setStorageSync(CART_KEY, carts);
  } catch {
    // Storage full or unavailable: the cart lives for this session only.
  }
  return lines;
}

/** The cart of one store, oldest line first. */
export function cartLines(storeId: string): CartLine[] {
  return readAll()[storeId] ?? [];
}

export function cartCount(storeId: string): number {
  return cartLines(storeId).reduce((sum, l) => sum + l.qty, 0);
}

export function qtyInCart(storeId: string, skuId: string): number {
  return cartLines(storeId).find((l) => l.skuId === skuId)?.qty ?? 0;
}

/** Sets one line's quantity (0 removes it); answers the store's cart as it now is. */
export function setCartQty(storeId: string, skuId: string, qty: number): CartLine[] {
  const clamped = Math.max(0, Math.min(MAX_LINE_QTY, Math.floor(qty)));
  const lines = cartLines(storeId);
  const i = lines.findIndex((l) => l.skuId === skuId);
  if (clamped === 0) return writeStore(storeId, lines.filter((l) => l.skuId !== skuId));
  if (i >= 0) return writeStore(storeId, lines.map((l) => (l.skuId === skuId ? { skuId, qty: clamped } : l)));
  return writeStore(storeId, [...lines, { skuId, qty: clamped }]);
}

export function addToCart(storeId: string, skuId: string, qty = 1): CartLine[] {
  return setCartQty(storeId, skuId, qtyInCart(storeId, skuId) + qty);
}

export function removeFromCart(storeId: string, skuIds: readonly string[]): CartLine[] {
  const drop = new Set(skuIds);
  return writeStore(storeId, cartLines(storeId).filter((l) => !drop.has(l.skuId)));
}

/**
 * Switching store empties nothing: each store keeps its own cart, and a store whose cart is empty
 * starts with the lines picked at the previous one (re-priced there by the next quote).
 */
export function carryCartOver(fromStoreId: string | null, toStoreId: string): void {
  if (!fromStoreId || fromStoreId === toStoreId || cartLines(toStoreId).length) return;
  const lines = cartLines(fromStoreId);
  if (lines.length) writeStore(toStoreId, lines.map((l) => ({ ...l })));
}

/** The 购物车 tab's red badge: the number of units in the store's cart. Never throws. */
export function syncCartBadge(storeId: string | null): void {
  const count = storeId ? cartCount(storeId) : 0;
  // The tab bar APIs fail on pages without a tab bar; the badge is refreshed when a tab page shows.
  const ignore = () => undefined;
  try {
    if (count > 0) Taro.setTabBarBadge({ index: CART_TAB_INDEX, text: count > 99 ? '99+' : String(count) }).catch(ignore);
    else Taro.removeTabBarBadge({ index: CART_TAB_INDEX }).catch(ignore);
  } catch {
    // not available on this platform or page
  }
}
