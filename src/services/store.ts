import Taro from '@tarojs/taro';
import type { CatalogResponses, StoreView } from '@contract/catalog';
import { carryCartOver } from './cart';
import { callCloud, CloudCallError } from './cloud';
import { handleShareEntry } from './sharing';

/** The member's pickup store (自提门店), kept in Taro storage. */
const STORE_KEY = 'guoli.store';

function isStore(value: unknown): value is StoreView {
  if (!value || typeof value !== 'object') return false;
  const { storeId, name } = value as Record<string, unknown>;
  return typeof storeId === 'string' && storeId.length > 0 && typeof name === 'string';
}

/** The chosen store, or null before the member (or the default) picked one. */
export function currentStore(): StoreView | null {
  try {
    const raw: unknown = Taro.getStorageSync(STORE_KEY);
    return isStore(raw) ? raw : null;
  } catch {
    return null;
  }
}

export function currentStoreId(): string | null {
  return currentStore()?.storeId ?? null;
}

/** Chooses the pickup store. The previous store's cart stays; an empty new cart starts with its lines. */
export function setStore(store: StoreView): void {
  const previous = currentStoreId();
  carryCartOver(previous, store.storeId);
  try {
    Taro.setStorageSync(STORE_KEY, { storeId: store.storeId, name: store.name, address: store.address, ...(store.hours ? { hours: store.hours } : {}) });
  } catch {
    // storage unavailable: the choice lasts until the app closes
  }
}

/** Forgets a stored store that the backend no longer knows (NOT_FOUND), so the default applies again. */
export function forgetStore(): void {
  try {
    Taro.removeStorageSync(STORE_KEY);
  } catch {
    // nothing stored
  }
}

/** The chosen store; on first use the first store the backend lists becomes the default. */
export async function ensureStore(): Promise<StoreView> {
  const chosen = currentStore();
  if (chosen) return chosen;
  const { stores } = await callCloud('catalog', { action: 'stores' });
  if (!stores.length) throw new CloudCallError('NOT_FOUND', '暂无可自提的门店');
  setStore(stores[0]);
  return stores[0];
}

export type Shelf = CatalogResponses['list'];

/**
 * The chosen store's shelf (`catalog.list`), with the member's prices. A stored store that no
 * longer exists is forgotten and the default store is used instead. Opened from a group's share
 * card, the shelf waits for the group join, so the group's prices (群专享) show on the first load.
 */
export async function loadShelf(): Promise<Shelf> {
  const [store] = await Promise.all([ensureStore(), handleShareEntry()]);
  try {
    const shelf = await callCloud('catalog', { action: 'list', storeId: store.storeId });
    // Keep the stored name and address as the backend has them now.
    if (shelf.store.name !== store.name || shelf.store.address !== store.address) setStore(shelf.store);
    return shelf;
  } catch (err) {
    if (!(err instanceof CloudCallError) || err.code !== 'NOT_FOUND') throw err;
    forgetStore();
    const fallback = await ensureStore();
    return callCloud('catalog', { action: 'list', storeId: fallback.storeId });
  }
}
