import type { StoreView } from '@contract/catalog';
import { parseVoucherCode } from '@core/voucher';
import { callCloud } from '@/services/cloud';
import { currentStore } from '@/services/store';

/** The store a pickup voucher is for: its QR names it (signed, so it is the order's store). */
export function storeIdOfVoucher(code: string): string | null {
  const parsed = parseVoucherCode(code);
  return parsed.kind === 'qr' ? parsed.claims.storeId : null;
}

/** The stores as `catalog.stores` listed them, once per app session (an error is not kept). */
let directory: Promise<StoreView[]> | null = null;

/**
 * A store's address, hours, phone and location. The chosen store is already in storage (no request);
 * another is looked up in the store list, fetched at most once while the app runs.
 */
export async function findStore(storeId: string): Promise<StoreView | null> {
  const chosen = currentStore();
  if (chosen?.storeId === storeId && (chosen.phone || chosen.location)) return chosen;
  directory ??= callCloud('catalog', { action: 'stores' }).then(
    ({ stores }) => stores,
    (err: unknown) => {
      directory = null;
      throw err;
    },
  );
  return (await directory).find((s) => s.storeId === storeId) ?? null;
}
