import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
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
});
