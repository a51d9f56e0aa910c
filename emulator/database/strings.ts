import { evalExpr } from 'mingo/core';
import type { AnyObject, Options } from 'mingo/types';
import { bsonTypeOf, isInt32, isNumericType } from './bsonTypes';

/**
 * String expression operators where mingo differs from MongoDB. Behaviour and error texts follow
 * MongoDB's documentation and its server (src/mongo/db/exec/expression evaluate functions):
 * - $substr / $substrBytes: mingo refuses a negative length; MongoDB returns the rest of the
 *   string (documented; CloudBase's substrBytes page says the same), and "" for a negative start.
 * - $indexOfCP: mingo has none; MongoDB counts code points, not UTF-16 units.
 */

/** The operator's evaluated arguments, after MongoDB's parse-time argument count check. */
function argsOf(obj: AnyObject, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] {
  const list = Array.isArray(expr) ? expr : [expr];
  if (list.length < min || list.length > max) {
    throw new Error(
      min === max
        ? `Expression ${op} takes exactly ${min} arguments. ${list.length} were passed in.`
        : `Expression ${op} takes at least ${min} arguments, and at most ${max}, but ${list.length} were passed in.`,
    );
  }
  return list.map((item) => evalExpr(obj, item, options));
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(String(value));
}

function isNumeric(value: unknown): boolean {
  return isNumericType(bsonTypeOf(value));
}

/** C++ ostream's default formatting of a double (what MongoDB prints): %g with 6 significant digits. */
function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const trim = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  const [mantissa, exponentText] = value.toExponential(5).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(value.toFixed(5 - exponent));
}

/** MongoDB's Value::coerceToString: what $substrBytes accepts instead of a string. */
function coerceToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isInt32(value) ? String(value) : formatDouble(value);
  if (value instanceof Date) return value.toISOString();
  const type = bsonTypeOf(value);
  if (type === 'long' || type === 'decimal') return String(value);
  throw new Error(`can't convert from BSON type ${type} to String`);
}

const isContinuationByte = (byte: number) => (byte & 0xc0) === 0x80;

/** $substrBytes and its alias $substr (MongoDB names both "$substrBytes" in its errors). */
export function $substrBytes(obj: AnyObject, expr: unknown, options: Options): string {
  const op = '$substrBytes';
  const [input, lowerArg, lengthArg] = argsOf(obj, expr, options, op, 3, 3);
  const bytes = Buffer.from(coerceToString(input), 'utf8');
  if (!isNumeric(lowerArg)) {
    throw new Error(`${op}:  starting index must be a numeric type (is BSON type ${bsonTypeOf(lowerArg)})`);
  }
  if (!isNumeric(lengthArg)) {
    throw new Error(`${op}:  length must be a numeric type (is BSON type ${bsonTypeOf(lengthArg)})`);
  }
  const lower = Math.trunc(toNumber(lowerArg));
  // Documented: a negative start gives "" (the server converts it to a huge unsigned index).
  if (lower < 0) return '';
  const signedLength = Math.trunc(toNumber(lengthArg));
  // Documented: a negative length means "to the end of the string".
  const length = signedLength < 0 ? bytes.length : signedLength;
  if (lower < bytes.length && isContinuationByte(bytes[lower])) {
    throw new Error(`${op}:  Invalid range, starting index is a UTF-8 continuation byte.`);
  }
  const end = lower + length;
  if (end < bytes.length && isContinuationByte(bytes[end])) {
    throw new Error(`${op}:  Invalid range, ending index is in the middle of a UTF-8 character.`);
  }
  if (lower >= bytes.length) return '';
  return bytes.subarray(lower, Math.min(end, bytes.length)).toString('utf8');
}

/** How MongoDB's Value::toString shows an argument in an error message. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'MISSING';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return isInt32(value) ? String(value) : formatDouble(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? String(value);
}

/** An optional index argument of $indexOfCP: a non-negative integral number. */
function indexArg(value: unknown, op: string, name: string): number {
  if (!isNumeric(value) || !isInt32(toNumber(value))) {
    // The server's message has no space after the operator name; kept as MongoDB writes it.
    throw new Error(`${op}requires an integral ${name}, found a value of type: ${bsonTypeOf(value)}, with value: ${describeValue(value)}`);
  }
  const index = toNumber(value);
  if (index < 0) throw new Error(`${op} requires a nonnegative ${name}, found: ${describeValue(value)}`);
  return index;
}

/** $indexOfCP: the code point index of the first occurrence of the substring, or -1. */
export function $indexOfCP(obj: AnyObject, expr: unknown, options: Options): number | null {
  const op = '$indexOfCP';
  const args = argsOf(obj, expr, options, op, 2, 4);
  const [input, token] = args;
  if (input === null || input === undefined) return null;
  if (typeof input !== 'string') {
    throw new Error(`${op} requires a string as the first argument, found: ${bsonTypeOf(input)}`);
  }
  if (typeof token !== 'string') {
    throw new Error(`${op} requires a string as the second argument, found: ${bsonTypeOf(token)}`);
  }
  // UTF-16 offset of every code point, so the search can start at code point boundaries.
  const offsets: number[] = [];
  for (let i = 0; i < input.length; i += (input.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) offsets.push(i);
  const start = args.length > 2 ? indexArg(args[2], op, 'starting index') : 0;
  const end = args.length > 3 ? Math.min(offsets.length, indexArg(args[3], op, 'ending index')) : offsets.length;
  if (end < start) return -1;
  if (input === '' && token === '') return 0;
  // As the server does: the match may begin before `end` and run past it.
  for (let codePoint = start; codePoint < end; codePoint++) {
    if (input.startsWith(token, offsets[codePoint])) return codePoint;
  }
  return -1;
}
