import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { handleFunctionsInvoke } from '@emulator/functions/index.js';
import { APP_ID, ENV_ID, type Harness, okResult, startHarness } from './helpers.js';

describe('functions.invokeFunction', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test('callFunction: the callee sees the user OPENID and a chained SOURCE', async () => {
    const r = okResult(await h.host.invoke('caller', { target: 'whoami', data: { x: 1 } }, { openid: 'o-user', unionid: 'u-user', source: 'wx_client' }));
    assert.equal(r.errMsg, 'callFunction:ok');
    assert.deepEqual(r.self, { OPENID: 'o-user', APPID: APP_ID, UNIONID: 'u-user', ENV: ENV_ID, SOURCE: 'wx_client' });
    assert.deepEqual(r.result.before, { OPENID: 'o-user', APPID: APP_ID, UNIONID: 'u-user', ENV: ENV_ID, SOURCE: 'wx_client,scf' });
    assert.deepEqual(r.result.event, { x: 1 });
  });

  test('callFunction: chains twice from a timer', async () => {
    const r = okResult(await h.host.invoke('caller', { target: 'caller', data: { target: 'whoami' } }, { source: 'wx_trigger' }));
    assert.equal(r.result.result.before.SOURCE, 'wx_trigger,scf,scf');
    assert.equal(r.result.result.before.OPENID, undefined);
  });

  test('callFunction: concurrent callers keep their own identity down the chain', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.host.invoke('caller', { target: 'whoami', data: { delayMs: 20 } }, { openid: `o-${i % 2}`, source: 'wx_client' })),
    );
    outcomes.forEach((o, i) => assert.equal(okResult(o).result.after.OPENID, `o-${i % 2}`));
  });

  // @cloudbase/node-sdk 3.17 throws on any `{ code }` answer, so wx-server-sdk 4.0.2 reports
  // errCode -1 with the code string on err.code and the server message in errMsg.
  test('callFunction: a failing callee rejects in the caller with FUNCTIONS_EXECUTE_FAIL', async () => {
    const r = okResult(await h.host.invoke('caller', { target: 'boom' }, { openid: 'o', source: 'wx_client' }));
    assert.equal(r.error.errCode, -1);
    assert.equal(r.error.code, 'FUNCTIONS_EXECUTE_FAIL');
    assert.match(r.error.errMsg, /^callFunction:fail -504002 functions execute fail: TypeError: boom$/);
  });

  test('callFunction: a missing callee rejects with the real message', async () => {
    const r = okResult(await h.host.invoke('caller', { target: 'nope' }, { openid: 'o', source: 'wx_client' }));
    assert.equal(r.error.code, 'ResourceNotFound.Function');
    assert.match(r.error.errMsg, /-501000 FunctionName parameter could not be found/);
  });

  test('handleFunctionsInvoke: an unknown token is a plain server-side caller', async () => {
    const answer = (await handleFunctionsInvoke(h.host, { function_name: 'whoami', request_data: '{"k":2}', wxCloudApiToken: 'x' })) as { data: { response_data: string } };
    const result = JSON.parse(answer.data.response_data);
    assert.deepEqual(result.before, { APPID: APP_ID, ENV: ENV_ID, SOURCE: 'scf' });
    assert.deepEqual(result.event, { k: 2 });
  });

  test('handleFunctionsInvoke: rejects a missing name and bad request_data', async () => {
    assert.equal(((await handleFunctionsInvoke(h.host, {})) as { code: string }).code, 'INVALID_PARAM');
    assert.equal(((await handleFunctionsInvoke(h.host, { function_name: 'whoami', request_data: '{' })) as { code: string }).code, 'INVALID_PARAM');
  });
});
