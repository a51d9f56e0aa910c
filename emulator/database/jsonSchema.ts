import Ajv, { type SchemaObject, type ValidateFunction } from 'ajv-draft-04';
import { BSON_TYPE_ALIASES, bsonTypeOf, hasBsonType } from './bsonTypes';
import { canonicalText, isPlainObject, type Doc } from './ejson';

/**
 * The $jsonSchema query operator as MongoDB defines it: JSON Schema draft 4 with MongoDB's
 * keyword list, its `bsonType` extension, and its refusals. A schema is first checked and
 * translated here (MongoDB's errors, with its wording), then evaluated by ajv's draft-04 validator:
 * - `type` and `bsonType` both become the custom keyword `bsonType`, which knows BSON types (a Date
 *   is "date", not the JSON "object" ajv would see; 1 is "int", 1.5 "double").
 * - Object keywords apply to embedded documents only, as in MongoDB; ajv alone would apply them to
 *   any JS object (a Date, an ObjectId), so they are wrapped in "not an object, or ...".
 * Sources: MongoDB manual "$jsonSchema" (available keywords, extensions, omissions) and the server's
 * json_schema_parser messages.
 */

const SUPPORTED = new Set([
  'additionalItems', 'additionalProperties', 'allOf', 'anyOf', 'bsonType', 'dependencies', 'description', 'enum',
  'exclusiveMaximum', 'exclusiveMinimum', 'items', 'maximum', 'maxItems', 'maxLength', 'maxProperties', 'minimum',
  'minItems', 'minLength', 'minProperties', 'multipleOf', 'not', 'oneOf', 'pattern', 'patternProperties',
  'properties', 'required', 'title', 'type', 'uniqueItems',
]);

/** MongoDB's documented omissions: known draft-4 keywords it refuses rather than ignores. */
const NOT_SUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);

/** JSON type names `type` accepts, as BSON aliases ("integer" is refused: use bsonType int/long). */
const JSON_TYPES: Record<string, string> = {
  array: 'array', boolean: 'bool', null: 'null', number: 'number', object: 'object', string: 'string',
};

const COUNT_KEYWORDS = new Set(['maxItems', 'minItems', 'maxLength', 'minLength', 'maxProperties', 'minProperties']);
const OBJECT_KEYWORDS = new Set(['properties', 'patternProperties', 'additionalProperties', 'required', 'minProperties', 'maxProperties', 'dependencies']);

function fail(message: string): never {
  throw new Error(message);
}

function typeAliases(value: unknown, keyword: 'type' | 'bsonType'): string[] {
  if (typeof value !== 'string' && !Array.isArray(value)) {
    fail(`$jsonSchema keyword '${keyword}' must be either a string or an array of strings`);
  }
  const names = typeof value === 'string' ? [value] : value;
  if (names.length === 0) fail(`$jsonSchema keyword '${keyword}' must name at least one type`);
  const seen = new Set<string>();
  return names.map((name: unknown) => {
    if (typeof name !== 'string') fail(`$jsonSchema keyword '${keyword}' array elements must be strings`);
    if (seen.has(name)) fail(`$jsonSchema keyword '${keyword}' has duplicate value: ${name}`);
    seen.add(name);
    if (keyword === 'type') {
      if (name === 'integer') fail("$jsonSchema type 'integer' is not currently supported.");
      return JSON_TYPES[name] ?? fail(`Unknown type name alias: ${name}`);
    }
    return BSON_TYPE_ALIASES.has(name) ? name : fail(`Unknown type name alias: ${name}`);
  });
}

function schemaList(keyword: string, value: unknown): SchemaObject[] {
  if (!Array.isArray(value)) fail(`$jsonSchema keyword '${keyword}' must be an array`);
  if (value.length === 0) fail(`$jsonSchema keyword '${keyword}' must be a non-empty array`);
  return value.map((item: unknown) =>
    isPlainObject(item) ? translate(item) : fail(`$jsonSchema keyword '${keyword}' must be an array of objects, but found an element of type ${bsonTypeOf(item)}`),
  );
}

function schemaMap(keyword: string, value: unknown): Record<string, SchemaObject> {
  if (!isPlainObject(value)) fail(`$jsonSchema keyword '${keyword}' must be an object`);
  const out: Record<string, SchemaObject> = {};
  for (const [name, nested] of Object.entries(value)) {
    out[name] = isPlainObject(nested) ? translate(nested) : fail(`Nested schema for $jsonSchema property '${name}' must be an object`);
  }
  return out;
}

function stringSet(value: unknown[], what: string): string[] {
  const seen = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'string') fail(`${what} must be an array of strings, but found an element of type: ${bsonTypeOf(item)}`);
    if (seen.has(item)) fail(`${what} array cannot contain duplicate values`);
    seen.add(item);
  }
  return [...seen];
}

function requiredList(value: unknown): string[] {
  const what = "$jsonSchema keyword 'required'";
  if (!Array.isArray(value)) fail(`${what} must be an array, but found an element of type ${bsonTypeOf(value)}`);
  if (value.length === 0) fail(`${what} cannot be an empty array`);
  return stringSet(value, what);
}

function dependencies(value: unknown): Record<string, SchemaObject | string[]> {
  const what = "$jsonSchema keyword 'dependencies'";
  if (!isPlainObject(value)) fail(`${what} must be an object`);
  if (Object.keys(value).length === 0) fail(`${what} must be a non-empty object`);
  const out: Record<string, SchemaObject | string[]> = {};
  for (const [name, dependency] of Object.entries(value)) {
    if (isPlainObject(dependency)) {
      out[name] = translate(dependency);
    } else if (Array.isArray(dependency)) {
      if (dependency.length === 0) fail(`property '${name}' in ${what} cannot be an empty array`);
      out[name] = stringSet(dependency, `array '${name}' in ${what}`);
    } else {
      fail(`property '${name}' in ${what} must be either an object or an array`);
    }
  }
  return out;
}

