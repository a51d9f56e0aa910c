import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { DashboardView } from '@contract/admin';
import type { Result } from '@contract/errors';
import type { OpenedShare, ShareCard } from '@contract/member';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, documents, okData, profile, setClock } from '@test/support/shop';

/** Monday 7 December 2026, 03:00 in Shanghai: the weekly run of 2026-W50. */
const RUN = new Date('2026-12-06T19:00:00.000Z');
const NEXT_RUN = new Date(RUN.getTime() + 7 * 86_400_000);
const daysBefore = (days: number, from = RUN) => new Date(from.getTime() - days * 86_400_000).toISOString();

const GIFT_BOX = [{ skuId: 'gift-fruit-box', qty: 2 }];
const BOX = [{ skuId: 'gift-fruit-box', qty: 1 }];
const MILK = [{ skuId: 'dairy-milk-950', qty: 1 }];

interface MemberDoc {
  _id: string;
  segment: string | null;
}

/**
 * Crafted histories, placed through the real functions with the clock set back (orders paid through
 * cloud payment's callback, shares opened through member.openShare), then the week's run. Small pages
 * (SEGMENT_PAGE_SIZE=4) make the run go through many pages, so resuming and crashing land between them.
 */
describe('segmentation: RFM+X every week, and the dashboard', () => {
  let cloud: EmulatorInstance;
  const admin = async <T>(data: Record<string, unknown>) => okData(await cloud.call<Result<T>>('admin', data, 'demo-admin'));
  const member = async <T>(openid: string, data: Record<string, unknown>) => okData(await cloud.call<Result<T>>('member', data, openid));
  const segments = async () => new Map((await documents<MemberDoc>(cloud, 'members')).map((m) => [m._id, m.segment]));
  const at = (instant: string) => setClock(cloud, instant);

  /** Shares a card of `sharer` and has each visitor open it (at the clock's time). */
  async function visit(sharer: string, visitors: string[]): Promise<string> {
    const card = await member<ShareCard>(sharer, { action: 'share', kind: 'shop' });
    for (const v of visitors) await member<OpenedShare>(v, { action: 'openShare', shareId: card.shareId });
    return card.shareId;
  }

  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo', env: { SEGMENT_PAGE_SIZE: '4' } });
    // S1: 8 orders in the window, the last 3 days ago, ¥3,168.
    for (const d of [100, 80, 60, 40, 30, 20, 10, 3]) {
      await at(daysBefore(d));
      await buy(cloud, 'seg-s1', GIFT_BOX);
    }
    // S2: 4 orders, the last 10 days ago, ¥792.
    for (const d of [25, 20, 15, 10]) {
      await at(daysBefore(d));
      await buy(cloud, 'seg-s2', BOX);
    }
    // S3: 2 small orders, the last 45 days ago, and 5 members who opened a card (X = 5).
    for (const d of [50, 45]) {
      await at(daysBefore(d));
      await buy(cloud, 'seg-s3', MILK);
    }
    await at(daysBefore(40));
    await visit('seg-s3', ['seg-v1', 'seg-v2', 'seg-v3', 'seg-v4', 'seg-v5']);
    // S4: 2 orders long ago.
    for (const d of [100, 90]) {
      await at(daysBefore(d));
      await buy(cloud, 'seg-s4', MILK);
    }
    // S5: one order, and 5 new members brought in by a card who each paid a first order within a day
    // of opening it: X = 3 × 5 invitees + 2 × 5 attributed orders + 1 × 5 visitors = 30.
    await at(daysBefore(6));
    await buy(cloud, 'seg-s5', MILK);
    const invitees = ['seg-i1', 'seg-i2', 'seg-i3', 'seg-i4', 'seg-i5'];
    await visit('seg-s5', invitees);
    await at(daysBefore(5));
    for (const i of invitees) await buy(cloud, i, MILK);
    // S6: one order 45 days ago.
    await at(daysBefore(45));
    await buy(cloud, 'seg-s6', MILK);
    // Never paid: no segment.
    await profile(cloud, 'seg-none');
  }, 300_000);

  afterAll(async () => {
    await cloud.stop();
  });

  test('each crafted history lands in its segment; invitees and attributions are recorded', async () => {
    const invitee = (await documents<{ _id: string; invitedBy?: string; firstPaidAt?: string }>(cloud, 'members')).find((m) => m._id === 'seg-i1');
    assert.equal(invitee?.invitedBy, 'seg-s5');
    assert.ok(invitee?.firstPaidAt);
    const attributed = (await documents<{ openid: string; attribution?: { sharer: string } }>(cloud, 'orders')).filter((o) => o.attribution?.sharer === 'seg-s5');
    assert.equal(attributed.length, 5);

    await at(RUN.toISOString());
    let outcome = await admin<{ week: string; members: number; changed: number; done: boolean }>({ action: 'runSegmentation' });
    // An operator's call stops in time; calling again resumes until the week is done.
    for (let i = 0; !outcome.done && i < 20; i += 1) outcome = await admin({ action: 'runSegmentation' });
    assert.equal(outcome.week, '2026-W50');
    assert.equal(outcome.done, true);
    const seg = await segments();
    assert.deepEqual(
      ['seg-s1', 'seg-s2', 'seg-s3', 'seg-s4', 'seg-s5', 'seg-s6', 'seg-none', 'seg-v1', 'seg-i1'].map((id) => [id, seg.get(id)]),
      [
        ['seg-s1', 'S1'],
        ['seg-s2', 'S2'],
        ['seg-s3', 'S3'],
        ['seg-s4', 'S4'],
        ['seg-s5', 'S5'],
        ['seg-s6', 'S6'],
        ['seg-none', null],
        ['seg-v1', null],
        // One order 5 days ago: recent, so not sleeping (S6), and nothing else: the fallback.
        ['seg-i1', 'S4'],
      ],
    );
    assert.equal(outcome.members, seg.size, 'every member was assigned once');
  });

  test('segments are audiences: a price list, a coupon template and a live session for S1 reach S1 members only', async () => {
    const window = { from: daysBefore(1), to: daysBefore(-30) };
    await admin({ action: 'upsert', entity: 'priceList', doc: { priceListId: 'pl-s1', name: '钻石会员专享', audience: { type: 'segment', values: ['S1'] }, window, items: [{ skuId: 'fruit-pear', priceFen: 990 }] } });
    await admin({ action: 'upsert', entity: 'couponTemplate', doc: { templateId: 'tpl-s1', name: '核心会员券', kind: 'cash', valueFen: 1000, validity: { days: 7 }, claimable: true, audience: { type: 'segment', values: ['S1'] } } });
    await admin({ action: 'upsert', entity: 'liveSession', doc: { sessionId: 'live-s1', title: '核心会员专场', roomId: 'r1', startAt: daysBefore(-1), endAt: daysBefore(-2), rewards: [], audience: { type: 'segment', values: ['S1'] } } });
    const pear = async (openid: string) => {
      const { products } = okData(await cloud.call<Result<{ products: Array<{ skuId: string; unitPriceFen: number; priceSource: string }> }>>('catalog', { action: 'list', storeId: 'store-flagship' }, openid));
      return products.find((p) => p.skuId === 'fruit-pear')!;
    };
    const offer = async (openid: string) => okData(await cloud.call<Result<{ offers: Array<{ templateId: string; blockedReason: string | null }> }>>('coupon', { action: 'centre' }, openid)).offers.find((o) => o.templateId === 'tpl-s1');
    const live = async (openid: string) => okData(await cloud.call<Result<{ sessions: Array<{ sessionId: string }> }>>('live', { action: 'sessions' }, openid)).sessions.some((x) => x.sessionId === 'live-s1');
    const s1 = await pear('seg-s1');
    assert.deepEqual([s1.unitPriceFen, s1.priceSource], [990, 'segment']);
    assert.notEqual((await pear('seg-s2')).priceSource, 'segment');
    assert.equal((await offer('seg-s1'))?.blockedReason ?? null, null);
    const other = await offer('seg-s2');
    assert.ok(other === undefined || other.blockedReason !== null, 'an S2 member cannot take the S1 coupon');
    assert.equal(await live('seg-s1'), true);
    assert.equal(await live('seg-s2'), false);
  });

  test('a second run in the same week changes nothing and answers the same figures', async () => {
    const before = await segments();
    const runsBefore = await documents(cloud, 'segmentPages');
    const again = await admin<{ week: string; members: number; changed: number; done: boolean }>({ action: 'runSegmentation' });
    assert.equal(again.done, true);
    assert.deepEqual(await segments(), before);
    assert.equal((await documents(cloud, 'segmentPages')).length, runsBefore.length);
  });

  test('the timer takes the next week; crashed inside its second page, the next firing finishes it with the same result', async () => {
    // Next week seg-s4 comes back: 2 more orders, recent, ¥396 → with 4 in the window and ¥400+ it is S2.
    for (const d of [6, 2]) {
      await at(daysBefore(d, NEXT_RUN));
      await buy(cloud, 'seg-s4', GIFT_BOX);
    }
    await at(NEXT_RUN.toISOString());
    // Crash the timer after its 7th database request (inside the second page), then fire it again.
    const crash = await cloud.post('/__dev/crash', { function: 'segmentation', afterDatabaseRequests: 7 });
    assert.equal(crash.status, 200);
    const crashed = await cloud.post('/__dev/trigger/segmentation');
    assert.notEqual(crashed.status, 200, 'the crashed firing did not answer');
    const resumed = await cloud.post<{ result: { week: string; done: boolean; changed: number } }>('/__dev/trigger/segmentation');
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.equal(resumed.body.result.week, '2026-W51');
    assert.equal(resumed.body.result.done, true);
    const seg = await segments();
    assert.equal(seg.get('seg-s4'), 'S2');
    assert.equal(seg.get('seg-s1'), 'S1');
    // Each member is on exactly one page of the week, and the week's moves count each member once.
    const pages = (await documents<{ week: string; rows: Array<{ openid: string }> }>(cloud, 'segmentPages')).filter((p) => p.week === '2026-W51');
    const rows = pages.flatMap((p) => p.rows.map((r) => r.openid));
    assert.equal(new Set(rows).size, rows.length);
    assert.equal(rows.length, seg.size);
    const report = await checkLocalCloud(cloud.url);
    assert.deepEqual(report.violations, []);
  });

  test('the dashboard: counts per week, the moves between the two latest, and GMV by segment, equal to the figures computed by hand', async () => {
    const view = await admin<DashboardView>({ action: 'dashboard', weeks: 8 });
    const seg = await segments();
    assert.deepEqual(
      view.segments.map((w) => w.week),
      ['2026-W50', '2026-W51'],
    );
    const latest = view.segments[1].counts;
    const byHand = { S1: 0, S2: 0, S3: 0, S4: 0, S5: 0, S6: 0, none: 0 } as Record<string, number>;
    for (const s of seg.values()) byHand[s ?? 'none'] += 1;
    assert.deepEqual(latest, byHand);
    assert.equal(view.moves.from, '2026-W50');
    assert.equal(view.moves.to, '2026-W51');
    assert.equal(view.moves.list.find((m) => m.from === 'S4' && m.to === 'S2')?.members, 1);
    const moved = view.moves.list.reduce((sum, m) => sum + m.members, 0);
    assert.equal(moved, seg.size, 'every member appears in exactly one cell of the moves');

    // GMV by segment over the last 8 weeks, by hand from the orders themselves.
    const since = new Date(NEXT_RUN.getTime() - 8 * 7 * 86_400_000);
    const orders = await documents<{ status: string; paidAt: string | null; payableFen: number; segment?: string | null; couponId: string | null }>(cloud, 'orders');
    const counted = orders.filter((o) => (o.status === 'paid' || o.status === 'picked_up') && o.paidAt && new Date(o.paidAt) >= since);
    for (const row of view.bySegment) {
      const mine = counted.filter((o) => (o.segment ?? 'none') === row.segment);
      assert.equal(row.orders, mine.length, `orders of ${row.segment}`);
      assert.equal(row.gmvFen, mine.reduce((sum, o) => sum + o.payableFen, 0), `GMV of ${row.segment}`);
      assert.equal(row.members, latest[row.segment as keyof typeof latest]);
    }
    // seg-s4's two orders this week were placed while it was S4 (last week's segment).
    const s4 = view.bySegment.find((r) => r.segment === 'S4')!;
    assert.ok(s4.orders >= 2);
    assert.ok(view.asOf);
  });

  test('segment rules are the operators\' to change, checked as the server checks them', async () => {
    const bad = await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'segmentRules', doc: { S1: { maxR: -1, minF: 8, minMFen: 150000 } } }, 'demo-admin');
    assert.equal(bad.ok, false);
    await admin({ action: 'upsert', entity: 'segmentRules', doc: { S5: { minX: 100 } } });
    const stored = (await documents<{ _id: string; S5?: { minX: number } }>(cloud, 'settings')).find((d) => d._id === 'segmentRules');
    assert.equal(stored?.S5?.minX, 100);
    const refused = await cloud.call<Result<unknown>>('admin', { action: 'runSegmentation' }, 'seg-s1');
    assert.equal(refused.ok, false);
  });

  test('crashed after each of its first 20 database requests, the run is finished by the next firing: every member on one page of the week, moved once, from where the last week left them', async () => {
    type Page = { week: string; rows: Array<{ openid: string; from: string | null; to: string | null }> };
    const rowsOf = (pages: Page[], week: string) => new Map(pages.filter((p) => p.week === week).flatMap((p) => p.rows.map((r) => [r.openid, r] as const)));
    let previousWeek = '2026-W51';
    for (let k = 1; k <= 20; k += 1) {
      const monday = new Date(NEXT_RUN.getTime() + k * 7 * 86_400_000);
      await at(monday.toISOString());
      await cloud.post('/__dev/crash', { function: 'segmentation', afterDatabaseRequests: k });
      const crashed = await cloud.post('/__dev/trigger/segmentation');
      assert.notEqual(crashed.status, 200, `crash point ${k} did not fire`);
      const resumed = await cloud.post<{ result: { week: string; done: boolean } }>('/__dev/trigger/segmentation');
      assert.equal(resumed.body.result.done, true, `crash point ${k}`);
      const week = resumed.body.result.week;
      const pages = await documents<Page>(cloud, 'segmentPages');
      const rows = rowsOf(pages, week);
      const last = rowsOf(pages, previousWeek);
      const listed = pages.filter((p) => p.week === week).flatMap((p) => p.rows);
      assert.equal(listed.length, rows.size, `crash point ${k}: a member on two pages`);
      for (const [openid, segment] of await segments()) {
        const row = rows.get(openid);
        assert.ok(row, `crash point ${k}: ${openid} missing from ${week}`);
        assert.equal(row.to, segment, `crash point ${k}: ${openid} is not where the week put it`);
        assert.equal(row.from, last.get(openid)?.to ?? null, `crash point ${k}: ${openid} did not move from last week's segment`);
      }
      previousWeek = week;
    }
  });
});
