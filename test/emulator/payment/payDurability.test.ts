// Cloud payment remembers its orders across a restart of the local cloud, as WeChat Pay does: an order
// paid before a restart (graceful or kill -9) can be refunded after it, and the payment callback of an
// order created before it can still be delivered through POST /__dev/pay/<outTradeNo>.
import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { OrderView } from '@contract/order';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, createOrder, detail, documents, okData, pay } from '@test/support/shop';

interface StoredOrder {
  orderId: string;
  status: string;
  refundState?: string;
}

async function storedOrder(cloud: EmulatorInstance, orderId: string): Promise<StoredOrder> {
  const found = (await documents<StoredOrder>(cloud, 'orders')).find((o) => o.orderId === orderId);
  assert.ok(found, `no stored order ${orderId}`);
  return found;
}

describe('cloud payment: orders survive a restart', () => {
  for (const how of ['stop', 'kill'] as const) {
    test(`${how === 'stop' ? 'graceful stop' : 'kill -9'}: a paid order is refunded and a pending one paid after the restart`, async () => {
      const first = await startEmulator({ seed: 'demo' });
      let paid: OrderView;
      let pendingOrderId: string;
      let pendingTradeNo: string;
      try {
        paid = await buy(first, 'demo-member', [{ skuId: 'fruit-strawberry', qty: 1 }]);
        assert.equal(paid.status, 'paid');
        const pending = okData(await createOrder(first, 'demo-gold', [{ skuId: 'dairy-milk-950', qty: 1 }]));
        pendingOrderId = pending.orderId;
        pendingTradeNo = pending.outTradeNo;
      } finally {
        await (how === 'stop' ? first.stop() : first.kill());
      }

      const second = await startEmulator({ seed: 'demo', dataDir: first.dataDir });
      try {
        // The refund reaches cloud payment, which still knows the order and accepts it.
        const refunded = okData(await second.call<Result<OrderView>>('order', { action: 'refund', orderId: paid.orderId, reason: '重启后退款' }, 'demo-member'));
        assert.equal(refunded.status, 'refunded');
        assert.equal((await storedOrder(second, paid.orderId)).refundState, 'accepted');
        // The order created before the restart can still be paid through the dev gateway.
        const deliveries = await pay(second, pendingTradeNo);
        assert.equal(deliveries.length, 1);
        assert.equal(deliveries[0].result?.errcode, 0);
        assert.equal((await detail(second, 'demo-gold', pendingOrderId)).status, 'paid');
        // A reset forgets the payment records with the rest of the data.
        await second.post('/__dev/reset', { seed: 'demo' });
        assert.equal((await second.post(`/__dev/pay/${pendingTradeNo}`, { result: 'SUCCESS', times: 1 })).status, 404);
      } finally {
        await second.stop();
      }
    });
  }
});
