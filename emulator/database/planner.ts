import { isPlainObject, type Doc } from './ejson';
import type { Bound, FieldIndex, RangeType } from './fieldIndex';
import { GEO_QUERY_OPERATORS } from './geoQuery';

/**
 * Which index serves a query. Only conditions every match must meet are used: the criteria's
 * top-level fields and those of a top-level `$and` (at any depth), never `$or`/`$nor`/`$not`. A field
 * condition is usable when it is an equality to a scalar (`{ f: v }`, `$eq`), an `$in` of scalars, or a
 * range (`$gt`/`$gte`/`$lt`/`$lte`) with a number, string or Date bound; the index gives candidates and
 * the whole criteria is still tested on each of them, so a plan never changes a result.
 */

/** The usable conditions on one field, from all over the criteria (they all must hold). */
export interface FieldTerms {
  /** Each an equality or an $in: the value must be one of these. */
  readonly equals: unknown[][];
  /** The tightest lower and upper bound of each type. */
  readonly lower: Map<RangeType, Bound>;
  readonly upper: Map<RangeType, Bound>;
  /** A geo operator ($near, $geoWithin, ...): served by the field's 2dsphere index. */
  geo: boolean;
}

export interface Plan {
  /** The indexed field whose lookup gives the candidates. */
  readonly field: string;
  /** At most this many candidates. */
  readonly estimate: number;
  /** The candidate documents' keys. */
  keys(): Set<string>;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);
const GEO_OPERATORS = new Set(Object.keys(GEO_QUERY_OPERATORS));

/** The usable conditions of a query, by field. */
export function termsOf(criteria: Doc): Map<string, FieldTerms> {
  const out = new Map<string, FieldTerms>();
  const visit = (query: Doc) => {
    for (const [key, value] of Object.entries(query)) {
      if (key === '$and') {
        if (Array.isArray(value)) for (const clause of value) if (isPlainObject(clause)) visit(clause);
      } else if (!key.startsWith('$')) {
        addCondition(out, key, value);
      }
    }
  };
  visit(criteria);
  return out;
}

function addCondition(out: Map<string, FieldTerms>, field: string, condition: unknown): void {
  const terms = () => {
    let found = out.get(field);
    if (!found) {
      found = { equals: [], lower: new Map(), upper: new Map(), geo: false };
      out.set(field, found);
    }
    return found;
  };
  if (isScalar(condition)) {
    terms().equals.push([condition]);
    return;
  }
  // A plain object is an equality to that object unless its keys are operators.
  if (!isPlainObject(condition)) return;
  const operators = Object.keys(condition);
  if (operators.length === 0 || !operators.every((op) => op.startsWith('$'))) return;
  for (const op of operators) {
    const operand = condition[op];
    if (op === '$eq' && isScalar(operand)) terms().equals.push([operand]);
    else if (op === '$in' && Array.isArray(operand) && operand.every(isScalar)) terms().equals.push(operand);
    else if (RANGE_OPERATORS.has(op)) addBound(terms(), op, operand);
    else if (GEO_OPERATORS.has(op)) terms().geo = true;
  }
}

function addBound(terms: FieldTerms, op: string, operand: unknown): void {
  const typed = rangeValue(operand);
  if (!typed) return;
  const [type, value] = typed;
  const inclusive = op === '$gte' || op === '$lte';
  const lower = op === '$gt' || op === '$gte';
  const ends = lower ? terms.lower : terms.upper;
  const current = ends.get(type);
  // The tightest bound of a type is enough: a match meets every bound, so it meets that one.
  const tighter =
    !current ||
    (lower ? value > current.value : value < current.value) ||
    (value === current.value && current.inclusive && !inclusive);
  if (tighter) ends.set(type, { value, inclusive });
}

/** A range bound's type and comparable value (Dates by their instant); none for NaN or other types. */
function rangeValue(value: unknown): [RangeType, number | string] | undefined {
  if (typeof value === 'string') return ['string', value];
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : ['number', value];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : ['date', value.getTime()];
  return undefined;
}

/** What an equality can be looked up by: a string, number, boolean, Date or null. */
function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;
}

/**
 * The usable index lookup with the fewest candidates (an equality wins a tie), or undefined when no
 * condition has an index. Range estimates are only exact up to `cap`. A range with both bounds also considers each bound alone, since it must
 * add every document holding an array (its bounds may hold on different elements).
 */
export function choosePlan(terms: ReadonlyMap<string, FieldTerms>, indexOf: (field: string) => FieldIndex | undefined, cap = Infinity): Plan | undefined {
  let best: Plan | undefined;
  const offer = (plan: Omit<Plan, 'estimate'>, estimate: number) => {
    if (!best || estimate < best.estimate) best = { ...plan, estimate };
  };
  for (const [field, fieldTerms] of terms) {
    const index = indexOf(field);
    if (!index) continue;
    for (const values of fieldTerms.equals) {
      offer({ field, keys: () => collect((out) => index.keysEqual(values, out)) }, index.countEqual(values));
    }
  }
  for (const [field, fieldTerms] of terms) {
    const index = indexOf(field);
    if (!index) continue;
    const types = new Set([...fieldTerms.lower.keys(), ...fieldTerms.upper.keys()]);
    for (const type of types) {
      const lower = fieldTerms.lower.get(type);
      const upper = fieldTerms.upper.get(type);
      const ranges: Array<[Bound | undefined, Bound | undefined]> = lower && upper ? [[lower, upper], [lower, undefined], [undefined, upper]] : [[lower, upper]];
      for (const [from, to] of ranges) {
        // Counting stops past the best so far, or past `cap` (more candidates are read as a scan anyway).
        const estimate = index.countRange(type, from, to, Math.min(best?.estimate ?? Infinity, cap));
        offer({ field, keys: () => collect((out) => index.keysInRange(type, from, to, out)) }, estimate);
      }
    }
  }
  return best;
}

function collect(fill: (out: Set<string>) => void): Set<string> {
  const out = new Set<string>();
  fill(out);
  return out;
}

/** Whether a geo condition on a 2dsphere-indexed field serves the query (it scans here, but not in production). */
export function usesGeoIndex(terms: ReadonlyMap<string, FieldTerms>, geoFields: readonly string[]): boolean {
  for (const [field, fieldTerms] of terms) if (fieldTerms.geo && geoFields.includes(field)) return true;
  return false;
}

/**
 * A query's shape for the scan warning: field names and operators, values replaced by "?", so that
 * the same query with other values warns once.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return '?';
  if (!isPlainObject(value)) return '?';
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = (key === '$and' || key === '$or' || key === '$nor') && Array.isArray(item) ? item.map(shapeOf) : shapeOf(item);
  }
  return out;
}
