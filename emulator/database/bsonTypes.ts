/**
 * MongoDB's BSON type names for the emulator's stored values. Numbers are plain JS numbers here
 * (see ejson.ts), so int versus double is decided the way the bson package encodes a JS number on
 * the wire: an integer in the int32 range travels as Int32, anything else (fractions, larger
 * integers, -0, NaN, ±Infinity) as Double. That is what the SDK would have stored in production.
 */

export type BsonTypeName =
  | 'double' | 'string' | 'object' | 'array' | 'binData' | 'undefined' | 'objectId' | 'bool' | 'date' | 'null'
  | 'regex' | 'dbPointer' | 'javascript' | 'symbol' | 'javascriptWithScope' | 'int' | 'timestamp' | 'long'
  | 'decimal' | 'minKey' | 'maxKey' | 'missing';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The aliases $type and $jsonSchema's bsonType accept ("number" is every numeric type). */
export const BSON_TYPE_ALIASES: ReadonlySet<string> = new Set([
  'double', 'string', 'object', 'array', 'binData', 'undefined', 'objectId', 'bool', 'date', 'null', 'regex',
  'dbPointer', 'javascript', 'symbol', 'javascriptWithScope', 'int', 'timestamp', 'long', 'decimal', 'minKey',
  'maxKey', 'number',
]);

const BSON_CLASS_TYPES: Record<string, BsonTypeName> = {
  ObjectId: 'objectId',
  ObjectID: 'objectId',
  Binary: 'binData',
  Decimal128: 'decimal',
  Timestamp: 'timestamp',
  Long: 'long',
  Int32: 'int',
  Double: 'double',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  BSONSymbol: 'symbol',
  Symbol: 'symbol',
  BSONRegExp: 'regex',
  DBPointer: 'dbPointer',
  DBRef: 'object',
};

/** `undefined` is reported as "missing": what MongoDB calls a field that is not there. */
export function bsonTypeOf(value: unknown): BsonTypeName {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
    case 'number':
      return isInt32(value) ? 'int' : 'double';
    case 'object':
      break;
    default:
      return 'javascript';
  }
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (Array.isArray(value)) return 'array';
  const bsonClass = (value as { _bsontype?: unknown })._bsontype;
  if (typeof bsonClass === 'string') {
    if (bsonClass === 'Code') return (value as { scope?: unknown }).scope ? 'javascriptWithScope' : 'javascript';
    return BSON_CLASS_TYPES[bsonClass] ?? 'object';
  }
  return 'object';
}

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX && !Object.is(value, -0);
}

/** MongoDB's "number" alias: int, long, double and decimal. */
export function isNumericType(type: BsonTypeName): boolean {
  return type === 'int' || type === 'long' || type === 'double' || type === 'decimal';
}

/** Whether `value` has one of the named BSON types (aliases as $type/bsonType accept them). */
export function hasBsonType(value: unknown, aliases: readonly string[]): boolean {
  const type = bsonTypeOf(value);
  return aliases.some((alias) => alias === type || (alias === 'number' && isNumericType(type)));
}
