import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { MemberCode } from '@contract/member';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { assertInvariants } from '@test/support/invariants';
import { acceptNotices, messages } from '@test/support/notices';
import { documents, okData, profile, setClock } from '@test/support/shop';

const T0 = Date.parse('2026-11-26T04:00:00.000Z');
const month = (n: number) => new Date(T0 + n * 30.5 * 86_400_000).toISOString();

interface Snapshot {
  openid: string;
  growth: number;
  tier: string;
  tierExpiresAt: string | null;
}

async function members(cloud: EmulatorInstance): Promise<Snapshot[]> {
  return (await documents<Snapshot>(cloud, 'members')).map(({ openid, growth, tier, tierExpiresAt }) => ({ openid, growth, tier, tierExpiresAt })).sort((a, b) => a.openid.localeCompare(b.openid));
}

interface Line {
  key: string;
  openid: string;
  kind: string;
  delta: number;
  balance: number;
}

async function ledger(cloud: EmulatorInstance): Promise<Line[]> {
  return (await documents<Line>(cloud, 'ledger')).map(({ key, openid, kind, delta, balance }) => ({ key, openid, kind, delta, balance })).sort((a, b) => a.key.localeCompare(b.key));
}

const trigger = (cloud: EmulatorInstance) => cloud.post<{ result: { examined: number; changed: number; done: boolean } }>('/__dev/trigger/tierExpiry');

