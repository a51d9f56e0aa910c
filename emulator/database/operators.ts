import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import { $dayOfWeek, $dayOfYear } from 'mingo/operators/expression/date';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import { $all as mingoAll } from 'mingo/operators/query/array';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { isPlainObject } from './ejson';
import { GEO_QUERY_OPERATORS } from './geoQuery';
import { jsonSchemaValidator } from './jsonSchema';
import { $indexOfCP, $substrBytes } from './strings';

/**
 * Where the emulator's MongoDB language differs from mingo's, the operator is replaced here. mingo
 * 7's `Context.from` keeps the first definition of a name, so its index classes (which put the
 * built-in operators first) can add operators but not replace them; the emulator therefore builds
 * the whole context itself and uses mingo's base Query, Aggregator and updater with it.
 * Each replacement exists because mingo answers differently from MongoDB; see the comment on each.
 */

/**
 * $elemMatch keys that keep it a query on the fields of each element. Any other first key that
 * starts with "$" makes it a condition on the element itself, as MongoDB's parser decides.
 */
const PATHLESS_OPERATORS = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment', '$jsonSchema', '$alwaysTrue', '$alwaysFalse']);

/**
 * One array element against $elemMatch criteria. MongoDB tests field criteria ({ a: 1 }) only
 * against elements that are documents (or arrays, read as documents keyed "0", "1", ...); mingo
 * also tested plain values and so matched [1, 2] with { a: { $gt: 0 } } (mingo 7.2.7, the latest).
 */
function elementPredicate(criteria: unknown, options: Options): (element: unknown) => boolean {
  if (!isPlainObject(criteria)) throw new Error('$elemMatch needs an Object');
  const first = Object.keys(criteria)[0];
  if (first !== undefined && first.startsWith('$') && !PATHLESS_OPERATORS.has(first)) {
    const query = new Query({ element: criteria }, options);
    return (element) => query.test({ element });
  }
  const query = new Query(criteria, options);
  return (element) => {
    if (isPlainObject(element)) return query.test(element);
    if (Array.isArray(element)) return query.test(Object.fromEntries(element.entries()));
    return false;
  };
}

/**
 * The arrays a dotted path reaches, expanding arrays on the way as MongoDB does ("a.b" with `a` an
 * array reaches each element's `b`; a numeric step also indexes the array).
 */
function arraysAt(value: unknown, path: readonly string[]): unknown[][] {
  if (path.length === 0) return Array.isArray(value) ? [value] : [];
  const [step, ...rest] = path;
  if (isPlainObject(value)) return arraysAt(value[step], rest);
  if (!Array.isArray(value)) return [];
  const viaElements = value.flatMap((element) => (isPlainObject(element) ? arraysAt(element[step], rest) : []));
  return /^\d+$/.test(step) ? [...arraysAt(value[Number(step)], rest), ...viaElements] : viaElements;
}

function $elemMatch(selector: string, criteria: unknown, options: Options): (doc: AnyObject) => boolean {
  const test = elementPredicate(criteria, options);
  const path = selector.split('.');
  return (doc) => arraysAt(doc, path).some((array) => array.some(test));
}

/**
 * The $elemMatch projection (the SDK's _.project.elemMatch): the first element that matches, by the
 * same rule as the query operator, or no field at all. mingo's projected [1] for { a: 1 }.
 */
function $elemMatchProjection(obj: AnyObject, criteria: unknown, field: string, options: Options): unknown[] | undefined {
  const test = elementPredicate(criteria, options);
  const value = resolve(obj, field);
  if (!Array.isArray(value)) return undefined;
  const index = value.findIndex(test);
  return index < 0 ? undefined : [value[index]];
}

const isElemMatch = (value: unknown): value is { $elemMatch: unknown } => isPlainObject(value) && Object.keys(value)[0] === '$elemMatch';

/** $all with $elemMatch members: mingo evaluates those with its own (unfixed) $elemMatch. */
function $all(selector: string, values: unknown, options: Options): (doc: AnyObject) => boolean {
  if (!Array.isArray(values) || !values.some(isElemMatch)) return mingoAll(selector, values, options);
  const elementTests = values.filter(isElemMatch).map((value) => elementPredicate(value.$elemMatch, options));
  const others = values.filter((value) => !isElemMatch(value));
  const othersTest = others.length > 0 ? mingoAll(selector, others, options) : () => true;
  const path = selector.split('.');
  return (doc) => {
    const arrays = arraysAt(doc, path);
    return othersTest(doc) && elementTests.every((test) => arrays.some((array) => array.some(test)));
  };
}

/**
 * $week: weeks start on Sunday and days before the year's first Sunday are week 0 (strftime's %U),
 * which is ⌊(dayOfYear − dayOfWeek + 7) / 7⌋ with both counted from 1. mingo derived it from the
 * ISO week and so answered 1 for 2025-01-04, 53 for 2023-01-01, 1 for 2025-12-31. The day numbers
 * come from mingo's own $dayOfYear/$dayOfWeek, so { date, timezone } works as in MongoDB.
 */
function $week(obj: AnyObject, expr: unknown, options: Options): number | null {
  const arg = evalExpr(obj, expr, options);
  const date = isPlainObject(arg) ? arg.date : arg;
  if (date === null || date === undefined) return null;
  const day = $dayOfYear(obj, expr, options);
  const weekday = $dayOfWeek(obj, expr, options);
  return Math.floor((day - weekday + 7) / 7);
}

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: { ...expressionOperators, $week, $substr: $substrBytes, $substrBytes, $indexOfCP },
  pipeline: pipelineOperators,
  projection: { ...projectionOperators, $elemMatch: $elemMatchProjection },
  query: { ...queryOperators, $elemMatch, $all, ...GEO_QUERY_OPERATORS },
  window: windowOperators,
});

/**
 * Options for every mingo call. Real CloudBase runs no user JavaScript ($where, $function,
 * $accumulator); neither does the emulator.
 */
export const MINGO_OPTIONS = {
  scriptEnabled: false,
  context: CONTEXT,
  jsonSchemaValidator,
} as const;
