import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { contracts } from '@contract/index';
import { entitySchemas } from '@contract/admin';
import { fieldLabel, validationMessage } from '@contract/messages';

const parseMessage = (schema: { safeParse: (v: unknown, o: { reportInput: boolean }) => { success: boolean; error?: { issues: unknown[] } } }, value: unknown) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? null : validationMessage(parsed.error!.issues as Parameters<typeof validationMessage>[0]);
};

/** Chinese, short, and nothing a shopper should not see: no English, no code names, no option lists. */
function assertShopMessage(message: string, context: unknown) {
  assert.match(message, /[\u4e00-\u9fff]/, `not Chinese: ${message} for ${JSON.stringify(context)}`);
  assert.doesNotMatch(message, /[A-Za-z]/, `English or a field's code name in: ${message} for ${JSON.stringify(context)}`);
  assert.ok(message.length <= 40, `too long: ${message}`);
}

const actionsOf = (name: keyof typeof contracts): string[] => {
  const parsed = contracts[name].request.safeParse({ action: '\u0000' });
  const issue = parsed.success ? undefined : (parsed.error.issues[0] as { options?: unknown[] });
  return (issue?.options ?? []).map(String);
};

test('validationMessage: every request that fails a function contract is refused in short Chinese, naming nothing internal', () => {
  const names = Object.keys(contracts) as Array<keyof typeof contracts>;
  const field = fc.constantFrom('storeId', 'items', 'qty', 'skuId', 'couponId', 'points', 'requestId', 'orderId', 'code', 'birthday', 'cloudID', 'kind', 'cursor', 'templateId', 'sessionId', 'plan', 'entity', 'doc', 'openid', 'stock', 'status', 'reason', 'junk');
  const junk = fc.oneof(fc.anything(), fc.array(fc.record({ skuId: fc.anything(), qty: fc.anything() })), fc.double(), fc.string());
  const request = fc.tuple(fc.constantFrom(...names), fc.boolean(), fc.dictionary(field, junk, { maxKeys: 5 }), fc.string()).map(([name, known, fields, unknown]) => {
    const actions = actionsOf(name);
    return { name, value: { ...fields, action: known ? actions[fields.storeId === undefined ? 0 : actions.length - 1] : unknown } };
  });
  fc.assert(
    fc.property(request, ({ name, value }) => {
      const message = parseMessage(contracts[name].request, value);
      if (message !== null) assertShopMessage(message, { name, value });
    }),
    { numRuns: 3000 },
  );
  // Not even an object.
  for (const value of [null, 5, 'profile', [], undefined]) assertShopMessage(parseMessage(contracts.member.request, value)!, value);
});

test('validationMessage: an operator entity that fails its schema names the field to fix', () => {
  const entities = Object.keys(entitySchemas) as Array<keyof typeof entitySchemas>;
  fc.assert(
    fc.property(fc.constantFrom(...entities), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 6 }), (entity, doc) => {
      const message = parseMessage(entitySchemas[entity], doc);
      if (message !== null) assertShopMessage(message, { entity, doc });
    }),
    { numRuns: 2000 },
  );
  assert.equal(parseMessage(entitySchemas.couponTemplate, { templateId: 't1', name: '券', kind: 'threshold', valueFen: 500, thresholdFen: 300, validity: { days: 7 } }), '满减券需要填写门槛和面额，且门槛须高于面额');
});

test('validationMessage: unknown actions, missing and wrong fields, as a shopper reads them', () => {
  assert.equal(parseMessage(contracts.admin.request, { action: 'dropEverything' }), '不支持的操作');
  assert.equal(parseMessage(contracts.order.request, {}), '不支持的操作');
  assert.equal(parseMessage(contracts.order.request, { action: 'quote', storeId: 's1', items: [{ skuId: 'a', qty: 1.5 }] }), '商品清单第1项的数量须为整数');
  assert.equal(parseMessage(contracts.order.request, { action: 'quote', storeId: 's1', items: [{ skuId: 'a', qty: 100 }] }), '商品清单第1项的数量不能大于 99');
  assert.equal(parseMessage(contracts.order.request, { action: 'quote', storeId: 's1', items: [] }), '商品清单至少选一项');
  assert.equal(parseMessage(contracts.order.request, { action: 'quote', items: [{ skuId: 'a', qty: 1 }] }), '请填写门店');
  assert.equal(parseMessage(contracts.order.request, { action: 'quote', storeId: 's1', items: [{ skuId: 'a', qty: 1 }, { skuId: 'a', qty: 2 }] }), '同一商品请合并为一行');
  assert.equal(parseMessage(contracts.order.request, { action: 'list', status: 'lost' }), '状态不在可选范围内');
  assert.equal(parseMessage(contracts.order.request, { action: 'detail', orderId: 'x', hack: 1 }), '请求中有不支持的内容');
  assert.equal(parseMessage(contracts.member.request, { action: 'setBirthday', birthday: '1992/05/18' }), '生日须为年-月-日，如 2026-05-18');
  assert.equal(parseMessage(contracts.member.request, { action: 'setBirthday', birthday: '2023-02-29' }), '不是有效的日期');
  assert.equal(fieldLabel(['doc', 'rewards', 1, 'minutes']), '直播奖励第2项的观看分钟数');
});
