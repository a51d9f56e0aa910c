import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createFunctionHost, FunctionErrorCode, PLATFORM_ENV_KEYS } from '@emulator/functions/index.js';
import { APP_ID, ENV_ID, FIXTURES_DIR, type Harness, okResult, startHarness } from './helpers.js';

describe('function host', () => {
  let h: Harness;
  let devNow: Date | null = null;
  beforeAll(async () => {
    h = await startHarness({
      devNow: () => devNow,
      // Each function its own console variables, as set per function in production.
      functionEnv: { whoami: { ADMIN_OPENIDS: 'admin-1,admin-2' }, caller: { VOUCHER_SECRET: 'caller-only' } },
      maxConcurrentPerFunction: 8,
    });
  });
  afterAll(() => h.close());

  test('names: lists folders that hold an index.js', () => {
    assert.deepEqual(h.host.names(), ['boom', 'caller', 'crash', 'nightly', 'payCallback', 'payer', 'ticker', 'whoami']);
  });

  test('invoke: getWXContext shows the invocation identity, env and source', async () => {
    const r = okResult(await h.host.invoke('whoami', { a: 1 }, { openid: 'o-alice', unionid: 'u-alice', clientIp: '10.0.0.7', source: 'wx_client' }));
    assert.deepEqual(r.before, { OPENID: 'o-alice', APPID: APP_ID, UNIONID: 'u-alice', CLIENTIP: '10.0.0.7', ENV: ENV_ID, SOURCE: 'wx_client' });
    assert.deepEqual(r.event, { a: 1 });
  });

  test('invoke: keys of the previous invocation do not leak into the next', async () => {
    await h.host.invoke('whoami', {}, { openid: 'o-1', unionid: 'u-1', source: 'wx_client', appid: 'wxother' });
    const r = okResult(await h.host.invoke('whoami', {}, { source: 'wx_trigger' }));
    assert.deepEqual(r.before, { APPID: APP_ID, ENV: ENV_ID, SOURCE: 'wx_trigger' });
  });

  test('invoke: context has the SCF fields', async () => {
    const r = okResult(await h.host.invoke('whoami', {}, { openid: 'o', source: 'wx_client' }));
    assert.equal(r.context.function_name, 'whoami');
    assert.equal(r.context.function_version, '$LATEST');
    assert.equal(r.context.namespace, ENV_ID);
    assert.equal(r.context.memory_limit_in_mb, 256);
    assert.equal(r.context.time_limit_in_ms, 60000);
    assert.equal(r.context.callbackWaitsForEmptyEventLoop, false);
    assert.match(r.context.request_id, /^[0-9a-f-]{36}$/);
    assert.ok(r.context.remainingMs > 0 && r.context.remainingMs <= 60000);
  });

  test('invoke: result comes back as JSON (Dates become strings)', async () => {
    const r = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    assert.equal(r.when, '1970-01-01T00:00:00.000Z');
  });

  test('invoke: 20 concurrent calls across 2 openids each see their own OPENID', async () => {
    const calls = Array.from({ length: 20 }, (_, i) => {
      const openid = i % 2 === 0 ? 'o-even' : 'o-odd';
      return h.host.invoke('whoami', { i, delayMs: 30 + (i % 5) * 10 }, { openid, source: 'wx_client' }).then((o) => ({ openid, i, o }));
    });
    for (const { openid, i, o } of await Promise.all(calls)) {
      const r = okResult(o);
      assert.equal(r.before.OPENID, openid, `call ${i} before await`);
      assert.equal(r.after.OPENID, openid, `call ${i} after await`);
      assert.equal(r.event.i, i);
    }
  });

  test('invoke: a function sees its own console variables and no other function\'s', async () => {
    const consoleKeys = (keys: string[]) => keys.filter((k) => !PLATFORM_ENV_KEYS.includes(k));
    const r = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    assert.equal(r.adminOpenids, 'admin-1,admin-2');
    assert.deepEqual(consoleKeys(r.envKeys), ['ADMIN_OPENIDS']);
    // Called by `caller` (which has VOUCHER_SECRET), whoami still runs with whoami's variables only.
    const chained = okResult(await h.host.invoke('caller', { target: 'whoami' }, { openid: 'o-chain', source: 'wx_client' }));
    assert.deepEqual(consoleKeys(chained.result.envKeys), ['ADMIN_OPENIDS']);
    // A function with nothing configured gets no console variable at all.
    const bare = await startHarness({ functionEnv: { caller: { ADMIN_OPENIDS: 'not-for-whoami' } } });
    try {
      const none = okResult(await bare.host.invoke('whoami', {}, { source: 'wx_client' }));
      assert.equal(none.adminOpenids, null);
      assert.deepEqual(consoleKeys(none.envKeys), []);
    } finally {
      await bare.close();
    }
  });

  test('invoke: LOCAL_CLOUD_NOW follows the dev clock, and is unset when the clock is real', async () => {
    devNow = new Date('2025-03-01T01:02:03.000Z');
    const frozen = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    assert.equal(frozen.localCloudNow, '2025-03-01T01:02:03.000Z');
    devNow = null;
    const real = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    assert.equal(real.localCloudNow, null);
  });

  test('invoke: warm instances keep their globals between calls', async () => {
    const first = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    const second = okResult(await h.host.invoke('whoami', {}, { source: 'wx_client' }));
    assert.equal(second.instanceId, first.instanceId);
    assert.equal(second.calls, first.calls + 1);
  });

  test('invoke: a thrown error becomes a -504002 outcome', async () => {
    const outcome = await h.host.invoke('boom', {}, { source: 'wx_client' });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.equal(outcome.errCode, -504002);
    assert.match(outcome.errMsg, /^functions execute fail: TypeError: boom$/);
    const plain = await h.host.invoke('boom', { plain: true }, { source: 'wx_client' });
    assert.ok(!plain.ok);
    assert.match(plain.errMsg, /plain string failure/);
  });

  test('invoke: an unknown function is -501000', async () => {
    const outcome = await h.host.invoke('nope', {}, { source: 'wx_client' });
    assert.ok(!outcome.ok);
    assert.equal(outcome.errCode, FunctionErrorCode.FUNCTION_NOT_FOUND);
    assert.match(outcome.errMsg, /FunctionName parameter could not be found/);
    const traversal = await h.host.invoke('../fixtures/whoami', {}, { source: 'wx_client' });
    assert.ok(!traversal.ok);
    assert.equal(traversal.errCode, -501000);
  });

  test('invoke: a crashed instance fails its call and is replaced', async () => {
    const before = okResult(await h.host.invoke('crash', {}, { source: 'wx_client' }));
    const crashed = await h.host.invoke('crash', { crash: true }, { source: 'wx_client' });
    assert.ok(!crashed.ok);
    assert.equal(crashed.errCode, -504002);
    assert.match(crashed.errMsg, /async crash/);
    const afterCrash = okResult(await h.host.invoke('crash', {}, { source: 'wx_client' }));
    assert.notEqual(afterCrash.instanceId, before.instanceId);
  });

  test('invocationCounts: counts per function and resets', async () => {
    h.host.resetCounts();
    await Promise.all([h.host.invoke('whoami', {}, { source: 'wx_client' }), h.host.invoke('whoami', {}, { source: 'wx_client' }), h.host.invoke('boom', {}, { source: 'wx_client' })]);
    assert.deepEqual(h.host.invocationCounts(), { whoami: 2, boom: 1 });
    h.host.resetCounts();
    assert.deepEqual(h.host.invocationCounts(), {});
  });

  test('contextForToken: unknown tokens resolve to nothing', () => {
    assert.equal(h.host.contextForToken('not-a-token'), undefined);
  });
});