function count(keyword: string, value: unknown): number {
  if (typeof value !== 'number') fail(`Expected a number in: ${keyword}: ${JSON.stringify(value)}`);
  if (!Number.isInteger(value)) fail(`Expected an integer: ${keyword}: ${value}`);
  if (value < 0) fail(`Expected a positive number in: ${keyword}: ${value}`);
  return value;
}

function checkedValue(key: string, value: unknown): unknown {
  switch (key) {
    case 'maximum':
    case 'minimum':
      return typeof value === 'number' ? value : fail(`$jsonSchema keyword '${key}' must be a number`);
    case 'multipleOf':
      if (typeof value !== 'number') fail(`$jsonSchema keyword 'multipleOf' must be a number`);
      return value > 0 ? value : fail(`$jsonSchema keyword 'multipleOf' must have a positive value`);
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'uniqueItems':
      return typeof value === 'boolean' ? value : fail(`$jsonSchema keyword '${key}' must be a boolean`);
    case 'pattern':
      return typeof value === 'string' ? value : fail(`$jsonSchema keyword 'pattern' must be a string`);
    case 'enum': {
      if (!Array.isArray(value)) fail(`$jsonSchema keyword 'enum' must be an array`);
      if (value.length === 0) fail(`$jsonSchema keyword 'enum' cannot be an empty array`);
      if (new Set(value.map(canonicalText)).size !== value.length) fail(`$jsonSchema keyword 'enum' array cannot contain duplicate values`);
      return value;
    }
    default:
      return COUNT_KEYWORDS.has(key) ? count(key, value) : fail(`Unknown $jsonSchema keyword: ${key}`);
  }
}

function translate(schema: Doc): SchemaObject {
  for (const key of Object.keys(schema)) {
    if (NOT_SUPPORTED.has(key)) fail(`$jsonSchema keyword '${key}' is not currently supported`);
    if (!SUPPORTED.has(key)) fail(`Unknown $jsonSchema keyword: ${key}`);
  }
  if ('type' in schema && 'bsonType' in schema) fail("Cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
  for (const bound of ['maximum', 'minimum']) {
    const exclusive = `exclusive${bound[0].toUpperCase()}${bound.slice(1)}`;
    // Draft 4's boolean form; MongoDB's own message, grammar included.
    if (exclusive in schema && !(bound in schema)) fail(`$jsonSchema keyword '${bound}' must be a present if ${exclusive} is present`);
  }
  const out: SchemaObject = {};
  const objectPart: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    const target = OBJECT_KEYWORDS.has(key) ? objectPart : out;
    switch (key) {
      case 'type':
      case 'bsonType':
        out.bsonType = typeAliases(value, key);
        break;
      case 'title':
      case 'description':
        if (typeof value !== 'string') fail(`$jsonSchema keyword '${key}' must be of type string`);
        break;
      case 'properties':
      case 'patternProperties':
        target[key] = schemaMap(key, value);
        break;
      case 'additionalProperties':
      case 'additionalItems':
        if (typeof value !== 'boolean' && !isPlainObject(value)) fail(`$jsonSchema keyword '${key}' must be either an object or a boolean`);
        target[key] = typeof value === 'boolean' ? value : translate(value);
        break;
      case 'items':
        if (!Array.isArray(value) && !isPlainObject(value)) fail(`$jsonSchema keyword 'items' must be an array or an object, not ${bsonTypeOf(value)}`);
        out.items = Array.isArray(value) ? schemaList('items', value) : translate(value);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = schemaList(key, value);
        break;
      case 'not':
        out.not = isPlainObject(value) ? translate(value) : fail(`$jsonSchema keyword 'not' must be an object, but found an element of type ${bsonTypeOf(value)}`);
        break;
      case 'required':
        objectPart.required = requiredList(value);
        break;
      case 'dependencies':
        objectPart.dependencies = dependencies(value);
        break;
      default:
        target[key] = checkedValue(key, value);
    }
  }
  if (Object.keys(objectPart).length > 0) {
    out.allOf = [...((out.allOf as SchemaObject[] | undefined) ?? []), { anyOf: [{ not: { bsonType: ['object'] } }, objectPart] }];
  }
  return out;
}

const ajv = new Ajv({ strict: false, validateSchema: false, logger: false });
ajv.addKeyword({
  keyword: 'bsonType',
  schemaType: 'array',
  errors: false,
  validate: (aliases: string[], data: unknown) => hasBsonType(data, aliases),
});

/** Compiled validators by canonical schema text: every request parses a fresh schema object. */
const compiled = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 256;

/** mingo's `jsonSchemaValidator` option: parse errors surface as the query's error, as in MongoDB. */
export function jsonSchemaValidator(schema: Record<string, unknown>): (doc: unknown) => boolean {
  const key = canonicalText(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (!isPlainObject(schema)) fail('$jsonSchema must be an object');
    const translated = translate(schema);
    validate = ajv.compile(translated);
    // ajv caches by schema object; this one is never seen again, so keep only our text-keyed copy.
    ajv.removeSchema(translated);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validate);
  }
  const run = validate;
  return (doc: unknown) => run(doc) === true;
}
