import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { DashboardView } from '@contract/admin';
import type { Result } from '@contract/errors';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { playDemoHistory } from '@ops/demoHistory';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { documents, okData } from '@test/support/shop';

/** A Wednesday noon in Shanghai. */
const NOW = new Date('2026-12-02T04:00:00.000Z');

describe('the demo history npm start plays into a fresh cloud', () => {
  let cloud: EmulatorInstance;
  let outcome: Awaited<ReturnType<typeof playDemoHistory>>;
  let clockAfter: { frozen: boolean };

  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo', coverage: false });
    outcome = await playDemoHistory(cloud.url, NOW);
    clockAfter = (await cloud.get<{ frozen: boolean }>('/__dev/clock')).body;
    // The figures below are read as of the history's "now", whatever day the tests run on.
    await cloud.post('/__dev/clock', { now: NOW.toISOString() });
  }, 240_000);
  afterAll(async () => {
    await cloud.stop();
  });

  test('every segment has members in the latest week, and the personas are where the history puts them', async () => {
    assert.equal(outcome.weeks.length, 10);
    assert.equal(outcome.weeks[outcome.weeks.length - 1], '2026-W49');
    const segment = new Map((await documents<{ _id: string; segment: string | null }>(cloud, 'members')).map((m) => [m._id, m.segment]));
    assert.deepEqual(
      ['demo-diamond', 'demo-gold', 'demo-member', 'demo-normal', 'demo-paid', 'demo-m15'].map((id) => segment.get(id)),
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'],
    );
    const view = okData(await cloud.call<Result<DashboardView>>('admin', { action: 'dashboard', weeks: 8 }, 'demo-admin'));
    const latest = view.segments[view.segments.length - 1];
    for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'] as const) assert.ok(latest.counts[s] > 0, `${s} is empty`);
    assert.equal(view.segments.length, 8);
    assert.ok(view.moves.list.some((m) => m.from !== m.to), 'members moved between the two latest weeks');
    assert.ok(view.bySegment.filter((r) => r.orders > 0).length >= 4);
    const live = view.live.find((l) => l.sessionId === 'live-demo-past');
    assert.deepEqual(live && { reserved: live.reserved, entered: live.entered, watched: live.watched, ordered: live.ordered }, { reserved: 6, entered: 5, watched: 3, ordered: 2 });
    // The weekly campaign for S4 reached every S4 member of the latest week, one coupon each.
    const campaign = view.campaigns.find((c) => c.campaignId === 'demo-s4-weekly');
    assert.deepEqual(campaign && [campaign.matched, campaign.issued, campaign.skipped], [latest.counts.S4, latest.counts.S4, 0]);
  });

  test('the dashboard\'s coupon, paid-card and live figures equal those counted by hand from the documents', async () => {
    const view = okData(await cloud.call<Result<DashboardView>>('admin', { action: 'dashboard', weeks: 8 }, 'demo-admin'));
    const since = Date.parse(view.asOf) - 8 * 7 * 86_400_000;
    const coupons = await documents<{ templateId: string; status: string; issuedAt: string; source: string; terms: { valueFen?: number } }>(cloud, 'coupons');
    const orders = await documents<{ status: string; paidAt: string | null; couponTemplateId?: string | null; couponDiscountFen: number; liveSessionId: string | null; payableFen: number }>(cloud, 'orders');
    const recent = coupons.filter((c) => Date.parse(c.issuedAt) >= since);
    const templates = [...new Set(recent.map((c) => c.templateId))].sort();
    const bought = orders.filter((o) => (o.status === 'paid' || o.status === 'picked_up') && o.paidAt && Date.parse(o.paidAt) >= since);
    assert.deepEqual(
      [...view.coupons].sort((a, b) => a.templateId.localeCompare(b.templateId)),
      templates.map((templateId) => ({
        templateId,
        issued: recent.filter((c) => c.templateId === templateId).length,
        used: recent.filter((c) => c.templateId === templateId && c.status === 'used').length,
        discountFen: bought.filter((o) => o.couponTemplateId === templateId).reduce((sum, o) => sum + o.couponDiscountFen, 0),
      })),
    );
    assert.ok(view.coupons.some((c) => c.templateId === 'sys-referral-inviter' && c.issued === 6), 'the KOC got one reward per friend');
    assert.ok(view.coupons.some((c) => c.templateId === 'sys-referral-invitee' && c.used === 1 && c.discountFen === 1000), 'a friend spent her 新人礼');
    for (const row of view.bySegment) {
      const withCoupon = bought.filter((o) => o.couponTemplateId && ((o as { segment?: string | null }).segment ?? 'none') === row.segment);
      assert.equal(row.couponsUsed, withCoupon.length, `coupons used by ${row.segment}`);
    }
    const members = await documents<{ paid: { plan: string; expiresAt: string } | null }>(cloud, 'members');
    const active = members.filter((m) => m.paid && Date.parse(m.paid.expiresAt) > Date.parse(view.asOf));
    assert.deepEqual(view.paid, {
      active: active.length,
      lite: active.filter((m) => m.paid!.plan === 'lite').length,
      premium: active.filter((m) => m.paid!.plan === 'premium').length,
      guaranteeFen: coupons.filter((c) => c.source === 'guarantee').reduce((sum, c) => sum + (c.terms.valueFen ?? 0), 0),
    });
    // The KOC leads the sharers: six friends' orders came through her card.
    assert.deepEqual(view.sharers[0], { openid: 'demo-paid', orders: 6, gmvFen: bought.filter((o) => (o as { attribution?: { sharer: string } }).attribution?.sharer === 'demo-paid').reduce((sum, o) => sum + o.payableFen, 0) });
    const live = view.live.find((l) => l.sessionId === 'live-demo-past')!;
    const fromLive = bought.filter((o) => o.liveSessionId === 'live-demo-past');
    assert.equal(live.ordered, fromLive.length);
    assert.equal(live.gmvFen, fromLive.reduce((sum, o) => sum + o.payableFen, 0));
  });

  test('the history leaves the shop consistent: the invariant checker finds nothing, and the clock is real time again', async () => {
    const report = await checkLocalCloud(cloud.url);
    assert.deepEqual(report.violations, []);
    assert.equal(clockAfter.frozen, false);
    assert.ok(outcome.orders >= 90, `${outcome.orders} orders`);
  });
});