describe('function host limits', () => {
  test('invoke: calls beyond maxConcurrentPerFunction queue instead of running at once', async () => {
    const host = createFunctionHost({ functionsDir: FIXTURES_DIR, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null, maxConcurrentPerFunction: 2 });
    try {
      const results = (await Promise.all(Array.from({ length: 6 }, () => host.invoke('whoami', { delayMs: 150 }, { source: 'wx_client' })))).map((o) => okResult(o));
      assert.ok(new Set(results.map((r) => r.instanceId)).size <= 2, 'at most 2 instances');
      const events = results.flatMap((r) => [[r.startedAtMs, 1], [r.endedAtMs, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let running = 0;
      let peak = 0;
      for (const [, d] of events) peak = Math.max(peak, (running += d));
      assert.ok(peak <= 2, `peak concurrency ${peak}`);
      const span = Math.max(...results.map((r) => r.endedAtMs)) - Math.min(...results.map((r) => r.startedAtMs));
      assert.ok(span >= 3 * 150 - 20, `6 calls of 150 ms on 2 instances take >= 450 ms, took ${span}`);
    } finally {
      await host.close();
    }
  });

  test('invoke: running past timeoutMs is -504003 and the instance is replaced', async () => {
    const host = createFunctionHost({ functionsDir: FIXTURES_DIR, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null, timeoutMs: 300 });
    try {
      const first = okResult(await host.invoke('whoami', {}, { source: 'wx_client' }));
      const slow = await host.invoke('whoami', { delayMs: 5000 }, { source: 'wx_client' });
      assert.ok(!slow.ok);
      assert.equal(slow.errCode, -504003);
      assert.match(slow.errMsg, /timed out after 0\.3 seconds/);
      assert.ok(slow.durationMs >= 290 && slow.durationMs < 2000);
      const next = okResult(await host.invoke('whoami', {}, { source: 'wx_client' }));
      assert.notEqual(next.instanceId, first.instanceId);
    } finally {
      await host.close();
    }
  });

  test('close: queued and later calls fail instead of hanging', async () => {
    const host = createFunctionHost({ functionsDir: FIXTURES_DIR, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null, maxConcurrentPerFunction: 1 });
    const running = host.invoke('whoami', { delayMs: 2000 }, { source: 'wx_client' });
    const queued = host.invoke('whoami', {}, { source: 'wx_client' });
    await new Promise((r) => setTimeout(r, 100));
    await host.close();
    const [a, b] = await Promise.all([running, queued]);
    assert.equal(a.ok, false);
    assert.equal(b.ok, false);
    const late = await host.invoke('whoami', {}, { source: 'wx_client' });
    assert.equal(late.ok, false);
  });
});

describe('function host code reload', () => {
  test('invoke: a rebuilt index.js is picked up by fresh instances', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-reload-'));
    fs.mkdirSync(path.join(dir, 'v'));
    const file = path.join(dir, 'v', 'index.js');
    fs.writeFileSync(file, 'exports.main = async () => 1;');
    const host = createFunctionHost({ functionsDir: dir, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null });
    try {
      assert.equal(okResult<number>(await host.invoke('v', {}, { source: 'wx_client' })), 1);
      fs.writeFileSync(file, 'exports.main = async () => 2;');
      const later = new Date(Date.now() + 5000);
      fs.utimesSync(file, later, later);
      assert.equal(okResult<number>(await host.invoke('v', {}, { source: 'wx_client' })), 2);
    } finally {
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
