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
  return EJSON.stringify(doc, { relaxed: false });
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

/** Canonical text of a value, so equal values (1 and 1.0, equal Dates) compare equal as strings. */
export function canonicalText(value: unknown): string {
  return EJSON.stringify({ v: value }, { relaxed: false });
}
