import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { isPaidMemberFriday } from '@core/checkout';
import { OFFER_BLOCK_TEXT, offerBlock, type CouponTemplate } from '@core/couponTemplate';
import { membershipSavedFen } from '@core/membership';
import { cancelMeaning, isRefundable, PAYMENT_WINDOW_MS, REFUND_AFTER_PICKUP_MS } from '@core/order';

const NOW = new Date('2026-11-26T04:00:00Z'); // a Thursday noon in Shanghai
const buyer = { tier: 'silver' as const, paid: false, segment: null, groups: [], isNewCustomer: false };

test('cancelMeaning: unpaid is cancelled, paid refunded, finished answered as it is, creating waits, picked up refused', () => {
  assert.deepEqual(
    (['pending_payment', 'paid', 'cancelled', 'refunded', 'reserving', 'picked_up'] as const).map(cancelMeaning),
    ['cancel', 'refund', 'asItIs', 'asItIs', 'wait', 'refuse'],
  );
});

test('isRefundable: before pickup always, after pickup for seven days, never otherwise', () => {
  assert.equal(isRefundable({ status: 'paid', pickedUpAt: null }, NOW), true);
  const picked = new Date(NOW.getTime() - REFUND_AFTER_PICKUP_MS);
  assert.equal(isRefundable({ status: 'picked_up', pickedUpAt: picked }, NOW), true);
  assert.equal(isRefundable({ status: 'picked_up', pickedUpAt: new Date(picked.getTime() - 1) }, NOW), false);
  for (const status of ['pending_payment', 'cancelled', 'refunded', 'reserving'] as const) assert.equal(isRefundable({ status, pickedUpAt: null }, NOW), false);
  assert.equal(PAYMENT_WINDOW_MS, 15 * 60 * 1000);
});

test('offerBlock: ended, not for this member, sold out, already taken — in that order — or free to take', () => {
  const template: CouponTemplate & { issued?: number } = { templateId: 't', name: '券', kind: 'cash', valueFen: 500, validity: { days: 7 }, totalStock: 10, perMemberLimit: 1, issued: 3 };
  assert.equal(offerBlock(template, buyer, 0, NOW), null);
  assert.equal(offerBlock(template, buyer, 1, NOW), 'taken');
  assert.equal(offerBlock({ ...template, issued: 10 }, buyer, 1, NOW), 'soldOut');
  assert.equal(offerBlock({ ...template, audience: { type: 'tier', values: ['gold'] } }, buyer, 1, NOW), 'audience');
  assert.equal(offerBlock({ ...template, active: false }, buyer, 0, NOW), 'ended');
  assert.equal(offerBlock({ ...template, validity: { from: '2026-11-01', to: '2026-11-20' } }, buyer, 0, NOW), 'ended');
  assert.equal(OFFER_BLOCK_TEXT.soldOut, '已抢光');
});

test('membershipSavedFen: 心享 prices, the paid discount, and only a coupon that is the card\'s own perk', () => {
  const order = { subtotalWithoutCardFen: 10_000, subtotalFen: 9_200, paidMemberDiscountFen: 460, couponDiscountFen: 1_000 };
  assert.equal(membershipSavedFen({ ...order, couponIsCardPerk: true }), 800 + 460 + 1_000);
  assert.equal(membershipSavedFen({ ...order, couponIsCardPerk: false }), 800 + 460);
  // A list price lower than the card's price never counts as a negative saving.
  assert.equal(membershipSavedFen({ ...order, subtotalWithoutCardFen: 9_000, couponIsCardPerk: false }), 460);
});

test('isPaidMemberFriday: Friday in Shanghai, from Thursday 16:00 UTC', () => {
  assert.equal(isPaidMemberFriday(NOW), false);
  assert.equal(isPaidMemberFriday(new Date('2026-11-26T16:00:00Z')), true);
  assert.equal(isPaidMemberFriday(new Date('2026-11-27T15:59:59Z')), true);
  assert.equal(isPaidMemberFriday(new Date('2026-11-27T16:00:00Z')), false);
});
