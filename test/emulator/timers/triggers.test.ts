import assert from '@test/support/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createFunctionHost } from '@emulator/functions/index.js';
import { APP_ID, ENV_ID, FIXTURES_DIR, type Harness, okResult, startHarness } from '../functions/helpers.js';

describe('timer triggers', () => {
  let h: Harness;
  let devNow: Date | null = null;
  beforeAll(async () => {
    h = await startHarness({ devNow: () => devNow });
  });
  afterAll(() => h.close());

  test('triggers: reads config.json timer triggers', () => {
    assert.deepEqual(h.host.triggers(), [
      { functionName: 'nightly', triggerName: 'nightlySettle', cron: '0 0 2 * * * *' },
      { functionName: 'ticker', triggerName: 'everySecond', cron: '* * * * * * *' },
    ]);
  });

  test('fireTrigger: sends the timer event with source wx_trigger and no OPENID', async () => {
    devNow = new Date('2025-04-01T18:00:00.123Z');
    try {
      const r = okResult(await h.host.fireTrigger('nightlySettle'));
      assert.deepEqual(r.event, { Type: 'Timer', TriggerName: 'nightlySettle', Time: '2025-04-01T18:00:00Z' });
      assert.deepEqual(r.wx, { APPID: APP_ID, ENV: ENV_ID, SOURCE: 'wx_trigger' });
      assert.equal(r.triggerSrc, 'timer');
      assert.equal(r.localCloudNow, '2025-04-01T18:00:00.123Z');
    } finally {
      devNow = null;
    }
  });

  test('fireTrigger: accepts the function name too; unknown names fail', async () => {
    const r = okResult(await h.host.fireTrigger('nightly'));
    assert.equal(r.event.TriggerName, 'nightlySettle');
    assert.match(r.event.Time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const missing = await h.host.fireTrigger('noSuchTrigger');
    assert.equal(missing.ok, false);
  });
});

describe('scheduler', () => {
  test('startScheduler: fires an every-second trigger within 2 s, never overlapping; stopScheduler stops it', async () => {
    const host = createFunctionHost({ functionsDir: FIXTURES_DIR, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null });
    try {
      host.startScheduler();
      const deadline = Date.now() + 2100;
      while (!host.invocationCounts().ticker && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(host.invocationCounts().ticker, 1, 'fired within ~2 s');
      // ticker runs 1.5 s: the slots that pass meanwhile are skipped, not stacked.
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(host.invocationCounts().ticker, 1, 'no overlapping run');
      assert.equal(host.invocationCounts().nightly, undefined, '02:00 trigger did not fire');
      host.stopScheduler();
      const stoppedAt = host.invocationCounts().ticker ?? 0;
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(host.invocationCounts().ticker ?? 0, stoppedAt, 'nothing fires after stop');
    } finally {
      await host.close();
    }
  });

  test('triggers: lists only timer triggers from valid JSON; the scheduler survives an invalid cron', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fn-triggers-'));
    const write = (name: string, config: string) => {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'index.js'), 'exports.main = async () => 1;');
      fs.writeFileSync(path.join(dir, name, 'config.json'), config);
    };
    write('a', '{"triggers":[{"name":"t","type":"timer","config":"* * * * * * *"}]}');
    write('b', '{"triggers":[{"name":"x","type":"cos","config":"whatever"}]}');
    write('c', 'not json');
    write('d', '{"triggers":[{"name":"bad","type":"timer","config":"0 0 * * *"}]}');
    const host = createFunctionHost({ functionsDir: dir, tcbUrl: 'http://127.0.0.1:9/admin', envId: ENV_ID, appId: APP_ID, devNow: () => null });
    const warn = console.warn;
    console.warn = () => {};
    try {
      assert.deepEqual(
        host.triggers().map((t) => t.triggerName),
        ['t', 'bad'],
      );
      host.startScheduler(); // the invalid cron must not break scheduling of the others
      await new Promise((r) => setTimeout(r, 1300));
      host.stopScheduler();
      assert.ok((host.invocationCounts().a ?? 0) >= 1, 'the valid trigger still fired');
      assert.equal(host.invocationCounts().d, undefined);
    } finally {
      console.warn = warn;
      await host.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
