import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { creditPayment } from '@core/growth';
import { creditReceipt, deltasOf, normalizeReceiptNo, receiptId, receiptRef, reverseReceipt } from '@core/inStore';
import { newMember, type Member } from '@core/member';
import { checkInvariants } from '@ops/invariants';

const NOW = new Date('2026-11-26T04:00:00Z');
const member = (growth: number, points: number, extra: Partial<Member> = {}): Member => ({ ...newMember('o-1', NOW), growth, points, ...extra });

test('receiptId: one record per store and receipt, whatever the case typed', () => {
  assert.equal(normalizeReceiptNo(' a-1024 '), 'A-1024');
  assert.equal(receiptId('store-flagship', 'a-1024'), 'store-flagship|A-1024');
  assert.equal(receiptRef('store-flagship', 'A-1024'), 'receipt:store-flagship|A-1024');
});

test('creditReceipt: earns what a paid order of the amount earns, with the receipt in the ledger\'s words and keys', () => {
  const before = member(480, 10);
  const credit = creditReceipt(before, { storeId: 'store-flagship', receiptNo: 'r-88', amountFen: 5_099, paidMember: false, now: NOW });
  const online = creditPayment(before, { orderId: 'x', paidFen: 5_099, paidMember: false, now: NOW });
  assert.deepEqual(credit.set, online.set);
  assert.deepEqual(deltasOf(before, credit), { growth: 50, points: 50 });
  assert.equal(credit.set.tier, 'silver');
  assert.deepEqual(
    credit.entries.map((e) => [e.key, e.kind, e.delta, e.reason]),
    [
      ['growth:pay:receipt:store-flagship|R-88', 'growth', 50, '到店消费 小票 R-88'],
      ['points:pay:receipt:store-flagship|R-88', 'points', 50, '到店消费 小票 R-88'],
      ['tier:pay:receipt:store-flagship|R-88', 'tier', 1, '成长值升级'],
    ],
  );
  // A paid member earns double points, and the ledger says so.
  const paid = creditReceipt(before, { storeId: 's', receiptNo: 'R1', amountFen: 1_000, paidMember: true, now: NOW });
  assert.deepEqual(deltasOf(before, paid), { growth: 10, points: 20 });
  assert.equal(paid.entries[1].reason, '到店消费 小票 R1（心享双倍积分）');
  // Under ¥1 earns nothing and writes no "+0" line.
  assert.deepEqual(creditReceipt(before, { storeId: 's', receiptNo: 'R2', amountFen: 99, paidMember: false, now: NOW }).entries, []);
});

test('reverseReceipt: takes back what it earned, drops the tier at once, records a points shortfall; the input is untouched', () => {
  const after = member(530, 20, { tier: 'silver', tierExpiresAt: new Date('2027-05-26T04:00:00Z') });
  const snapshot = JSON.stringify(after);
  const reversal = reverseReceipt(after, { storeId: 'store-flagship', receiptNo: 'R-88', growthEarned: 50, pointsEarned: 50, now: NOW });
  assert.deepEqual(reversal.set, { growth: 480, points: 0, tier: 'normal', tierExpiresAt: null });
  assert.deepEqual(
    reversal.entries.map((e) => [e.key, e.delta, e.reason, e.shortfall ?? 0]),
    [
      ['growth:refund:receipt:store-flagship|R-88', -50, '到店消费退款扣回 小票 R-88', 0],
      ['points:refund:receipt:store-flagship|R-88', -20, '到店消费退款扣回积分 小票 R-88', 30],
      ['tier:refund:receipt:store-flagship|R-88', -1, '退款后等级重算', 0],
    ],
  );
  assert.equal(JSON.stringify(after), snapshot);
});

test('checkInvariants: a receipt credited twice, reversed without its refund, or a ledger line for no receipt is caught', () => {
  const at = NOW.toISOString();
  const line = (key: string, kind: string, delta: number) => ({ _id: key, key, openid: 'o-1', kind, delta, balance: 0, at });
  const receipt = { _id: 's|R1', openid: 'o-1', growthEarned: 50, pointsEarned: 50, refundedAt: null as string | null, refund: undefined as undefined | { growthReversed: number; pointsReversed: number } };
  const world = (receipts: object[], ledger: object[], growth: number, points: number) =>
    checkInvariants({ members: [{ _id: 'o-1', growth, points }], ledger: ledger as never, inStoreReceipts: receipts as never }).violations;
  const credited = [line('growth:pay:receipt:s|R1', 'growth', 50), line('points:pay:receipt:s|R1', 'points', 50)];
  assert.deepEqual(world([receipt], credited, 50, 50), []);
  const reversed = [...credited, line('growth:refund:receipt:s|R1', 'growth', -50), line('points:refund:receipt:s|R1', 'points', -50)];
  assert.deepEqual(world([{ ...receipt, refundedAt: at, refund: { growthReversed: 50, pointsReversed: 50 } }], reversed, 0, 0), []);
  assert.equal(world([receipt], reversed, 0, 0).length, 1);
  assert.equal(world([{ ...receipt, growthEarned: 100 }], credited, 50, 50).length, 1);
  assert.equal(world([], credited, 50, 50).length, 2);
  // A gift handed over at the counter is a used coupon without an order, and only a gift may be.
  const gift = { _id: 'c1', templateId: 't', openid: 'o-1', status: 'used', usedBy: null, usedAt: at, terms: { kind: 'gift' }, usedInStore: { at } };
  const coupons = (c: object) => checkInvariants({ coupons: [c] as never, couponTemplates: [{ _id: 't', issued: 1 }] }).violations;
  assert.deepEqual(coupons(gift), []);
  assert.equal(coupons({ ...gift, terms: { kind: 'cash' } }).length, 1);
});
