import { describe, test } from '@jest/globals';
import fc from 'fast-check';
import assert from '@test/support/assert';
import { audienceIsEmpty, benefitsText, campaignRunId, campaignState, currentRunKey, dueRunKey, inAudience, type AudienceMember } from '@core/campaign';

/** Tuesday 1 December 2026, 10:00 in Shanghai (ISO week 2026-W49). */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const member = (over: Partial<AudienceMember> = {}): AudienceMember => ({ tier: 'silver', segment: 'S4', groups: [], paidOrderCount: 2, paid: null, ...over });

describe('campaign audiences and runs', () => {
  test('every condition must hold; `all` alone names everyone; an empty audience names nobody', () => {
    assert.equal(inAudience({ segments: ['S4'] }, member(), NOW), true);
    assert.equal(inAudience({ segments: ['S1'] }, member(), NOW), false);
    assert.equal(inAudience({ segments: ['S4'], tiers: ['gold'] }, member(), NOW), false);
    assert.equal(inAudience({ segments: ['S4'], paid: true }, member({ paid: { expiresAt: new Date(NOW.getTime() + 1) } }), NOW), true);
    assert.equal(inAudience({ paid: true }, member({ paid: { expiresAt: NOW } }), NOW), false, 'a card ending now is over');
    assert.equal(inAudience({ paid: false }, member(), NOW), true);
    assert.equal(inAudience({ groups: ['g1'] }, member({ groups: ['g0', 'g1'] }), NOW), true);
    assert.equal(inAudience({ new: true }, member({ paidOrderCount: 0, segment: null }), NOW), true);
    assert.equal(inAudience({ new: true }, member(), NOW), false);
    assert.equal(inAudience({ segments: ['S4'] }, member({ segment: null }), NOW), false);
    assert.equal(inAudience({ all: true }, member({ segment: null }), NOW), true);
    assert.equal(inAudience({}, member(), NOW), false);
    assert.equal(audienceIsEmpty({}), true);
    assert.equal(audienceIsEmpty({ all: true }), false);
  });

  test('adding a condition never widens the audience (property)', () => {
    const segment = fc.constantFrom('S1', 'S2', 'S3', 'S4', 'S5', 'S6', null);
    fc.assert(
      fc.property(segment, fc.constantFrom('normal', 'silver', 'gold', 'diamond'), fc.nat(5), fc.subarray(['S1', 'S2', 'S3', 'S4', 'S5', 'S6']), fc.boolean(), (seg, tier, orders, segments, paid) => {
        const m = member({ segment: seg, tier: tier as AudienceMember['tier'], paidOrderCount: orders });
        const wide = inAudience({ segments }, m, NOW);
        const narrow = inAudience({ segments, paid }, m, NOW);
        return !narrow || wide;
      }),
    );
  });

  test('a one-off campaign runs once from its start; a weekly one each week after that week’s segmentation', () => {
    const start = new Date(NOW.getTime() - 3600_000);
    assert.equal(dueRunKey({ startAt: new Date(NOW.getTime() + 1) }, NOW, '2026-W49'), null);
    assert.equal(dueRunKey({ startAt: start }, NOW, null), 'once');
    assert.equal(dueRunKey({ startAt: start, paused: true }, NOW, null), null);
    assert.equal(dueRunKey({ startAt: start, repeat: 'weekly' }, NOW, '2026-W48'), null, 'this week not segmented yet');
    assert.equal(dueRunKey({ startAt: start, repeat: 'weekly' }, NOW, '2026-W49'), '2026-W49');
    assert.equal(currentRunKey({ repeat: 'weekly' }, NOW), '2026-W49');
    assert.equal(currentRunKey({}, NOW), 'once');
    assert.equal(campaignRunId('c1', 'once'), 'c1@once');
  });

  test('states as operators see them, and the benefits as a message says them', () => {
    const c = { startAt: new Date(NOW.getTime() - 1) };
    assert.equal(campaignState(c, null, NOW), 'scheduled');
    assert.equal(campaignState(c, { state: 'running' }, NOW), 'running');
    assert.equal(campaignState({ ...c, paused: true }, { state: 'running' }, NOW), 'paused');
    assert.equal(campaignState(c, { state: 'done' }, NOW), 'done');
    assert.equal(campaignState({ ...c, paused: true }, { state: 'done' }, NOW), 'done', 'finished stays finished');
    assert.equal(campaignState({ ...c, repeat: 'weekly', paused: true }, { state: 'done' }, NOW), 'paused');
    assert.equal(campaignState({ ...c, repeat: 'weekly' }, { state: 'done' }, NOW), 'scheduled', 'a weekly campaign waits for next week');
    const text = (id: string) => (id === 't1' ? '满¥59.00减¥10.00' : undefined);
    assert.equal(benefitsText([{ kind: 'coupon', templateId: 't1' }, { kind: 'points', points: 200 }], text), '满¥59.00减¥10.00 + 200积分');
    assert.equal(benefitsText([{ kind: 'coupon', templateId: 't1' }, { kind: 'coupon', templateId: 't2' }], text), '优惠券2张');
    assert.equal(benefitsText([], text), '专属权益');
  });
});
