import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { buyerOf, isPaidActive, newMember } from '@core/member';
import { activate, addSavings, birthdayKeysToday, grantDays, monthKey, quotePurchase, termsToSettle, weekKey, type PaidCard } from '@core/membership';

const NOW = new Date('2026-11-26T04:00:00Z');
const DAY = 86_400_000;
const ok = (check: ReturnType<typeof quotePurchase>) => {
  assert.ok(check.ok);
  return check.quote;
};

test('quotePurchase: a new card at the plan price; renewal extends from the current end', () => {
  const q = ok(quotePurchase(null, 'premium', NOW));
  assert.deepEqual(q, { plan: 'premium', kind: 'new', priceFen: 19900, creditFen: 0 });
  const card = activate(null, q, 't1', NOW);
  assert.equal(card.expiresAt.toISOString(), '2027-11-26T04:00:00.000Z');
  const renewal = ok(quotePurchase(card, 'premium', new Date(NOW.getTime() + 100 * DAY)));
  assert.equal(renewal.kind, 'renew');
  const renewed = activate(card, renewal, 't2', new Date(NOW.getTime() + 100 * DAY));
  assert.equal(renewed.expiresAt.toISOString(), '2028-11-26T04:00:00.000Z');
  assert.equal(renewed.terms.length, 2);
});

test('quotePurchase: lite → premium charges 199 minus the unused part of lite, by day, and starts a new year', () => {
  const lite = activate(null, ok(quotePurchase(null, 'lite', NOW)), 'l1', NOW);
  const halfway = new Date(NOW.getTime() + 182 * DAY);
  const up = ok(quotePurchase(lite, 'premium', halfway));
  assert.equal(up.kind, 'upgrade');
  // 365-day term, 183 days unused: 9900 × 183 / 365 = 4963.5 → 4963 credited.
  assert.equal(up.creditFen, 4963);
  assert.equal(up.priceFen, 19900 - 4963);
  const premium = activate(lite, up, 'p1', halfway);
  assert.equal(premium.plan, 'premium');
  assert.equal(premium.terms[0].endsAt.getTime(), halfway.getTime());
  assert.equal(premium.terms[0].feeFen, 9900 - 4963);
  assert.equal(premium.expiresAt.toISOString(), '2028-05-27T04:00:00.000Z');
  assert.equal(quotePurchase(premium, 'lite', halfway).ok, false);
});

test('termsToSettle: an ended term owes the fee minus what it saved, never less than zero', () => {
  let card: PaidCard = activate(null, ok(quotePurchase(null, 'premium', NOW)), 't1', NOW);
  card = addSavings(card, new Date(NOW.getTime() + 10 * DAY), 3000);
  assert.deepEqual(termsToSettle(card, new Date(NOW.getTime() + 300 * DAY)), []);
  const due = termsToSettle(card, new Date(NOW.getTime() + 366 * DAY));
  assert.equal(due.length, 1);
  assert.equal(due[0].refundFen, 19900 - 3000);
  const rich = addSavings(card, NOW, 50_000);
  assert.equal(termsToSettle(rich, new Date(NOW.getTime() + 366 * DAY))[0].refundFen, 0);
});

test('grantDays: a trial from now or from the current end, with no fee', () => {
  const trial = grantDays(null, 'lite', 3, 'g1', NOW, true);
  assert.equal(trial.expiresAt.getTime(), NOW.getTime() + 3 * DAY);
  assert.equal(trial.terms[0].feeFen, 0);
  assert.equal(grantDays(trial, 'lite', 3, 'g2', NOW, true).expiresAt.getTime(), NOW.getTime() + 6 * DAY);
});

test('monthKey, weekKey, birthdayKeysToday: in Shanghai; 29 February on the 28th in other years', () => {
  assert.equal(monthKey(new Date('2026-11-30T16:30:00Z')), '2026-12');
  assert.equal(weekKey(new Date('2026-11-26T04:00:00Z')), 'week-of-2026-11-23');
  assert.equal(weekKey(new Date('2026-11-29T16:30:00Z')), 'week-of-2026-11-30');
  assert.deepEqual(birthdayKeysToday(new Date('2027-02-28T04:00:00Z')), ['02-28', '02-29']);
  assert.deepEqual(birthdayKeysToday(new Date('2028-02-28T04:00:00Z')), ['02-28']);
  assert.deepEqual(birthdayKeysToday(new Date('2028-02-29T04:00:00Z')), ['02-29']);
});

test('isPaidActive: a card gives its discounts only from its start instant to its end', () => {
  const card = activate(null, ok(quotePurchase(null, 'premium', NOW)), 't1', NOW);
  const justBefore = new Date(NOW.getTime() - 1);
  assert.equal(isPaidActive({ paid: card }, justBefore), false);
  assert.equal(isPaidActive({ paid: card }, NOW), true);
  assert.equal(isPaidActive({ paid: card }, new Date(card.expiresAt.getTime() - 1)), true);
  assert.equal(isPaidActive({ paid: card }, card.expiresAt), false);
  // Priced before the card started: no 95折 on the checkout, and the quote sees no card to renew.
  const buyer = buyerOf({ ...newMember('o1', justBefore), paid: card }, justBefore);
  assert.equal(buyer.paid, false);
  assert.equal(ok(quotePurchase(card, 'premium', justBefore)).kind, 'new');
});
