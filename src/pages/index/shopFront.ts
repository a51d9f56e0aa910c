import type { BannerView } from '@contract/catalog';
import { callCloud } from '@/services/cloud';
import { handleShareEntry } from '@/services/sharing';
import { ensureStore, loadShelf, type Shelf } from '@/services/store';

/** The shop's front page: the chosen store's shelf and the banners for this member now. */
export interface ShopFront extends Shelf {
  banners: BannerView[];
}

/** Banners dress the page; without them (none, or the call failed) the shelf shows all the same. */
async function loadBanners(storeId: string): Promise<BannerView[]> {
  try {
    return (await callCloud('catalog', { action: 'home', storeId })).banners;
  } catch {
    return [];
  }
}

/**
 * The shelf and the banners, asked at the same time (one round trip). Both wait for a group join a
 * share card started, as the group's prices and banners depend on it.
 */
export async function loadShop(): Promise<ShopFront> {
  const [store] = await Promise.all([ensureStore(), handleShareEntry()]);
  const [shelf, banners] = await Promise.all([loadShelf(), loadBanners(store.storeId)]);
  // The chosen store is gone and the shelf fell back to the default one: its banners instead.
  if (shelf.store.storeId !== store.storeId) return { ...shelf, banners: await loadBanners(shelf.store.storeId) };
  return { ...shelf, banners };
}
