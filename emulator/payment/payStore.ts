// Where cloud payment keeps its unifiedOrder records. WeChat Pay remembers an order for as long as
// it may be refunded, so the local cloud must too: a restart (or a crash) between paying and
// refunding must not lose the order. The durable store writes through to the data directory's
// SQLite file (see ServiceRecords in ../database/storage.ts) and answers reads from memory.

import type { PayOrder, PayStore } from './pay.js';

/** The slice of database/storage.ts's ServiceRecords this store needs (kept structural: no import of database/). */
export interface RecordFile {
  all(service: string): Array<{ key: string; body: string }>;
  put(service: string, key: string, body: string): void;
  clear(service: string): void;
}

const SERVICE = 'cloudPay.orders';

export function createMemoryPayStore(): PayStore {
  const orders = new Map<string, PayOrder>();
  return {
    get: (no) => orders.get(no),
    set: (order) => void orders.set(order.outTradeNo, order),
    all: () => [...orders.values()],
    clear: () => orders.clear(),
  };
}

/** JSON turned Dates into strings; the rest of PayOrder is JSON already. */
function revive(body: string): PayOrder {
  const order = JSON.parse(body) as PayOrder;
  order.createdAt = new Date(order.createdAt);
  order.refunds = order.refunds.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  return order;
}

/** Orders recorded in `file`; every set is durable before it returns, like a database write. */
export function createDurablePayStore(file: RecordFile): PayStore {
  const cache = createMemoryPayStore();
  for (const { body } of file.all(SERVICE)) cache.set(revive(body));
  return {
    get: cache.get,
    all: cache.all,
    set(order) {
      // Disk first: an answer given to the function must never be forgotten by a restart.
      file.put(SERVICE, order.outTradeNo, JSON.stringify(order));
      cache.set(order);
    },
    clear() {
      file.clear(SERVICE);
      cache.clear();
    },
  };
}
