import assert from '@test/support/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@jest/globals';
import { ServiceRecords, Storage } from '@emulator/database/storage.js';
import { createDurablePayStore, type PayOrder } from '@emulator/payment/index.js';

const order = (outTradeNo: string, overrides: Partial<PayOrder> = {}): PayOrder => ({
  outTradeNo,
  functionName: 'payCallback',
  envId: 'test-env',
  subMchId: '1900000109',
  body: '果粒鲜选-酸奶',
  totalFee: 1990,
  feeType: 'CNY',
  tradeType: 'JSAPI',
  spbillCreateIp: '127.0.0.1',
  payerOpenid: 'o-payer',
  appId: 'wxtestapp0000001',
  prepayId: 'wx2025061812050600000000000000000000',
  transactionId: '4200000000000000000000000000',
  state: 'NOTPAY',
  refunds: [],
  createdAt: new Date('2025-06-18T04:05:06.000Z'),
  requestData: { out_trade_no: outTradeNo },
  ...overrides,
});

test('durable pay store: orders, refunds and their dates read back after reopening the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pay-store-'));
  const records = new ServiceRecords(dir);
  const store = createDurablePayStore(records);
  store.set(order('o1'));
  store.set(order('o2'));
  const refund = { outRefundNo: 'Ro1', refundId: '50123', refundFee: 1990, createdAt: new Date('2025-06-19T00:00:00.000Z') };
  store.set(order('o1', { state: 'REFUND', timeEnd: '20250618120506', refunds: [refund] }));
  records.close();

  const again = new ServiceRecords(dir);
  const reopened = createDurablePayStore(again);
  assert.deepEqual(reopened.all().map((o) => o.outTradeNo), ['o1', 'o2']);
  assert.deepEqual(reopened.get('o1'), order('o1', { state: 'REFUND', timeEnd: '20250618120506', refunds: [refund] }));
  assert.ok(reopened.get('o2')!.createdAt instanceof Date);
  again.close();
});

test('durable pay store: clear forgets the orders and leaves the database documents alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pay-store-'));
  const storage = new Storage(dir);
  storage.addCollection('notes');
  storage.write([{ collection: 'notes', id: '"n1"', body: '{"_id":"n1"}' }]);
  const records = new ServiceRecords(dir);
  const store = createDurablePayStore(records);
  store.set(order('o1'));
  store.clear();
  assert.equal(store.get('o1'), undefined);
  records.close();
  const again = new ServiceRecords(dir);
  assert.deepEqual(createDurablePayStore(again).all(), []);
  again.close();
  assert.deepEqual(storage.documents(), [{ collection: 'notes', id: '"n1"', body: '{"_id":"n1"}' }]);
  storage.close();
});
