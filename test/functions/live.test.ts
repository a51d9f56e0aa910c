import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CouponResponses } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { LiveResponses } from '@contract/live';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { upsertTemplate } from '@test/support/coupons';
import { assertInvariants } from '@test/support/invariants';
import { buy, createOrder, documents, errorOf, okData, setClock } from '@test/support/shop';

const START = Date.parse('2026-11-28T12:00:00.000Z');
const at = (minutes: number, seconds = 0) => new Date(START + minutes * 60_000 + seconds * 1000).toISOString();

type LiveCall = (openid: string, action: string, sessionId?: string) => Promise<Result<Record<string, unknown>>>;

describe('live', () => {
  let cloud: EmulatorInstance;
  let live: LiveCall;
  const wallet = async (openid: string) => okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, openid)).coupons;
  const namesIn = async (openid: string) => (await wallet(openid)).map((c) => c.name).sort();

  beforeAll(async () => {
    cloud = await startEmulator();
    live = (openid, action, sessionId = 'live-1128') => cloud.call('live', { action, ...(action === 'sessions' ? {} : { sessionId }) }, openid);
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, at(-60));
    await cloud.post('/__dev/reset', { seed: 'demo' });
    const days = { days: 7 };
    await upsertTemplate(cloud, { templateId: 'live-reserve', name: '预约礼3元', kind: 'cash', valueFen: 300, validity: days });
    await upsertTemplate(cloud, { templateId: 'live-enter', name: '进场5元', kind: 'cash', valueFen: 500, validity: days });
    await upsertTemplate(cloud, { templateId: 'live-watch', name: '看满10分钟满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: days });
    await upsertTemplate(cloud, { templateId: 'live-share', name: '分享10元', kind: 'cash', valueFen: 1000, validity: days });
    await upsertTemplate(cloud, { templateId: 'live-missed', name: '错过补救5元', kind: 'cash', valueFen: 500, validity: days });
    const rewards = [
      { trigger: 'reserve', templateId: 'live-reserve' },
      { trigger: 'enter', templateId: 'live-enter' },
      { trigger: 'watch', minutes: 10, templateId: 'live-watch' },
      { trigger: 'share', templateId: 'live-share' },
      { trigger: 'missed', templateId: 'live-missed' },
    ];
    const session = { sessionId: 'live-1128', title: '周六鲜果直播', roomId: 'room-1', startAt: at(0), endAt: at(120), rewards };
    okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'liveSession', doc: session }, 'demo-admin'));
    okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'liveSession', doc: { ...session, sessionId: 'live-s1', title: 'S1 专场', audience: { type: 'segment', values: ['S1'] } } }, 'demo-admin'));
  });

  test('reserve: before the start grants the reservation gift once; entering needs the session to be on', async () => {
    assert.equal((okData(await live('demo-member', 'reserve')).granted as string[]).length, 1);
    assert.equal((okData(await live('demo-member', 'reserve')).granted as string[]).length, 0);
    assert.equal(errorOf(await live('demo-member', 'enter')).code, 'NOT_ELIGIBLE');
    assert.deepEqual(await namesIn('demo-member'), ['预约礼3元']);
    await setClock(cloud, at(1));
    assert.equal(errorOf(await live('demo-member', 'reserve')).code, 'NOT_ELIGIBLE');
  });

  test('heartbeat: ten minutes of beats on the server clock earn the watch coupon', async () => {
    await setClock(cloud, at(0));
    assert.equal((okData(await live('demo-member', 'enter')).granted as string[]).length, 1);
    let last: Record<string, unknown> = {};
    for (let minute = 1; minute <= 10; minute += 1) {
      await setClock(cloud, at(minute));
      last = okData(await live('demo-member', 'heartbeat'));
      if (minute < 10) assert.deepEqual(last.granted, []);
    }
    assert.equal(last.watchedSeconds, 600);
    assert.equal((last.granted as string[]).length, 1);
    assert.deepEqual(await namesIn('demo-member'), ['看满10分钟满99减15', '进场5元']);
  });

  test('heartbeat: beats forged faster than the interval, replayed or raced credit nothing extra', async () => {
    await setClock(cloud, at(0));
    okData(await live('demo-gold', 'enter'));
    for (let second = 10; second <= 600; second += 10) {
      await setClock(cloud, at(0, second));
      await live('demo-gold', 'heartbeat');
    }
    // Every beat comes 10 s after the previous one: none is credited, and no watch reward.
    const forged = okData(await live('demo-gold', 'heartbeat')).watchedSeconds as number;
    assert.equal(forged, 0);
    assert.ok(!(await namesIn('demo-gold')).includes('看满10分钟满99减15'));
    await setClock(cloud, at(11));
    const raced = await Promise.all(Array.from({ length: 10 }, () => live('demo-gold', 'heartbeat')));
    const after = Math.max(...raced.map((r) => okData(r).watchedSeconds as number));
    assert.ok(after - forged <= 90, `ten concurrent beats credited ${after - forged} s`);
    const views = okData(await cloud.call<Result<LiveResponses['sessions']>>('live', { action: 'sessions' }, 'demo-gold')).sessions;
    assert.equal(views.find((s) => s.sessionId === 'live-1128')?.watchedSeconds, after);
  });

  test('heartbeat: without entering, or outside the session, nothing counts', async () => {
    await setClock(cloud, at(5));
    assert.equal(okData(await live('demo-normal', 'heartbeat')).watchedSeconds, 0);
    okData(await live('demo-normal', 'enter'));
    await setClock(cloud, at(125));
    assert.equal(okData(await live('demo-normal', 'heartbeat')).watchedSeconds, 0);
  });

  test('share: only after a paid order placed from the session, and once', async () => {
    await setClock(cloud, at(2));
    okData(await live('demo-member', 'enter'));
    assert.equal(errorOf(await live('demo-member', 'share')).code, 'NOT_ELIGIBLE');
    await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { liveSessionId: 'live-1128' });
    assert.equal((okData(await live('demo-member', 'share')).granted as string[]).length, 1);
    assert.equal((okData(await live('demo-member', 'share')).granted as string[]).length, 0);
    assert.ok((await namesIn('demo-member')).includes('分享10元'));
  });

  test('attribution: an order placed anywhere in the shop during the session counts for the session the member entered; at most one read for it', async () => {
    const requests = async (work: () => Promise<unknown>) => {
      await cloud.post('/__dev/stats/reset');
      await work();
      return (await cloud.get<{ database: { total: number } }>('/__dev/stats')).body.database.total;
    };
    const pear = [{ skuId: 'fruit-pear', qty: 1 }];
    const placed = async (openid: string) => {
      let orderId = '';
      const count = await requests(async () => {
        orderId = okData(await createOrder(cloud, openid, pear)).orderId;
      });
      const [order] = (await cloud.get<{ documents: Array<{ _id: string; liveSessionId: string | null }> }>('/__dev/collections/orders')).body.documents.filter((o) => o._id === orderId);
      return { count, liveSessionId: order.liveSessionId, orderId };
    };
    await setClock(cloud, at(2));
    // The same member before and after entering: entering costs order.create one read (the session), no more.
    const before = await placed('demo-gold');
    assert.equal(before.liveSessionId, null);
    okData(await live('demo-gold', 'enter'));
    const during = await placed('demo-gold');
    assert.equal(during.liveSessionId, 'live-1128');
    assert.equal(during.count, before.count + 1, `order.create: ${before.count} requests without a live entry, ${during.count} with one`);
    console.log(`[live attribution] order.create: ${before.count} database requests without a live entry, ${during.count} with one`);
    // Entering again (every show of the room) writes no new mark.
    const reenter = await requests(async () => okData(await live('demo-gold', 'enter')));
    await setClock(cloud, at(3));
    okData(await live('demo-gold', 'enter'));
    const firstEnter = await requests(async () => okData(await live('demo-normal', 'enter')));
    console.log(`[live attribution] live.enter: ${firstEnter} database requests the first time (mark written), ${reenter} again`);
    // Paying the order placed from the shop's own checkout (no liveSessionId) unlocks the share reward, and the dashboard's funnel counts it.
    await cloud.post(`/__dev/pay/${during.orderId}`, { result: 'SUCCESS', times: 1 });
    assert.equal((okData(await live('demo-gold', 'share')).granted as string[]).length, 1);
    const dashboard = okData(await cloud.call<Result<{ live: Array<{ sessionId: string; ordered: number; entered: number }> }>>('admin', { action: 'dashboard' }, 'demo-admin'));
    const funnel = dashboard.live.find((l) => l.sessionId === 'live-1128');
    assert.equal(funnel?.ordered, 1);
    // A member who never entered, and an entered member long after the end: no attribution, and no read for it.
    const stranger = await placed('demo-member');
    assert.equal(stranger.liveSessionId, null);
    await setClock(cloud, at(120 + 121));
    const late = await placed('demo-gold');
    assert.equal(late.liveSessionId, null);
    assert.equal(late.count, before.count, 'an old mark costs no read');
    // A named session still counts when the mark is of no use (the room's 去下单 within the window).
    await setClock(cloud, at(4));
    assert.equal((await placed('demo-member')).liveSessionId, null);
    const named = okData(await createOrder(cloud, 'demo-member', pear, { liveSessionId: 'live-1128' }));
    const orders = (await cloud.get<{ documents: Array<{ _id: string; liveSessionId: string | null }> }>('/__dev/collections/orders')).body.documents;
    assert.equal(orders.find((o) => o._id === named.orderId)?.liveSessionId, 'live-1128');
    await assertInvariants(cloud);
  });

  test('sessions: an S1-only session is invisible to others and open to S1 members', async () => {
    const ids = async (openid: string) => okData(await cloud.call<Result<LiveResponses['sessions']>>('live', { action: 'sessions' }, openid)).sessions.map((s) => s.sessionId);
    assert.deepEqual(await ids('demo-member'), ['live-1128']);
    assert.deepEqual((await ids('demo-diamond')).sort(), ['live-1128', 'live-s1']);
    assert.equal(errorOf(await live('demo-member', 'reserve', 'live-s1')).code, 'NOT_FOUND');
    okData(await live('demo-diamond', 'reserve', 'live-s1'));
  });

  test('liveSweep: after the end, a remedy for those who reserved or entered but did not order; once', async () => {
    okData(await live('demo-normal', 'reserve'));
    okData(await live('demo-member', 'reserve'));
    await setClock(cloud, at(3));
    await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { liveSessionId: 'live-1128' });
    await setClock(cloud, at(100));
    const early = await cloud.post<{ result: { sessions: number } }>('/__dev/trigger/liveSweep');
    assert.equal(early.body.result.sessions, 0);
    await setClock(cloud, at(130));
    const swept = await cloud.post<{ result: { remedied: number } }>('/__dev/trigger/liveSweep');
    assert.equal(swept.body.result.remedied, 1);
    assert.ok((await namesIn('demo-normal')).includes('错过补救5元'));
    assert.ok(!(await namesIn('demo-member')).includes('错过补救5元'));
    const again = await cloud.post<{ result: { remedied: number } }>('/__dev/trigger/liveSweep');
    assert.equal(again.body.result.remedied, 0);

    // A later session whose sweep is killed in the middle of its page, twice, then fired again.
    const later = { sessionId: 'live-later', title: '周日鲜果直播', roomId: 'room-1', startAt: at(135), endAt: at(200), rewards: [{ trigger: 'missed', templateId: 'live-missed' }] };
    okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'liveSession', doc: later }, 'demo-admin'));
    const missed = ['demo-normal', 'demo-gold', 'demo-diamond', 'demo-paid'];
    for (const openid of missed) okData(await live(openid, 'reserve', 'live-later'));
    await setClock(cloud, at(210));
    // After its 10th database request the page's stock is taken and no coupon is in; on the resumed
    // run, after its 10th the coupons are in and the stock's mark is not settled.
    for (const after of [10, 10]) {
      await cloud.post('/__dev/crash', { function: 'liveSweep', afterDatabaseRequests: after });
      assert.equal((await cloud.post('/__dev/trigger/liveSweep')).status, 500, 'the firing died with its instance');
    }
    const resumed = await cloud.post<{ result: { sessions: number; done: boolean } }>('/__dev/trigger/liveSweep');
    assert.deepEqual([resumed.body.result.sessions, resumed.body.result.done], [1, true]);
    const remedies = (await documents<{ openid: string; sourceKey: string }>(cloud, 'coupons')).filter((c) => c.sourceKey === 'live:live-later:missed');
    assert.deepEqual(remedies.map((c) => c.openid).sort(), [...missed].sort());
    await assertInvariants(cloud);
  });
});
