import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { join } from 'node:path';
import assert from '@test/support/assert';
import type { CampaignStatusView, DashboardView } from '@contract/admin';
import type { Result } from '@contract/errors';
import { businessIsoWeek } from '@core/businessTime';
import { newMember } from '@core/member';
import { openDatabase, readSchema } from '@emulator/database';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { assertInvariants } from '@test/support/invariants';
import { acceptNotices, messages } from '@test/support/notices';
import { buy, documents, errorOf, okData, setClock } from '@test/support/shop';

/** Tuesday 1 December 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const iso = (d: Date) => d.toISOString();
const S4 = Array.from({ length: 40 }, (_, i) => `cmp-s4-${String(i).padStart(2, '0')}`);
const S1 = ['cmp-s1-a', 'cmp-s1-b', 'cmp-s1-c'];
const SUBSCRIBED = S4.slice(0, 5);

interface CouponDoc {
  _id: string;
  openid: string;
  templateId: string;
  sourceKey: string;
  campaignId?: string;
}

/**
 * Campaigns (千人千券) against a real local cloud, with 40 S4 members and 3 S1 members written into its
 * data directory, and pages of 5 members (CAMPAIGN_PAGE_SIZE), so concurrent starts, crashes and
 * pauses all land between and inside pages. Every test ends with the invariant checker.
 */
