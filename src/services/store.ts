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
    // Phone and location too: the voucher of an order at this store shows them without asking again.
    Taro.setStorageSync(STORE_KEY, {
      storeId: store.storeId,
      name: store.name,
      address: store.address,
      ...(store.hours ? { hours: store.hours } : {}),
      ...(store.phone ? { phone: store.phone } : {}),
      ...(store.location ? { location: store.location } : {}),
    });
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
  // The member may have picked a store while the list was on its way: their choice wins over the default.
  const pickedMeanwhile = currentStore();
  if (pickedMeanwhile) return pickedMeanwhile;
  if (!stores.length) throw new CloudCallError('NOT_FOUND', '暂无可自提的门店');
  setStore(stores[0]);
  return stores[0];
}

export type Shelf = CatalogResponses['list'];

/** What the shop shows of a store, as stored and as the backend has it now. */
function storeChanged(stored: StoreView, now: StoreView): boolean {
  return stored.name !== now.name || stored.address !== now.address || stored.hours !== now.hours || stored.phone !== now.phone;
}

/**
 * The chosen store's shelf (`catalog.list`), with the member's prices. A stored store that no
 * longer exists is forgotten and the default store is used instead. Opened from a group's share
 * card, the shelf waits for the group join, so the group's prices (群专享) show on the first load.
 */
export async function loadShelf(): Promise<Shelf> {
  const [store] = await Promise.all([ensureStore(), handleShareEntry()]);
  try {
    const shelf = await callCloud('catalog', { action: 'list', storeId: store.storeId });
    // Keep the stored store as the backend has it now, unless the member switched while this was on its
    // way (an older answer must never bring back the store they left).
    if (currentStoreId() === shelf.store.storeId && storeChanged(store, shelf.store)) setStore({ ...store, ...shelf.store });
    return shelf;
  } catch (err) {
    if (!(err instanceof CloudCallError) || err.code !== 'NOT_FOUND') throw err;
    if (currentStoreId() === store.storeId) forgetStore();
    const fallback = await ensureStore();
    return callCloud('catalog', { action: 'list', storeId: fallback.storeId });
  }
}
