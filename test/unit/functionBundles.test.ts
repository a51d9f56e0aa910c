import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { beforeAll, test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { contracts } from '@contract/index';
import { entitySchemas } from '@contract/admin';
import { payNotification } from '@contract/payCallback';
import { validationMessage } from '@contract/messages';

/**
 * The cloud functions bundle zod as their code uses it (scripts/build-functions.mjs: `z` holds only
 * the builders the contracts call, minified). Every request must still be accepted, refused and
 * explained exactly as the app's contracts, on the whole of zod, do: the same parsed data, the same
 * issues, the same Chinese message.
 */
const ROOT = resolve(__dirname, '..', '..');

type Schema = { safeParse: (v: unknown, o?: { reportInput: boolean }) => { success: boolean; data?: unknown; error?: { issues: unknown[] } } };
interface Side {
  contracts: Record<string, { request: Schema }>;
  entitySchemas: Record<string, Schema>;
  payNotification: Schema;
  validationMessage: (issues: unknown[]) => string;
}

let bundled: Side;
const full = { contracts, entitySchemas, payNotification, validationMessage } as unknown as Side;

beforeAll(() => {
  const entry = ["export { contracts } from '@contract/index';", "export { entitySchemas } from '@contract/admin';", "export { payNotification } from '@contract/payCallback';", "export { validationMessage } from '@contract/messages';"].join('\n');
  const script = `import { bundleAsFunctions } from './scripts/build-functions.mjs'; process.stdout.write(await bundleAsFunctions(${JSON.stringify(entry)}));`;
  const code = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const mod = { exports: {} as Side };
  new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
  bundled = mod.exports;
});

/** What a function does with a request: its data, or its issues and the message a person reads. */
function outcome(side: Side, schema: (s: Side) => Schema, value: unknown) {
  const parsed = schema(side).safeParse(value, { reportInput: true });
  return parsed.success ? { data: parsed.data } : { issues: parsed.error!.issues, message: side.validationMessage(parsed.error!.issues) };
}

/** Compared as printed in full: deepStrictEqual trips on the own `__proto__` keys fast-check makes. */
const shown = (v: unknown) => inspect(v, { depth: Infinity, sorted: true, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity });

function sameOutcome(schema: (s: Side) => Schema, value: unknown) {
  assert.equal(shown(outcome(bundled, schema, value)), shown(outcome(full, schema, value)), `differs for ${shown(value)}`);
}

const actionsOf = (name: string): string[] => {
  const parsed = full.contracts[name].request.safeParse({ action: '\u0000' });
  return ((parsed.error?.issues[0] as { options?: unknown[] } | undefined)?.options ?? []).map(String);
};

test('the functions parse every request as the contracts do: same data, same issues, same Chinese message', () => {
  const names = Object.keys(contracts);
  assert.deepStrictEqual(Object.keys(bundled.contracts), names);
  const field = fc.constantFrom('storeId', 'items', 'qty', 'skuId', 'couponId', 'points', 'requestId', 'orderId', 'code', 'birthday', 'cloudID', 'kind', 'cursor', 'templateId', 'sessionId', 'plan', 'entity', 'doc', 'openid', 'stock', 'status', 'reason', 'q', 'lat', 'lng', 'days', 'junk');
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom('s1', 'flagship', 'fruit-strawberry', 'req-12345678', '2026-05-18', '1992/05/18', '', 'x'.repeat(80), 1, 0, -1, 1.5, 99, 100, 1e9, true, null),
    fc.array(fc.record({ skuId: fc.constantFrom('a', 'b', ''), qty: fc.constantFrom(1, 2, 0, 1.5, '1') }), { maxLength: 3 }),
    fc.record({ lat: fc.double(), lng: fc.double() }),
  );
  const request = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.dictionary(field, value, { maxKeys: 5 }), fc.string()).map(([name, pick, fields, unknown]) => {
    const actions = actionsOf(name);
    return { name, value: { ...fields, action: pick % 5 === 0 ? unknown : actions[pick % actions.length] } };
  });
  fc.assert(
    fc.property(request, ({ name, value }) => sameOutcome((s) => s.contracts[name].request, value)),
    { numRuns: 500 },
  );
  // Requests that pass, with defaults and coercions applied alike.
  sameOutcome((s) => s.contracts.order.request, { action: 'quote', storeId: 's1', items: [{ skuId: 'a', qty: 2 }] });
  sameOutcome((s) => s.contracts.member.request, { action: 'setBirthday', birthday: '1992-05-18' });
  sameOutcome((s) => s.contracts.order.request, { action: 'list', status: 'paid' });
  for (const v of [null, 5, 'profile', [], undefined, {}]) sameOutcome((s) => s.contracts.member.request, v);
});

test("the functions check operators' entities and WeChat's pay notifications as the contracts do", () => {
  const entities = Object.keys(entitySchemas);
  fc.assert(
    fc.property(fc.constantFrom(...entities), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 6 }), (entity, doc) => sameOutcome((s) => s.entitySchemas[entity], doc)),
    { numRuns: 300 },
  );
  sameOutcome((s) => s.entitySchemas.couponTemplate, { templateId: 't1', name: '券', kind: 'threshold', valueFen: 500, thresholdFen: 300, validity: { days: 7 } });
  const note = fc.record({ returnCode: fc.oneof(fc.constant('SUCCESS'), fc.anything()), totalFee: fc.oneof(fc.constantFrom('100', 100, 'x', ''), fc.anything()), outTradeNo: fc.anything(), extra: fc.anything() }, { requiredKeys: [] });
  fc.assert(
    fc.property(note, (n) => sameOutcome((s) => s.payNotification, n)),
    { numRuns: 200 },
  );
});
