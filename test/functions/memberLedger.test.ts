import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { LedgerPage } from '@contract/member';
import { encodeCursor } from '../../functions/member/ledger';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, errorOf, okData, profile, setClock } from '@test/support/shop';

const ADMIN = 'demo-admin';

const ledger = (cloud: EmulatorInstance, openid: string, kind: 'growth' | 'points', cursor?: string | null) =>
  cloud.call<Result<LedgerPage>>('member', { action: 'ledger', kind, ...(cursor === undefined ? {} : { cursor }) }, openid);

async function grantPoints(cloud: EmulatorInstance, openid: string, points: number, reason = 'x') {
  return okData(await cloud.call<Result<{ openid: string; points: number }>>('admin', { action: 'grant', openid, kind: 'points', points, reason }, ADMIN));
}

/** Every page, following the cursors. */
async function allPages(cloud: EmulatorInstance, openid: string, kind: 'growth' | 'points'): Promise<LedgerPage[]> {
  const pages: LedgerPage[] = [];
  let cursor: string | null | undefined;
  do {
    const page = okData(await ledger(cloud, openid, kind, cursor));
    pages.push(page);
    cursor = page.cursor;
    assert.ok(pages.length < 50, 'paging ends');
  } while (cursor);
  return pages;
}

describe('member.ledger', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('ledger: a purchase shows its growth and points lines with balances', async () => {
    const before = await profile(cloud, 'demo-normal');
    // The demo balance came from before the shop's records: one opening line, so balance = sum of lines.
    const opening = okData(await ledger(cloud, 'demo-normal', 'growth'));
    assert.deepEqual(
      opening.entries.map(({ delta, balance, reason }) => ({ delta, balance, reason })),
      [{ delta: before.growth, balance: before.growth, reason: '历史累计果粒值' }],
    );

    const order = await buy(cloud, 'demo-normal', [{ skuId: 'fruit-strawberry', qty: 1 }]);
    assert.equal(order.status, 'paid');
    assert.ok(order.growthEarned > 0);

    const growth = okData(await ledger(cloud, 'demo-normal', 'growth'));
    assert.equal(growth.cursor, null);
    assert.equal(growth.entries.length, 2);
    const [g] = growth.entries;
    assert.equal(g.kind, 'growth');
    assert.equal(g.delta, order.growthEarned);
    assert.equal(g.balance, before.growth + order.growthEarned);
    assert.equal(g.reason, '订单支付');
    assert.equal(g.ref, order.orderId);
    assert.equal(g.at, new Date(g.at).toISOString(), 'an ISO 8601 instant');

    const points = okData(await ledger(cloud, 'demo-normal', 'points'));
    assert.equal(points.entries.length, 2);
    assert.equal(points.entries[1].reason, '历史累计积分');
    const [p] = points.entries;
    assert.equal(p.kind, 'points');
    assert.equal(p.delta, order.pointsEarned);
    assert.equal(p.balance, before.points + order.pointsEarned);
    assert.equal(p.ref, order.orderId);

    const now = await profile(cloud, 'demo-normal');
    assert.equal(now.growth, g.balance);
    assert.equal(now.points, p.balance);
  });

  test('ledger: a tier upgrade appears in the growth history, newest first, and not in points', async () => {
    const order = await buy(cloud, 'ledger-upgrader', [{ skuId: 'imported-cherry', qty: 4 }]);
    assert.equal(order.growthEarned, 512);
    const growth = okData(await ledger(cloud, 'ledger-upgrader', 'growth'));
    assert.deepEqual(
      growth.entries.map(({ kind, delta, balance, reason, ref, fromTier, toTier }) => ({ kind, delta, balance, reason, ref, fromTier, toTier })),
      [
        { kind: 'tier', delta: 0, balance: 512, reason: '成长值升级：普卡→银卡', ref: `pay:${order.orderId}`, fromTier: 'normal', toTier: 'silver' },
        { kind: 'growth', delta: 512, balance: 512, reason: '订单支付', ref: order.orderId, fromTier: undefined, toTier: undefined },
      ],
    );
    const points = okData(await ledger(cloud, 'ledger-upgrader', 'points'));
    assert.deepEqual(
      points.entries.map((e) => e.kind),
      ['points'],
    );
    assert.equal((await profile(cloud, 'ledger-upgrader')).tier, 'silver');
  });

  test('ledger: pages of 20, newest first, with a cursor; lines added meanwhile never shift a page', async () => {
    const openid = 'ledger-pager';
    // One grant a minute by the dev clock, so that "newest first" has one right answer.
    const minute = (i: number) => new Date(Date.parse('2026-11-20T02:00:00.000Z') + i * 60_000).toISOString();
    for (let i = 1; i <= 45; i += 1) {
      await setClock(cloud, minute(i));
      await grantPoints(cloud, openid, i, `第${i}次`);
    }
    const balanceAfter = (n: number) => (n * (n + 1)) / 2;

    const first = okData(await ledger(cloud, openid, 'points'));
    assert.equal(first.entries.length, 20);
    assert.equal(typeof first.cursor, 'string');
    assert.deepEqual(
      first.entries.map((e) => e.balance),
      Array.from({ length: 20 }, (_, k) => balanceAfter(45 - k)),
    );
    assert.equal(first.entries[0].reason, '运营发放：第45次');
    assert.equal(first.entries[0].delta, 45);
    assert.equal(first.entries[0].ref, ADMIN);

    // A newer line arrives while the member reads page 1: page 2 still continues where page 1 ended.
    await setClock(cloud, minute(46));
    await grantPoints(cloud, openid, 46, '第46次');
    await setClock(cloud, null);
    const second = okData(await ledger(cloud, openid, 'points', first.cursor));
    assert.deepEqual(
      second.entries.map((e) => e.balance),
      Array.from({ length: 20 }, (_, k) => balanceAfter(25 - k)),
    );
    const third = okData(await ledger(cloud, openid, 'points', second.cursor));
    assert.deepEqual(
      third.entries.map((e) => e.balance),
      [5, 4, 3, 2, 1].map(balanceAfter),
    );
    assert.equal(third.cursor, null);

    assert.deepEqual(
      [...first.entries, ...second.entries, ...third.entries].map((e) => e.at),
      Array.from({ length: 45 }, (_, k) => minute(45 - k)),
    );
    // The newest page now starts with the new line; points grants are not growth.
    assert.equal(okData(await ledger(cloud, openid, 'points')).entries[0].delta, 46);
    assert.deepEqual(okData(await ledger(cloud, openid, 'growth')), { entries: [], cursor: null });
  });

  test('ledger: lines written at the same instant are each paged exactly once', async () => {
    const openid = 'ledger-ties';
    await setClock(cloud, '2026-11-26T04:00:00.000Z');
    try {
      for (let i = 1; i <= 25; i += 1) await grantPoints(cloud, openid, 1);
      const pages = await allPages(cloud, openid, 'points');
      assert.deepEqual(
        pages.map((p) => p.entries.length),
        [20, 5],
      );
      const balances = pages.flatMap((p) => p.entries.map((e) => e.balance));
      assert.deepEqual(
        [...balances].sort((a, b) => a - b),
        Array.from({ length: 25 }, (_, k) => k + 1),
      );
      assert.ok(pages.flatMap((p) => p.entries).every((e) => e.at === '2026-11-26T04:00:00.000Z'));
    } finally {
      await setClock(cloud, null);
    }
  });

  test('ledger: exactly 20 lines are one page with no cursor', async () => {
    const openid = 'ledger-twenty';
    for (let i = 1; i <= 20; i += 1) await grantPoints(cloud, openid, 2);
    const page = okData(await ledger(cloud, openid, 'points'));
    assert.equal(page.entries.length, 20);
    assert.equal(page.cursor, null);
  });

  test('ledger: shows only the caller’s own lines', async () => {
    const mine = await allPages(cloud, 'demo-gold', 'points');
    assert.deepEqual(
      mine.flatMap((p) => p.entries).map((e) => e.reason),
      ['历史累计积分'],
    );
    // A cursor is only a position (taken from another member's page, say): it never reveals anyone else's lines.
    const others = 'ledger-neighbour';
    for (let i = 1; i <= 21; i += 1) await grantPoints(cloud, others, 1);
    const theirCursor = okData(await ledger(cloud, others, 'points')).cursor;
    assert.ok(theirCursor);
    // Their cursor sits after all 21 of their lines, so it reaches only the older of demo-gold's own.
    assert.deepEqual(okData(await ledger(cloud, 'demo-gold', 'points', theirCursor)).entries.map((e) => e.reason), ['历史累计积分']);
    const farFuture = encodeCursor({ at: new Date('2100-01-01T00:00:00.000Z'), id: 'zzz' });
    assert.deepEqual(okData(await ledger(cloud, 'demo-gold', 'points', farFuture)).entries.map((e) => e.reason), ['历史累计积分']);
  });

  test('ledger: a garbled cursor or an unknown kind is INVALID_ARGUMENT', async () => {
    const garbled = ['not-a-cursor', Buffer.from('["yesterday","x"]').toString('base64url'), Buffer.from('{"at":1}').toString('base64url'), Buffer.from('["2026-01-01T00:00:00.000Z",""]').toString('base64url')];
    for (const cursor of garbled) assert.equal(errorOf(await ledger(cloud, 'demo-normal', 'points', cursor)).code, 'INVALID_ARGUMENT', cursor);
    const tier = await cloud.call<Result<LedgerPage>>('member', { action: 'ledger', kind: 'tier' }, 'demo-normal');
    assert.equal(errorOf(tier).code, 'INVALID_ARGUMENT');
    const none = await cloud.call<Result<LedgerPage>>('member', { action: 'ledger' }, 'demo-normal');
    assert.equal(errorOf(none).code, 'INVALID_ARGUMENT');
  });
});