describe('tierExpiry', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('tierExpiry: a gold member six months without spending drops to silver with 1000 deducted, and sees why', async () => {
    await setClock(cloud, new Date(T0).toISOString());
    await cloud.post('/__dev/reset', { seed: 'demo' });
    const before = await profile(cloud, 'demo-gold');
    assert.equal(before.tier, 'gold');
    await setClock(cloud, new Date(Date.parse(before.tierExpiresAt!) + 60_000).toISOString());
    const run = await cloud.post<{ result: { changed: number; done: boolean } }>('/__dev/trigger/tierExpiry');
    assert.ok(run.body.result.changed >= 1);
    assert.equal(run.body.result.done, true);
    const after = await profile(cloud, 'demo-gold');
    assert.equal(after.tier, 'silver');
    assert.equal(after.growth, 1600);
    // The new period is six calendar months anchored on the old end.
    const days = (Date.parse(after.tierExpiresAt!) - Date.parse(before.tierExpiresAt!)) / 86_400_000;
    assert.ok(days >= 181 && days <= 184, `new period of ${days} days`);
    const ledger = okData(await cloud.call<Result<{ entries: Array<{ delta: number; reason: string }> }>>('member', { action: 'ledger', kind: 'growth' }, 'demo-gold')).entries;
    assert.ok(ledger.some((e) => e.delta === -1000 && e.reason.includes('有效期')));
    // Running again changes nothing.
    const again = await cloud.post<{ result: { changed: number } }>('/__dev/trigger/tierExpiry');
    assert.equal(again.body.result.changed, 0);
    assert.equal((await profile(cloud, 'demo-gold')).growth, 1600);
  });

  test('tierExpiry: across a simulated year, monthly runs and one late run end in the same state', async () => {
    await setClock(cloud, new Date(T0).toISOString());
    await cloud.post('/__dev/reset', { seed: 'demo' });
    for (let m = 1; m <= 12; m += 1) {
      await setClock(cloud, month(m));
      await cloud.post('/__dev/trigger/tierExpiry');
    }
    const monthly = await members(cloud);

    await setClock(cloud, new Date(T0).toISOString());
    await cloud.post('/__dev/reset', { seed: 'demo' });
    await setClock(cloud, month(12));
    await Promise.all([cloud.post('/__dev/trigger/tierExpiry'), cloud.post('/__dev/trigger/tierExpiry')]);
    const once = await members(cloud);
    assert.deepEqual(once, monthly);
    assert.ok(monthly.some((m) => m.openid === 'demo-diamond' && m.tier !== 'diamond'));
    const entries = await documents<{ key: string }>(cloud, 'ledger');
    assert.equal(new Set(entries.map((e) => e.key)).size, entries.length);
  });

  test('tierExpiry: killed after each database request of a run, the next run finishes it: every member and ledger line as without the crash, each once, each message once', async () => {
    const fresh = async () => {
      await setClock(cloud, new Date(T0).toISOString());
      await cloud.post('/__dev/reset', { seed: 'demo' });
      // Two members accept 等级变更, so the run's messages are among its crash points too.
      for (const openid of ['demo-gold', 'demo-diamond']) await acceptNotices(cloud, openid, ['tierChanged']);
      await setClock(cloud, month(12));
    };
    await fresh();
    await cloud.post('/__dev/stats/reset');
    const clean = await trigger(cloud);
    const stats = (await cloud.get<{ database: { total: number; byAction: Record<string, number> } }>('/__dev/stats')).body.database;
    const points = stats.total;
    const changed = clean.body.result.changed;
    // The run's requests: the marks left (none), the page, one guarded update per member changed, the
    // page's ledger lines in one insert, each message (record, accept, state), the marks cleared.
    assert.ok(changed >= 3, `changed ${changed}`);
    assert.equal(stats.byAction['database.insertDocument'], 1 + 2, JSON.stringify(stats.byAction));
    assert.equal(points, changed + 4 + 2 * 3, `${points} requests for ${changed} members changed: ${JSON.stringify(stats.byAction)}`);
    const want = { members: await members(cloud), ledger: await ledger(cloud), notices: (await documents<{ _id: string; state: string }>(cloud, 'notices')).map((n) => `${n._id} ${n.state}`).sort() };
    assert.equal(want.notices.length, 2, want.notices.join());
    assert.equal((await messages(cloud, { key: 'tierChanged' })).length, 2);
    await assertInvariants(cloud, { settled: true });
    for (let k = 1; k <= points; k += 1) {
      await fresh();
      assert.equal((await cloud.post('/__dev/crash', { function: 'tierExpiry', afterDatabaseRequests: k })).status, 200);
      await trigger(cloud).catch(() => undefined);
      const next = await trigger(cloud);
      assert.equal(next.body.result.done, true, `crashed after request ${k} of ${points}`);
      assert.deepEqual(await members(cloud), want.members, `crashed after request ${k} of ${points}`);
      assert.deepEqual(await ledger(cloud), want.ledger, `crashed after request ${k} of ${points}`);
      const notices = (await documents<{ _id: string; state: string }>(cloud, 'notices')).map((n) => `${n._id} ${n.state}`).sort();
      // A crash between a message's record and WeChat's answer leaves it `sending` (notices.ts: sent at most once).
      assert.deepEqual(notices.map((n) => n.split(' ')[0]), want.notices.map((n) => n.split(' ')[0]), `crashed after request ${k} of ${points}`);
      const sent = (await messages(cloud, { key: 'tierChanged' })).map((m) => m.touser);
      assert.equal(new Set(sent).size, sent.length, `crashed after request ${k} of ${points}: a message sent twice`);
      assert.deepEqual((await documents<{ _id: string; expiryPending?: unknown }>(cloud, 'members')).filter((m) => m.expiryPending).map((m) => m._id), []);
      await assertInvariants(cloud, { settled: true });
    }
  });

  test('tierExpiry: runs racing in-store credits of the very members they settle end as if one came after the other', async () => {
    const staff = (data: Record<string, unknown>) => cloud.call<Result<unknown>>('staff', { action: 'creditInStore', ...data }, 'demo-clerk-1');
    const play = async (together: boolean) => {
      await setClock(cloud, new Date(T0).toISOString());
      await cloud.post('/__dev/reset', { seed: 'demo' });
      await setClock(cloud, month(12));
      const due = (await members(cloud)).filter((m) => m.tier !== 'normal' && Date.parse(m.tierExpiresAt!) <= Date.parse(month(12)));
      const codes = await Promise.all(due.map(async (m) => okData(await cloud.call<Result<MemberCode>>('member', { action: 'code' }, m.openid)).code));
      const credits = () => due.map((m, i) => staff({ memberCode: codes[i], receiptNo: `R-EXP-${i}`, amountFen: 123_400 }));
      if (together) {
        await Promise.all([trigger(cloud), ...credits(), trigger(cloud)]);
      } else {
        await trigger(cloud);
        for (const credit of await Promise.all(credits())) okData(credit);
      }
      // A member who kept changing under a run is left to the next one.
      assert.equal((await trigger(cloud)).body.result.done, true);
      await assertInvariants(cloud, { settled: true });
      return { due: due.length, members: await members(cloud), ledger: await ledger(cloud) };
    };
    const apart = await play(false);
    assert.ok(apart.due >= 3, `${apart.due} members due`);
    const together = await play(true);
    assert.deepEqual(together, apart);
  });
});
