import nodeAssert from 'node:assert/strict';

/**
 * node:assert/strict, for tests that run in jest. jest runs each test file in a separate realm, so an
 * array from node itself (fs.readdirSync, a worker's message) and an array literal in the test have
 * different prototypes, and deepStrictEqual would call two equal values different. The deep
 * comparisons here first rebuild plain arrays, plain objects and dates in the test's realm; everything
 * else about them — every assertion, and what strict equality means — is node's own.
 */
function inThisRealm(value: unknown): unknown {
  // Array.from, not value.map: map builds its result with the array's own (other-realm) constructor.
  if (Array.isArray(value)) return Array.from(value as unknown[], (item) => inThisRealm(item));
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return new Date((value as Date).getTime());
  if (tag !== '[object Object]' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  const plain = proto === null || Object.getPrototypeOf(proto) === null;
  if (!plain) return value;
  const copy: Record<string, unknown> = proto === null ? Object.create(null) : {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) copy[key] = inThisRealm(field);
  return copy;
}

type Message = string | Error | undefined;

const assert: typeof nodeAssert = Object.assign((value: unknown, message?: Message) => nodeAssert(value, message), nodeAssert, {
  deepEqual: <T>(actual: unknown, expected: T, message?: Message) => nodeAssert.deepEqual(inThisRealm(actual), inThisRealm(expected), message),
  deepStrictEqual: <T>(actual: unknown, expected: T, message?: Message) => nodeAssert.deepStrictEqual(inThisRealm(actual), inThisRealm(expected), message),
  notDeepEqual: (actual: unknown, expected: unknown, message?: Message) => nodeAssert.notDeepEqual(inThisRealm(actual), inThisRealm(expected), message),
  notDeepStrictEqual: (actual: unknown, expected: unknown, message?: Message) => nodeAssert.notDeepStrictEqual(inThisRealm(actual), inThisRealm(expected), message),
}) as typeof nodeAssert;

export default assert;