describe('campaigns: every member of the audience gets each benefit once per run', () => {
  let cloud: EmulatorInstance;
  let dataDir: string;
  const env = { CAMPAIGN_PAGE_SIZE: '5' };
  const admin = async <T>(data: Record<string, unknown>) => okData(await cloud.call<Result<T>>('admin', data, 'demo-admin'));
  const status = (campaignId: string) => admin<CampaignStatusView>({ action: 'campaignStatus', campaignId });
  const campaignCoupons = async (templateId: string) => (await documents<CouponDoc>(cloud, 'coupons')).filter((c) => c.templateId === templateId);
  const runToEnd = async (campaignId: string) => {
    let view = await admin<CampaignStatusView>({ action: 'runCampaign', campaignId });
    for (let i = 0; !view.done && i < 30; i += 1) view = await admin<CampaignStatusView>({ action: 'runCampaign', campaignId });
    return view;
  };
  const campaign = (campaignId: string, templateId: string, extra: Record<string, unknown> = {}) =>
    admin({ action: 'upsert', entity: 'campaign', doc: { campaignId, name: '价格敏感回流礼', audience: { segments: ['S4'] }, benefits: [{ kind: 'coupon', templateId }], startAt: NOW.toISOString(), ...extra } });

  beforeAll(async () => {
    // The demo shop (its admin, stores, shelf), then the audience written straight into the data directory.
    const first = await startEmulator({ seed: 'demo', env });
    dataDir = first.dataDir;
    await first.stop();
    const db = openDatabase({ dataDir, now: () => NOW, schema: readSchema(join(__dirname, '..', '..', 'database', 'schema.json')) });
    const at = new Date(NOW.getTime() - 90 * 86_400_000);
    db.insertMany('members', [...S4.map((id) => ({ ...newMember(id, at), segment: 'S4' })), ...S1.map((id) => ({ ...newMember(id, at), segment: 'S1' }))]);
    db.insertMany('segmentRuns', [{ _id: businessIsoWeek(NOW), week: businessIsoWeek(NOW), state: 'done', asOf: NOW, after: '', pages: 1, startedAt: NOW }]);
    db.close();
    cloud = await startEmulator({ dataDir, env });
    await setClock(cloud, NOW.toISOString());
    for (const openid of SUBSCRIBED) await acceptNotices(cloud, openid, ['campaignGift']);
  }, 120_000);

  afterAll(async () => {
    await cloud.stop();
  });

  test('the timer and operators starting the same campaign at once give each S4 member one coupon and one points grant, and tell the subscribed', async () => {
    await upsertTemplate(cloud, { templateId: 'cmp-back', name: '回流满减券', kind: 'threshold', valueFen: 1000, thresholdFen: 5900, validity: { days: 14 } });
    await campaign('cmp-concurrent', 'cmp-back', { benefits: [{ kind: 'coupon', templateId: 'cmp-back' }, { kind: 'points', points: 50 }], notify: true });
    // Three firings of the timer and three operators' 立即执行, all at the same moment.
    const starts = await Promise.all([
      ...[1, 2, 3].map(() => cloud.post('/__dev/trigger/campaigns')),
      ...[1, 2, 3].map(() => cloud.call<Result<CampaignStatusView>>('admin', { action: 'runCampaign', campaignId: 'cmp-concurrent' }, 'demo-admin')),
    ]);
    assert.equal(starts.length, 6);
    const view = await runToEnd('cmp-concurrent');
    assert.deepEqual(view, { campaignId: 'cmp-concurrent', state: 'done', runKey: 'once', matched: 40, issued: 80, skipped: 0, notified: 5, done: true });

    const coupons = await campaignCoupons('cmp-back');
    assert.deepEqual(coupons.map((c) => c.openid).sort(), [...S4].sort(), 'one coupon per S4 member, none for S1');
    assert.ok(coupons.every((c) => c.campaignId === 'cmp-concurrent' && c.sourceKey === 'campaign:cmp-concurrent@once'));
    const ledger = (await documents<{ key: string; openid: string; delta: number }>(cloud, 'ledger')).filter((e) => e.key.startsWith('points:campaign:'));
    assert.equal(ledger.length, 40);
    const members = new Map((await documents<{ _id: string; points: number; subscriptions?: { campaignGift?: number } }>(cloud, 'members')).map((m) => [m._id, m]));
    assert.ok(S4.every((id) => members.get(id)?.points === 50));
    assert.equal(members.get('cmp-s1-a')?.points, 0);
    // One message each to the five who accepted, which used their accept.
    const sent = await messages(cloud, { key: 'campaignGift' });
    assert.deepEqual(sent.map((m) => m.touser).sort(), [...SUBSCRIBED].sort());
    assert.equal(sent[0].page, 'pages/coupons/index');
    assert.equal(sent[0].data.thing1.value, '价格敏感回流礼');
    assert.ok(SUBSCRIBED.every((id) => members.get(id)?.subscriptions?.campaignGift === 0));

    // Repeated firings afterwards change nothing.
    await Promise.all([cloud.post('/__dev/trigger/campaigns'), admin({ action: 'runCampaign', campaignId: 'cmp-concurrent' })]);
    assert.equal((await campaignCoupons('cmp-back')).length, 40);
    assert.equal((await messages(cloud, { key: 'campaignGift' })).length, 5);
    await assertInvariants(cloud);
  }, 120_000);

  test('stock and per-member limits apply: members left without one are counted as skipped', async () => {
    await upsertTemplate(cloud, { templateId: 'cmp-few', name: '限量10元券', kind: 'cash', valueFen: 1000, validity: { days: 7 }, totalStock: 25, perMemberLimit: 1 });
    // One member already holds one (the limit), which also took one of the 25.
    await admin({ action: 'grant', openid: S4[3], kind: 'coupon', templateId: 'cmp-few', grantId: 'cmp-few-grant' });
    await campaign('cmp-stock', 'cmp-few');
    const view = await runToEnd('cmp-stock');
    assert.deepEqual([view.matched, view.issued, view.skipped], [40, 24, 16]);
    const coupons = await campaignCoupons('cmp-few');
    assert.equal(coupons.length, 25);
    assert.equal(coupons.filter((c) => c.openid === S4[3]).length, 1, 'the member at the limit got none from the campaign');
    const [template] = (await documents<{ _id: string; issued: number }>(cloud, 'couponTemplates')).filter((t) => t._id === 'cmp-few');
    assert.equal(template.issued, 25);
    await assertInvariants(cloud);
  }, 120_000);

  test('killed in the middle of pages (twice) and resumed, or swept by the timer, the run still gives each member one coupon', async () => {
    await upsertTemplate(cloud, { templateId: 'cmp-crash', name: '复购券', kind: 'cash', valueFen: 800, validity: { days: 7 }, totalStock: 1000, perMemberLimit: 2 });
    await campaign('cmp-crash', 'cmp-crash');
    // The admin function's instance dies right after its 9th, then its 23rd database request (inside
    // a page: after the stock was taken, between coupon batches, before the cursor moved).
    for (const after of [9, 23]) {
      await cloud.post('/__dev/crash', { function: 'admin', afterDatabaseRequests: after });
      const crashed = await cloud.call<Result<CampaignStatusView>>('admin', { action: 'runCampaign', campaignId: 'cmp-crash' }, 'demo-admin').catch((err: Error) => err);
      assert.ok(crashed instanceof Error || !crashed.ok, 'the call died with its instance');
    }
    // Minutes later orderTimeout settles any mark nobody came back for; then the operator resumes.
    await setClock(cloud, new Date(NOW.getTime() + 5 * 60_000).toISOString());
    await cloud.post('/__dev/trigger/orderTimeout');
    const view = await runToEnd('cmp-crash');
    assert.deepEqual([view.matched, view.issued, view.skipped], [40, 40, 0]);
    const coupons = await campaignCoupons('cmp-crash');
    assert.deepEqual(coupons.map((c) => c.openid).sort(), [...S4].sort());
    await assertInvariants(cloud);

    // And the whole local cloud killed (kill -9) while a run works, then restarted on its data.
    await upsertTemplate(cloud, { templateId: 'cmp-kill', name: '回归礼', kind: 'cash', valueFen: 500, validity: { days: 7 }, perMemberLimit: 1 });
    await campaign('cmp-kill', 'cmp-kill');
    const working = cloud.call('admin', { action: 'runCampaign', campaignId: 'cmp-kill' }, 'demo-admin').catch(() => null);
    // Killed as soon as the first page's coupons are in (pages of 5: seven more pages were still to go).
    for (let i = 0; i < 500 && (await campaignCoupons('cmp-kill')).length === 0; i += 1) await new Promise((ok) => setTimeout(ok, 5));
    await cloud.kill();
    await working;
    cloud = await startEmulator({ dataDir, env });
    await setClock(cloud, new Date(NOW.getTime() + 10 * 60_000).toISOString());
    // It died part-way: some members have their coupon, the run is not done.
    const before = (await campaignCoupons('cmp-kill')).length;
    assert.ok(before > 0 && before < 40, `killed part-way (${before} of 40 given)`);
    assert.equal((await status('cmp-kill')).done, false);
    await cloud.post('/__dev/trigger/orderTimeout');
    const resumed = await runToEnd('cmp-kill');
    assert.deepEqual([resumed.matched, resumed.issued], [40, 40]);
    assert.deepEqual((await campaignCoupons('cmp-kill')).map((c) => c.openid).sort(), [...S4].sort());
    await assertInvariants(cloud);
  }, 180_000);

  test('a paused campaign stays paused for the timer; runCampaign resumes it where it stopped', async () => {
    await upsertTemplate(cloud, { templateId: 'cmp-pause', name: '周末券', kind: 'cash', valueFen: 300, validity: { days: 7 } });
    await campaign('cmp-pause', 'cmp-pause', { startAt: new Date(NOW.getTime() + 86_400_000).toISOString() });
    assert.equal((await status('cmp-pause')).state, 'scheduled');
    const fired = (await cloud.post<{ result: { runs: Array<{ campaignId: string }> } }>('/__dev/trigger/campaigns')).body.result.runs;
    assert.ok(!fired.some((r) => r.campaignId === 'cmp-pause'), 'not before its start');
    const paused = await admin<CampaignStatusView>({ action: 'pauseCampaign', campaignId: 'cmp-pause' });
    assert.equal(paused.state, 'paused');
    await setClock(cloud, new Date(NOW.getTime() + 2 * 86_400_000).toISOString());
    await cloud.post('/__dev/trigger/campaigns');
    assert.equal((await campaignCoupons('cmp-pause')).length, 0, 'the timer leaves a paused campaign alone');
    const done = await runToEnd('cmp-pause');
    assert.deepEqual([done.state, done.issued], ['done', 40]);
    const missing = errorOf(await cloud.call<Result<CampaignStatusView>>('admin', { action: 'runCampaign', campaignId: 'cmp-none' }, 'demo-admin'));
    assert.equal(missing.code, 'NOT_FOUND');
    const refused = errorOf(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'campaign', doc: { campaignId: 'cmp-bad', name: '空', audience: {}, benefits: [], startAt: NOW.toISOString() } }, 'demo-admin'));
    assert.equal(refused.code, 'INVALID_ARGUMENT');
    const member = errorOf(await cloud.call<Result<unknown>>('admin', { action: 'campaignStatus', campaignId: 'cmp-pause' }, S4[0]));
    assert.equal(member.code, 'FORBIDDEN');
  }, 120_000);

  test('the dashboard shows each campaign’s figures as campaignStatus does', async () => {
    // A member spends the campaign's 满59减10 on an order: the campaign brought that order.
    const [coupon] = (await campaignCoupons('cmp-back')).filter((c) => c.openid === S4[0]);
    const order = await buy(cloud, S4[0], [{ skuId: 'gift-fruit-box', qty: 1 }], { couponId: coupon._id });
    assert.equal(order.couponId, coupon._id);
    const board = await admin<DashboardView>({ action: 'dashboard' });
    const row = board.campaigns.find((c) => c.campaignId === 'cmp-concurrent');
    assert.deepEqual(row, { campaignId: 'cmp-concurrent', matched: 40, issued: 80, skipped: 0, used: 1, gmvFen: order.payableFen });
    assert.ok(board.campaigns.some((c) => c.campaignId === 'cmp-stock' && c.skipped === 16));
  });

  // Last: the week's segmentation it runs reassigns these members (all but one have no orders).
  test('a weekly campaign runs once a week, only after that week’s segmentation, reaching the segment as it is then', async () => {
    await setClock(cloud, iso(NOW));
    await upsertTemplate(cloud, { templateId: 'cmp-weekly', name: '每周回流券', kind: 'cash', valueFen: 200, validity: { days: 7 } });
    await campaign('cmp-weekly', 'cmp-weekly', { repeat: 'weekly' });
    await cloud.post('/__dev/trigger/campaigns');
    let view = await runToEnd('cmp-weekly');
    assert.deepEqual([view.runKey, view.issued], ['2026-W49', 40]);
    assert.equal((await status('cmp-weekly')).state, 'scheduled', 'done for this week, waiting for the next');
    // Next Monday 04:00: the timer waits while 2026-W50 is not segmented yet.
    await setClock(cloud, '2026-12-06T20:00:00.000Z');
    await cloud.post('/__dev/trigger/campaigns');
    assert.equal((await status('cmp-weekly')).runKey, '2026-W49');
    let segmented = await admin<{ done: boolean }>({ action: 'runSegmentation' });
    for (let i = 0; !segmented.done && i < 20; i += 1) segmented = await admin<{ done: boolean }>({ action: 'runSegmentation' });
    await cloud.post('/__dev/trigger/campaigns');
    view = await status('cmp-weekly');
    // Of the 40, only the one who placed an order (in the dashboard test) is still in S4: this week's run reaches just them.
    assert.deepEqual([view.runKey, view.matched, view.issued], ['2026-W50', 1, 1]);
    const coupons = await campaignCoupons('cmp-weekly');
    assert.equal(coupons.length, 41);
    assert.equal(coupons.filter((c) => c.openid === S4[0]).length, 2, 'one per week');
    await assertInvariants(cloud);
  }, 120_000);
});

