import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { join } from 'node:path';
import { checkFieldValue, fieldTypeOf } from '@emulator/openApi/subscribeMessage';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const TEMPLATES_PROJECT = join(__dirname, 'subscribe-templates.localCloud.ts');
const NO_TEMPLATES_PROJECT = join(__dirname, 'openapi-fixtures.localCloud.ts');

type Outcome = { resolved: true; res: { errCode: number; errMsg: string } } | { resolved: false; errCode: number; errMsg: string };
type Message = { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; miniprogramState: string; at: string };

const TPL = 'tpl-order-paid';
const USER = 'member-subscribe';
const goodData = { thing1: { value: '草莓蛋糕 6 寸' }, amount2: { value: '¥128.00' }, date3: { value: '2026年12月1日 10:30' }, character_string4: { value: 'SO-20261201-0001' }, phrase5: { value: '已支付' }, name6: { value: '张三' } };

test('keyword types: read from the keyword name, each with WeChat’s rule', () => {
  assert.equal(fieldTypeOf('thing1'), 'thing');
  assert.equal(fieldTypeOf('character_string12'), 'character_string');
  assert.equal(fieldTypeOf('phone_number3'), 'phone_number');
  assert.equal(fieldTypeOf('thing'), undefined);
  assert.equal(fieldTypeOf('custom1'), undefined);
  assert.ok(checkFieldValue('thing', '一二三四五六七八九十一二三四五六七八九十'));
  assert.ok(!checkFieldValue('thing', '一二三四五六七八九十一二三四五六七八九十一'));
  assert.ok(checkFieldValue('number', '12.5') && !checkFieldValue('number', '12a') && !checkFieldValue('number', '1'.repeat(33)));
  assert.ok(checkFieldValue('amount', '¥12.50') && checkFieldValue('amount', '12.50元') && checkFieldValue('amount', '12'));
  assert.ok(!checkFieldValue('amount', '十二元') && !checkFieldValue('amount', '¥12.50元') && !checkFieldValue('amount', '12.505'));
  assert.ok(checkFieldValue('date', '2026年12月1日') && checkFieldValue('date', '2026-12-01 10:30') && !checkFieldValue('date', '12月1日'));
  assert.ok(checkFieldValue('time', '15:01') && checkFieldValue('time', '2019年10月1日 15:01') && !checkFieldValue('time', '25:00'));
  assert.ok(checkFieldValue('phrase', '已支付') && !checkFieldValue('phrase', '已经支付完成了') && !checkFieldValue('phrase', 'paid'));
  assert.ok(checkFieldValue('character_string', 'SO-0001') && !checkFieldValue('character_string', '单号1') && !checkFieldValue('character_string', 'x'.repeat(33)));
  assert.ok(checkFieldValue('name', '张三') && checkFieldValue('name', 'Zhang San') && !checkFieldValue('name', '一二三四五六七八九十一') && !checkFieldValue('name', '张San'));
  assert.ok(!checkFieldValue('thing', ''));
});

