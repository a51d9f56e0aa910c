import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import { DbError, ErrorCode } from './errors';
import { GENERATED_ID_BYTES } from './limits';

/** A stored document: plain JS values, numbers as numbers, instants as Date. */
export type Doc = Record<string, unknown>;

/**
 * Parse one EJSON field of a request. The SDK sends canonical EJSON (relaxed: false), so numbers
 * arrive as Int32/Double/Long wrappers; they are unwrapped here so that mingo compares 1 and 1.0
 * and Long(5) as the same number, exactly as MongoDB does. serverDate placeholders become Dates.
 */
export function parseWire(text: unknown, field: string, now: () => Date): unknown {
  if (typeof text !== 'string') {
    throw new DbError(ErrorCode.INVALID_PARAM, `${field} must be an EJSON string`);
  }
  let raw: unknown;
  try {
    raw = EJSON.parse(text, { relaxed: false });
  } catch (e) {
    throw new DbError(ErrorCode.INVALID_PARAM, `${field} is not valid EJSON: ${(e as Error).message}`);
  }
  return normalize(raw, now);
}

/** Parse an EJSON field that must be an object (query, data, order, projection). */
export function parseWireObject(text: unknown, field: string, now: () => Date): Doc {
  const value = parseWire(text, field, now);
  if (!isPlainObject(value)) {
    throw new DbError(ErrorCode.INVALID_PARAM, `${field} must be an object`);
  }
  return value;
}

/** Stored form: canonical EJSON keeps Dates, NaN and -0 intact across restarts. */
export function serializeDoc(doc: Doc): string {
  return canonicalEjson(doc);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Canonical EJSON (`EJSON.stringify(value, { relaxed: false })`, the same text), written directly for
 * what documents are made of: strings, booleans, null, int32 numbers, valid Dates, arrays and plain
 * objects (undefined as null, as bson writes it). Everything else — other numbers, bson values,
 * RegExps, objects with a `$` key — is handed to bson itself. bson's walk costs about three times as
 * much, and every write, every document read and every answer goes through here on the one thread
 * every request runs on (a coupon template carrying 1,000 issue marks is 100 KB of it).
 */
function canonicalEjson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0) ? `{"$numberInt":"${value}"}` : bsonText(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + canonicalEjson(value[i]);
    return `${out}]`;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? `{"$date":{"$numberLong":"${ms}"}}` : bsonText(value);
  }
  if (!isPlainObject(value)) return bsonText(value);
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    if (key.startsWith('$')) return bsonText(value);
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalEjson(value[key])}`;
    first = false;
  }
  return `${out}}`;
}

/** bson's own canonical text of one value (wrapped, as it writes values only inside a document). */
function bsonText(value: unknown): string {
  const text = EJSON.stringify({ v: value }, { relaxed: false });
  return text.slice(5, -1);
}

export function parseStoredDoc(text: string): Doc {
  return normalize(EJSON.parse(text, { relaxed: false })) as Doc;
}

/** What a document looks like after a trip through storage; applied to JS-built seed documents. */
export function canonicalDoc(doc: Doc): Doc {
  return parseStoredDoc(serializeDoc(doc));
}

/**
 * Unwrap bson number wrappers, turn BSON regexes into RegExp (mingo matches with RegExp) and,
 * when `now` is given, replace `{$tcb_server_date:{offset}}` with the server's time plus offset.
 * Other bson types (ObjectId, Binary, Decimal128) are kept as they are.
 */
export function normalize(value: unknown, now?: () => Date): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, now));
  const bsonType = (value as { _bsontype?: unknown })._bsontype;
  if (bsonType === 'Int32' || bsonType === 'Double') return Number(value.valueOf());
  if (bsonType === 'Long') return (value as { toNumber(): number }).toNumber();
  if (bsonType === 'BSONRegExp') {
    const { pattern, options } = value as { pattern: string; options: string };
    // JS has no x (extended) or l (locale) flag; the remaining ones mean the same thing.
    return new RegExp(pattern, options.replace(/[^imsu]/g, ''));
  }
  if (bsonType !== undefined) return value;
  const source = value as Record<string, unknown>;
  const serverDate = source.$tcb_server_date;
  if (now && isPlainObject(serverDate) && Object.keys(source).length === 1) {
    const offsetMs = Number(normalize(serverDate.offset) ?? 0) || 0;
    return new Date(now().getTime() + offsetMs);
  }
  const out: Doc = {};
  for (const [key, item] of Object.entries(source)) setOwn(out, key, normalize(item, now));
  return out;
}

/** Deep copy of a document tree; Date and RegExp are copied, bson objects are immutable and shared. */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T;
  if (Array.isArray(value)) return value.map((item) => cloneValue(item)) as T;
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneValue(item));
  return out as T;
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A key like "__proto__" from JSON must become a field, not replace the prototype. */
function setOwn(target: Doc, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** The service accepts string and number ids (doc(1) and doc('1') are different documents). */
export function isDocId(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Map key for an _id; numbers get a prefix no string id can start with. */
export function keyOf(id: string | number): string {
  return typeof id === 'string' ? id : `\u0000${id}`;
}

/** Human-readable form of a key, for error messages. */
export function describeKey(key: string): string {
  return key.startsWith('\u0000') ? key.slice(1) : key;
}

export function newDocId(): string {
  return randomBytes(GENERATED_ID_BYTES).toString('hex');
}

/** Value of a dotted path, null when absent: how a unique index sees a document. */
export function valueAtPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(current) || !(part in current)) return null;
    current = current[part];
  }
  return current === undefined ? null : current;
}

/**
 * Whether two stored values have the same canonical text (`canonicalText(a) === canonicalText(b)`),
 * found by walking them instead of writing both out: numbers by Object.is (-0 is not 0, NaN is NaN),
 * Dates by instant, keys in order, undefined as null (EJSON writes it so). Anything else (RegExps,
 * bson values, mixed kinds) is compared by its text. Every update asks this of the document before
 * and after it: that was two whole-document stringifies per update, on the thread every request runs on.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  if (typeof x === 'number' && typeof y === 'number') return Object.is(x, y);
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x === y;
  if (x instanceof Date && y instanceof Date) return Object.is(x.getTime(), y.getTime());
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += 1) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  if (isPlainObject(x) && isPlainObject(y)) {
    const keysX = Object.keys(x);
    const keysY = Object.keys(y);
    if (keysX.length !== keysY.length) return false;
    for (let i = 0; i < keysX.length; i += 1) if (keysX[i] !== keysY[i] || !sameValue(x[keysX[i]], y[keysY[i]])) return false;
    return true;
  }
  return canonicalText(x) === canonicalText(y);
}

/** Canonical text of a value, so equal values (1 and 1.0, equal Dates) compare equal as strings. */
export function canonicalText(value: unknown): string {
  return `{"v":${canonicalEjson(value)}}`;
}
