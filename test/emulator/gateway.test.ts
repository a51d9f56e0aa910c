import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { join } from 'node:path';
import { PLATFORM_ENV_KEYS } from '@emulator/functions';
import { isLoopback } from '@emulator/gateway/http';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const FIXTURES = join(__dirname, 'gateway-fixtures');
/** Declares the fixtures (functionRoot ./gateway-fixtures) and each one's console variables. */
const FIXTURES_CONFIG = join(__dirname, 'gateway-cloudbaserc.json');

interface WhoAmI {
  context: { OPENID?: string; SOURCE?: string; ENV?: string };
  event: Record<string, unknown>;
  now: string | null;
  adminOpenids: string | null;
  envKeys: string[];
}

test('isLoopback: only 127.0.0.0/8 and ::1 are this machine', () => {
  assert.equal(isLoopback('127.0.0.1'), true);
  assert.equal(isLoopback('127.8.9.10'), true);
  assert.equal(isLoopback('::1'), true);
  assert.equal(isLoopback('::ffff:127.0.0.1'), true);
  assert.equal(isLoopback('10.0.0.2'), false);
  assert.equal(isLoopback('::ffff:192.168.1.4'), false);
  assert.equal(isLoopback(undefined), false);
});

describe('dev gateway', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ unindexedScansAllowed: true, env: { CLOUDBASE_CONFIG: FIXTURES_CONFIG, ADMIN_OPENIDS: 'boss-1,boss-2', VOUCHER_SECRET: 'notes-only' } });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('functions: the caller is the x-openid persona, with the client source', async () => {
    const who = await cloud.call<WhoAmI>('whoami', { hello: 'world' }, 'persona-a');
    assert.equal(who.context.OPENID, 'persona-a');
    assert.equal(who.context.SOURCE, 'wx_client');
    assert.deepEqual(who.event.hello, 'world');
  });

  test('functions: 20 concurrent callers with different openids each see their own', async () => {
    const openids = Array.from({ length: 20 }, (_, i) => `persona-${i}`);
    const seen = await Promise.all(openids.map((openid) => cloud.call<WhoAmI>('whoami', { openid }, openid)));
    seen.forEach((who, i) => {
      assert.equal(who.context.OPENID, openids[i]);
      assert.equal(who.event.openid, openids[i]);
    });
  });

  test('functions: an unknown function is 404 and a bad openid header is 400', async () => {
    const missing = await cloud.post<{ errCode: number }>('/functions/nope', { data: {} });
    assert.equal(missing.status, 404);
    const bad = await cloud.post('/functions/whoami', { data: {} }, { 'x-openid': 'a b/c' });
    assert.equal(bad.status, 400);
  });

  test('functions: each function sees only the console variables cloudbaserc.json gives it', async () => {
    const consoleKeys = (who: WhoAmI) => who.envKeys.filter((k) => !PLATFORM_ENV_KEYS.includes(k));
    const who = await cloud.call<WhoAmI>('whoami', {}, 'persona-a');
    assert.equal(who.adminOpenids, 'boss-1,boss-2');
    assert.deepEqual(consoleKeys(who), ['ADMIN_OPENIDS']);
    // notes has VOUCHER_SECRET; whoami called by notes still has whoami's variables only.
    const chained = await cloud.call<WhoAmI>('notes', { action: 'whoCalls' }, 'persona-a');
    assert.deepEqual(consoleKeys(chained), ['ADMIN_OPENIDS']);
  });

  test('functions: a dev CloudID is resolved before the function sees the event', async () => {
    const who = await cloud.call<WhoAmI>('whoami', { group: { $cloudID: 'dev-cloudid:{"openGId":"gid-A"}' }, bad: { $cloudID: 'not-a-dev-id' } }, 'persona-a');
    assert.deepEqual(who.event.group, { cloudID: 'dev-cloudid:{"openGId":"gid-A"}', data: { openGId: 'gid-A' } });
    assert.equal((who.event.bad as { errCode: number }).errCode, -601006);
  });

  test('functions: cloud.callFunction chains the caller identity and source', async () => {
    const who = await cloud.call<WhoAmI>('notes', { action: 'whoCalls' }, 'persona-chain');
    assert.equal(who.context.OPENID, 'persona-chain');
    assert.equal(who.context.SOURCE, 'wx_client,scf');
    assert.equal(who.event.via, 'notes');
  });

  test('clock: freezes the time functions and serverDate see, and null returns to real time', async () => {
    const frozen = '2027-02-05T01:02:03.000Z';
    const set = await cloud.post<{ now: string; frozen: boolean }>('/__dev/clock', { now: frozen });
    assert.equal(set.body.now, frozen);
    const who = await cloud.call<WhoAmI>('whoami', {}, 'persona-clock');
    assert.equal(who.now, frozen);
    await cloud.call('notes', { action: 'add', text: 'at the frozen time' }, 'persona-clock');
    const notes = await cloud.call<Array<{ at: unknown }>>('notes', { action: 'list' }, 'persona-clock');
    assert.equal(new Date(notes[0].at as string).toISOString(), frozen);
    await cloud.post('/__dev/clock', { now: null });
    const real = await cloud.call<WhoAmI>('whoami', {}, 'persona-clock');
    assert.equal(real.now, null);
    const bad = await cloud.post('/__dev/clock', { now: 'next tuesday' });
    assert.equal(bad.status, 400);
  });

  test('trigger: fires the timer function now with a timer event and the trigger source', async () => {
    const fired = await cloud.post<{ result: { source: string; event: { Type: string; TriggerName: string } } }>('/__dev/trigger/ticker');
    assert.equal(fired.status, 200);
    assert.equal(fired.body.result.source, 'wx_trigger');
    assert.equal(fired.body.result.event.Type, 'Timer');
    assert.equal(fired.body.result.event.TriggerName, 'nightly');
    const none = await cloud.post('/__dev/trigger/whoami');
    assert.equal(none.status, 404);
  });

  test('pay: unifiedOrder is recorded and the callback is delivered n times concurrently', async () => {
    const order = await cloud.call<{ returnCode: string; resultCode: string; payment: Record<string, string> }>('checkout', { outTradeNo: 'T-1001', totalFee: 2590 }, 'payer-1');
    assert.equal(order.returnCode, 'SUCCESS');
    assert.equal(order.resultCode, 'SUCCESS');
    assert.ok(order.payment.package.startsWith('prepay_id='));
    const delivered = await cloud.post<{ deliveries: Array<{ result: { errcode: number } }> }>('/__dev/pay/T-1001', { result: 'SUCCESS', times: 5 });
    assert.equal(delivered.status, 200);
    assert.equal(delivered.body.deliveries.length, 5);
    assert.ok(delivered.body.deliveries.every((d) => d.result.errcode === 0));
    const payments = await cloud.get<{ documents: Array<Record<string, unknown>> }>('/__dev/collections/payments');
    assert.equal(payments.body.documents.length, 5);
    for (const p of payments.body.documents) {
      assert.equal(p.outTradeNo, 'T-1001');
      assert.equal(p.totalFee, 2590);
      assert.equal(p.returnCode, 'SUCCESS');
      assert.equal(p.resultCode, 'SUCCESS');
      assert.equal(p.source, 'wx_paycallback');
      assert.equal(p.contextOpenid, 'payer-1');
    }
    const unknown = await cloud.post('/__dev/pay/T-none', { result: 'SUCCESS', times: 1 });
    assert.equal(unknown.status, 404);
  });

  test('stats: counts database requests by action and collection, invocations by function', async () => {
    await cloud.post('/__dev/stats/reset');
    await cloud.call('notes', { action: 'add', text: 'one' }, 'persona-stats');
    await cloud.call('notes', { action: 'list' }, 'persona-stats');
    const stats = await cloud.get<{ database: { total: number; byAction: Record<string, number>; byCollection: Record<string, number> }; invocations: Record<string, number> }>('/__dev/stats');
    assert.equal(stats.body.invocations.notes, 2);
    assert.equal(stats.body.database.byAction['database.insertDocument'], 1);
    assert.equal(stats.body.database.byAction['database.getDocument'], 1);
    // Each call also asks for the collection to exist (database.addCollection).
    assert.equal(stats.body.database.byAction['database.addCollection'], 2);
    assert.equal(stats.body.database.byCollection.notes, 4);
    assert.equal(stats.body.database.total, 4);
  });

  test('capture: keeps the raw bodies of the next n database requests, which replay as they were', async () => {
    assert.equal((await cloud.post('/__dev/capture', { max: -1 })).status, 400);
    await cloud.post('/__dev/capture', { max: 3 });
    await cloud.call('notes', { action: 'add', text: 'captured' }, 'persona-capture');
    await cloud.call('notes', { action: 'list' }, 'persona-capture');
    const captured = (await cloud.get<{ requests: string[] }>('/__dev/capture')).body.requests;
    assert.deepEqual(captured.map((text) => (JSON.parse(text) as { action: string }).action), ['database.addCollection', 'database.insertDocument', 'database.addCollection']);
    // Taking them stops the capture.
    await cloud.call('notes', { action: 'list' }, 'persona-capture');
    assert.deepEqual((await cloud.get<{ requests: string[] }>('/__dev/capture')).body.requests, []);
    // The insert replayed straight to /admin, without the function host, inserts the note again.
    const replayed = await fetch(`${cloud.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: captured[1] });
    assert.equal(((await replayed.json()) as { data: { insertedIds: unknown[] } }).data.insertedIds.length, 1);
    const notes = await cloud.call<Array<{ text: string }>>('notes', { action: 'list' }, 'persona-capture');
    assert.deepEqual(notes.map((n) => n.text), ['captured', 'captured']);
  });

  test('stats: a query that reads a collection of over 1,000 documents without an index is counted until the reset', async () => {
    interface ScanStats { database: { unindexedScans: { total: number; byCollection: Record<string, number>; sinceStart: number } } }
    await cloud.post('/__dev/reset', { seed: 'empty' });
    await cloud.post('/__dev/stats/reset');
    await cloud.call('notes', { action: 'bulk', count: 1001 }, 'persona-scan');
    // notes has no index but _id's: another persona's list (where({ openid })) reads all 1,001 notes
    // to find none. (The bulk persona's own list stops at its first page: not a scan.)
    await cloud.call('notes', { action: 'list' }, 'persona-scan');
    assert.deepEqual(await cloud.call('notes', { action: 'list' }, 'persona-other'), []);
    const counted = await cloud.get<ScanStats>('/__dev/stats');
    assert.deepEqual(counted.body.database.unindexedScans, { total: 1, byCollection: { notes: 1 }, sinceStart: 1 });
    await cloud.post('/__dev/stats/reset');
    const reset = await cloud.get<ScanStats>('/__dev/stats');
    // The count since start survives the reset: it is what the tests' stop() holds at zero.
    assert.deepEqual(reset.body.database.unindexedScans, { total: 0, byCollection: {}, sinceStart: 1 });
    await cloud.post('/__dev/reset', { seed: 'empty' });
  });

  test('reset: wipes the data and loads the named dataset', async () => {
    await cloud.call('notes', { action: 'add', text: 'to be wiped' }, 'persona-reset');
    const demo = await cloud.post<{ loaded: Record<string, number> }>('/__dev/reset', { seed: 'demo' });
    assert.ok(demo.body.loaded.members > 0);
    const notes = await cloud.get<{ documents: unknown[] }>('/__dev/collections/notes');
    assert.equal(notes.body.documents.length, 0);
    await cloud.post('/__dev/reset', { seed: 'empty' });
    const members = await cloud.get<{ documents: unknown[] }>('/__dev/collections/members');
    assert.equal(members.body.documents.length, 0);
    const bad = await cloud.post('/__dev/reset', { seed: 'everything' });
    assert.equal(bad.status, 400);
  });
});

describe('durability', () => {
  test('kill -9: every acknowledged write is there after a restart', async () => {
    const first = await startEmulator({ env: { FUNCTIONS_DIR: FIXTURES } });
    const written: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await first.call<{ _id: string }>('notes', { action: 'add', text: `note ${i}` }, 'persona-durable');
        written.push(res._id);
      }),
    );
    await first.kill();
    const second = await startEmulator({ dataDir: first.dataDir, env: { FUNCTIONS_DIR: FIXTURES } });
    try {
      const notes = await second.call<Array<{ _id: string }>>('notes', { action: 'list' }, 'persona-durable');
      assert.deepEqual(notes.map((n) => n._id).sort(), [...written].sort());
    } finally {
      await second.stop();
    }
  });
});