describe('cloud.openapi.subscribeMessage.send, templates declared', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ env: { LOCAL_CLOUD_PROJECT: TEMPLATES_PROJECT } });
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    assert.equal((await cloud.post('/__dev/reset')).status, 200);
  });

  const send = (request: unknown, fn = 'subscribe', extra: Record<string, unknown> = {}) => cloud.call<Outcome>(fn, { request, ...extra }, USER);
  const accept = (count: number, openid = USER, templateId = TPL) => cloud.post<{ count: number }>('/__dev/subscriptions', { openid, templateId, count });
  const messages = async () => (await cloud.get<Message[]>('/__dev/messages')).body;

  test('success: the SDK resolves { errCode: 0, errMsg }, the message is recorded with the local cloud’s clock, and one accept is used', async () => {
    await cloud.post('/__dev/clock', { now: '2026-12-01T02:30:00.000Z' });
    try {
      assert.deepEqual((await accept(2)).body, { openid: USER, templateId: TPL, count: 2 });
      const outcome = await send({ touser: USER, templateId: TPL, page: 'pages/order/detail?id=o-1', data: goodData, miniprogramState: 'trial' });
      assert.deepEqual(outcome, { resolved: true, res: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' } });
      const second = await send({ touser: USER, template_id: TPL, data: goodData }, 'subscribe', { convertCase: false });
      assert.equal(second.resolved, true);
      assert.deepEqual(await messages(), [
        { touser: USER, templateId: TPL, page: 'pages/order/detail?id=o-1', data: goodData, miniprogramState: 'trial', at: '2026-12-01T02:30:00.000Z' },
        { touser: USER, templateId: TPL, data: goodData, miniprogramState: 'formal', at: '2026-12-01T02:30:00.000Z' },
      ]);
    } finally {
      await cloud.post('/__dev/clock', { now: null });
    }
    // Both accepts used: the third send is refused.
    const third = await send({ touser: USER, templateId: TPL, data: goodData });
    assert.ok(!third.resolved);
    assert.equal(third.errCode, 43101);
    // POST /__dev/reset forgets the messages.
    await cloud.post('/__dev/reset');
    assert.deepEqual(await messages(), []);
  });

  test('43101 when the user has accepted nothing, and after the accept is used up', async () => {
    const none = await send({ touser: USER, templateId: TPL, data: goodData });
    assert.ok(!none.resolved);
    assert.equal(none.errCode, 43101);
    assert.match(none.errMsg, /user refuse to accept the msg/);
    await accept(1);
    assert.equal((await send({ touser: USER, templateId: TPL, data: goodData })).resolved, true);
    const usedUp = await send({ touser: USER, templateId: TPL, data: goodData });
    assert.ok(!usedUp.resolved);
    assert.equal(usedUp.errCode, 43101);
    // Accepts are per user: another user's accept does not help this one.
    await accept(1, 'someone-else');
    assert.equal((await send({ touser: USER, templateId: TPL, data: goodData })).resolved, false);
    assert.equal((await messages()).length, 1);
  });

  test('40037 for a template id the project does not declare (and the dev route refuses it too)', async () => {
    await accept(5);
    const outcome = await send({ touser: USER, templateId: 'tpl-unknown', data: goodData });
    assert.ok(!outcome.resolved);
    assert.equal(outcome.errCode, 40037);
    assert.match(outcome.errMsg, /invalid template_id/);
    assert.equal((await accept(1, USER, 'tpl-unknown')).status, 400);
    assert.deepEqual(await messages(), []);
  });

  test('47003 for a thing value over 20 characters, a missing keyword, or a value breaking its declared type; no accept is used', async () => {
    await accept(1);
    const tooLong = await send({ touser: USER, templateId: TPL, data: { ...goodData, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } });
    assert.ok(!tooLong.resolved);
    assert.equal(tooLong.errCode, 47003);
    assert.match(tooLong.errMsg, /argument invalid!.*thing1/);
    const { phrase5: _dropped, ...missing } = goodData;
    const noPhrase = await send({ touser: USER, templateId: TPL, data: missing });
    assert.ok(!noPhrase.resolved);
    assert.equal(noPhrase.errCode, 47003);
    const badAmount = await send({ touser: USER, templateId: TPL, data: { ...goodData, amount2: { value: '一百元' } } });
    assert.ok(!badAmount.resolved);
    assert.equal(badAmount.errCode, 47003);
    const badState = await send({ touser: USER, templateId: TPL, data: goodData, miniprogramState: 'beta' });
    assert.ok(!badState.resolved);
    assert.equal(badState.errCode, 47003);
    assert.equal((await send({ touser: USER, templateId: TPL, data: goodData })).resolved, true);
  });

  test('40003 without touser, or with a malformed one', async () => {
    await accept(1);
    const none = await send({ templateId: TPL, data: goodData });
    assert.ok(!none.resolved);
    assert.equal(none.errCode, 40003);
    assert.match(none.errMsg, /invalid openid/);
    const bad = await send({ touser: 'not an openid!', templateId: TPL, data: goodData });
    assert.ok(!bad.resolved);
    assert.equal(bad.errCode, 40003);
    assert.deepEqual(await messages(), []);
  });

  test('-604101 for a function whose config.json does not list subscribeMessage.send in permissions.openapi', async () => {
    await accept(1);
    const outcome = await send({ touser: USER, templateId: TPL, data: goodData }, 'subscribeNoPermission');
    assert.ok(!outcome.resolved);
    assert.equal(outcome.errCode, -604101);
    assert.deepEqual(await messages(), []);
  });

  test('POST /__dev/subscriptions checks its body', async () => {
    assert.equal((await cloud.post('/__dev/subscriptions', { openid: USER, templateId: TPL, count: -1 })).status, 400);
    assert.equal((await cloud.post('/__dev/subscriptions', { openid: 'bad id', templateId: TPL, count: 1 })).status, 400);
    assert.equal((await cloud.post('/__dev/subscriptions', { openid: USER, count: 1 })).status, 400);
  });
});

describe('cloud.openapi.subscribeMessage.send, no templates declared', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ env: { LOCAL_CLOUD_PROJECT: NO_TEMPLATES_PROJECT } });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('any non-empty template id is accepted; values are checked by their keyword name', async () => {
    await cloud.post('/__dev/subscriptions', { openid: USER, templateId: 'any-template', count: 1 });
    const tooLong = await cloud.call<Outcome>('subscribe', { request: { touser: USER, templateId: 'any-template', data: { thing7: { value: 'x'.repeat(21) } } } }, USER);
    assert.ok(!tooLong.resolved);
    assert.equal(tooLong.errCode, 47003);
    const empty = await cloud.call<Outcome>('subscribe', { request: { touser: USER, templateId: '', data: { thing7: { value: 'ok' } } } }, USER);
    assert.ok(!empty.resolved);
    assert.equal(empty.errCode, 40037);
    const ok = await cloud.call<Outcome>('subscribe', { request: { touser: USER, templateId: 'any-template', data: { thing7: { value: '到店自提' }, custom: { value: 'anything' } } } }, USER);
    assert.deepEqual(ok, { resolved: true, res: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' } });
    const { body } = await cloud.get<Message[]>('/__dev/messages');
    assert.equal(body.length, 1);
    assert.deepEqual(body[0].data, { thing7: { value: '到店自提' }, custom: { value: 'anything' } });
  });
});
