import { isPlainObject, type Doc } from './ejson';

/**
 * A secondary index on one field (the first key of a declared index, or `_id`): value → the keys of
 * the committed documents holding it, kept in step with every commit by the Store. Queries take
 * their candidates from it and still test the whole criteria on each (see planner.ts), so an index
 * only has to hold a SUPERSET of the documents a condition can match; it never decides a match.
 *
 * Values are grouped the way mingo (the emulator's query engine) compares them: equality and ranges
 * only ever match a value of the query value's own type (numbers with numbers, strings with strings,
 * Dates with Dates by their instant), and a missing field matches null. So each type has its own map:
 * numbers by value (a Map key treats -0 as 0 and NaN as NaN, as mingo's equality does), strings by
 * value, Dates by epoch milliseconds, and null/true/false apart. Objects, regexes and other BSON values
 * never equal a scalar query value and are not indexed.
 */

/** The types a range ($gt/$gte/$lt/$lte) can be served for. */
export type RangeType = 'number' | 'string' | 'date';

/** One end of a range; Dates are given as epoch milliseconds. */
export interface Bound {
  readonly value: number | string;
  readonly inclusive: boolean;
}

/** Keys of the documents under one value: a lone key as itself (most values are unique), else a Set. */
type Bucket = string | Set<string>;

/** null, true and false: one bucket each. */
type Special = 'null' | 'true' | 'false';

/** A value as the index stores it: its type group, and its key within a range type's map. */
type Entry = { kind: RangeType; key: number | string } | { kind: Special; key?: undefined };

const isSpecial = (entry: Entry): entry is { kind: Special } => entry.key === undefined;

/**
 * Distinct values of one range type in ascending order, for range lookups. Values whose presence
 * changed since the last lookup wait in `pending` and are applied (binary search and splice) at the
 * next range lookup; after many changes (a bulk load) the array is rebuilt from the map instead.
 */
interface SortedValues {
  values: Array<number | string> | null;
  readonly pending: Set<number | string>;
}

const REBUILD_SHARE = 16;
const MIN_PENDING = 1024;
/** Up to this many changed values are spliced in; more are merged in one pass. */
const SPLICE_AT_MOST = 8;

export class FieldIndex {
  readonly parts: readonly string[];
  private readonly maps: Record<RangeType, Map<number | string, Bucket>> = {
    number: new Map(),
    string: new Map(),
    date: new Map(),
  };
  private readonly others = new Map<Special, Bucket>();
  private readonly sorted: Record<RangeType, SortedValues> = {
    number: { values: [], pending: new Set() },
    string: { values: [], pending: new Set() },
    date: { values: [], pending: new Set() },
  };
  /** Documents with more than one distinct value here (arrays): a range's two bounds may hold on different elements. */
  readonly multikey = new Set<string>();

  constructor(readonly field: string) {
    this.parts = field.split('.');
  }

  add(key: string, doc: Doc): void {
    const entries = this.entriesOf(doc);
    for (const entry of entries) this.addEntry(entry, key);
    if (entries.length > 1) this.multikey.add(key);
  }

  remove(key: string, doc: Doc): void {
    for (const entry of this.entriesOf(doc)) this.removeEntry(entry, key);
    this.multikey.delete(key);
  }

  /** How many documents (at most; an array counts once per value) hold one of `values`. */
  countEqual(values: readonly unknown[]): number {
    let total = 0;
    for (const value of distinct(values)) total += sizeOf(this.bucketOf(value));
    return total;
  }

  /** The documents holding one of `values` (each a string, number, boolean, Date or null). */
  keysEqual(values: readonly unknown[], out: Set<string>): void {
    for (const value of distinct(values)) addAll(out, this.bucketOf(value));
  }

  /**
   * How many documents (at most) hold a value of `type` between the bounds, stopping once past `cap`.
   * With both bounds the documents with several values are added: [1, 10] matches { $gte: 5, $lt: 3 }.
   */
  countRange(type: RangeType, lower: Bound | undefined, upper: Bound | undefined, cap = Infinity): number {
    const map = this.maps[type];
    const values = this.sortedValues(type);
    const [from, to] = span(values, lower, upper);
    let total = sizeOf(map.get(NaN)) + (lower && upper ? this.multikey.size : 0);
    // Each value has a document at least: past the cap without adding them up.
    if (total + (to - from) > cap) return total + (to - from);
    for (let i = from; i < to && total <= cap; i++) total += sizeOf(map.get(values[i]));
    return total;
  }

  /**
   * The documents holding a value of `type` between the bounds. NaN (and an invalid Date) is always
   * included: mingo finds NaN neither less nor greater than a number, so it passes $gte and $lte.
   */
  keysInRange(type: RangeType, lower: Bound | undefined, upper: Bound | undefined, out: Set<string>): void {
    const map = this.maps[type];
    const values = this.sortedValues(type);
    const [from, to] = span(values, lower, upper);
    for (let i = from; i < to; i++) addAll(out, map.get(values[i]));
    addAll(out, map.get(NaN));
    if (lower && upper) for (const key of this.multikey) out.add(key);
  }

  /**
   * Keys of the documents holding a value of `type` between the bounds, in the values' order
   * (ascending, or descending); documents sharing a value come in no particular order.
   */
  *keysInOrder(type: RangeType, lower: Bound | undefined, upper: Bound | undefined, descending: boolean): Generator<string> {
    const map = this.maps[type];
    const values = this.sortedValues(type);
    const [from, to] = span(values, lower, upper);
    // The caller does not write while walking (a request runs in one turn), so the array stays put.
    for (let step = 0; step < to - from; step++) {
      const bucket = map.get(values[descending ? to - 1 - step : from + step]);
      if (typeof bucket === 'string') yield bucket;
      else if (bucket) yield* [...bucket];
    }
  }

  /**
   * The values a document holds at the field, as mingo resolves a path: arrays are expanded at every
   * step (each element, and the element a numeric step names) and at the end (nested arrays
   * flattened). A missing field, a path through a non-object and an empty array give null, which is
   * more than mingo matches for some of them, and that is allowed: the criteria decide.
   */
  private entriesOf(doc: Doc): Entry[] {
    if (this.parts.length === 1) {
      // The common case, a top-level field holding one value, without the walk.
      const value = Object.hasOwn(doc, this.field) ? doc[this.field] : null;
      if (!Array.isArray(value)) {
        const entry = entryOf(value ?? null);
        return entry ? [entry] : [];
      }
    }
    const found = new Map<string, Entry>();
    const emit = (value: unknown) => {
      const entry = entryOf(value);
      if (entry) found.set(`${entry.kind}:${String(entry.key)}`, entry);
    };
    const leaf = (value: unknown): void => {
      if (Array.isArray(value)) {
        if (value.length === 0) emit(null);
        for (const item of value) leaf(item);
      } else {
        emit(value === undefined ? null : value);
      }
    };
    const walk = (value: unknown, depth: number): void => {
      if (depth === this.parts.length) return leaf(value);
      const part = this.parts[depth];
      if (Array.isArray(value)) {
        if (value.length === 0) emit(null);
        for (const item of value) walk(item, depth);
        if (/^\d+$/.test(part)) walk(value[Number(part)], depth + 1);
      } else if (isPlainObject(value) && Object.hasOwn(value, part)) {
        walk(value[part], depth + 1);
      } else {
        emit(null);
      }
    };
    walk(doc, 0);
    return [...found.values()];
  }

  private bucketOf(value: unknown): Bucket | undefined {
    const entry = entryOf(value);
    if (!entry) return undefined;
    return isSpecial(entry) ? this.others.get(entry.kind) : this.maps[entry.kind].get(entry.key);
  }

  private addEntry(entry: Entry, key: string): void {
    if (isSpecial(entry)) {
      this.others.set(entry.kind, withKey(this.others.get(entry.kind), key));
      return;
    }
    const map = this.maps[entry.kind];
    const bucket = map.get(entry.key);
    if (bucket === undefined) this.changed(entry.kind, entry.key);
    map.set(entry.key, withKey(bucket, key));
  }

  private removeEntry(entry: Entry, key: string): void {
    if (isSpecial(entry)) {
      const rest = withoutKey(this.others.get(entry.kind), key);
      if (rest === undefined) this.others.delete(entry.kind);
      else this.others.set(entry.kind, rest);
      return;
    }
    const map = this.maps[entry.kind];
    const rest = withoutKey(map.get(entry.key), key);
    if (rest !== undefined) {
      map.set(entry.key, rest);
      return;
    }
    map.delete(entry.key);
    this.changed(entry.kind, entry.key);
  }

  /** A distinct value appeared or disappeared: the sorted array learns it at the next range lookup. */
  private changed(type: RangeType, value: number | string): void {
    const sorted = this.sorted[type];
    if (sorted.values === null || Number.isNaN(value)) return;
    sorted.pending.add(value);
    if (sorted.pending.size > Math.max(MIN_PENDING, sorted.values.length / REBUILD_SHARE)) {
      sorted.values = null;
      sorted.pending.clear();
    }
  }

  private sortedValues(type: RangeType): Array<number | string> {
    const sorted = this.sorted[type];
    const map = this.maps[type];
    if (sorted.values === null) {
      const values = [...map.keys()].filter((value) => !Number.isNaN(value));
      sorted.values = type === 'string' ? (values as string[]).sort() : (values as number[]).sort((a, b) => a - b);
      return sorted.values;
    }
    if (sorted.pending.size === 0) return sorted.values;
    const values = sorted.values;
    if (sorted.pending.size <= SPLICE_AT_MOST) {
      for (const value of sorted.pending) {
        const at = lowerBound(values, value);
        const present = at < values.length && values[at] === value;
        if (map.has(value) && !present) values.splice(at, 0, value);
        else if (!map.has(value) && present) values.splice(at, 1);
      }
    } else {
      sorted.values = merge(values, sorted.pending, map);
    }
    sorted.pending.clear();
    return sorted.values;
  }
}

/** The sorted values with the pending ones added (those in the map) or dropped (the others), in one pass. */
function merge(values: ReadonlyArray<number | string>, pending: ReadonlySet<number | string>, map: ReadonlyMap<number | string, Bucket>): Array<number | string> {
  const adds = [...pending].filter((value) => map.has(value));
  if (adds.length > 0 && typeof adds[0] === 'string') (adds as string[]).sort();
  else (adds as number[]).sort((a, b) => a - b);
  const out: Array<number | string> = [];
  let j = 0;
  for (const value of values) {
    while (j < adds.length && adds[j] < value) out.push(adds[j++]);
    if (j < adds.length && adds[j] === value) j++;
    if (!pending.has(value) || map.has(value)) out.push(value);
  }
  while (j < adds.length) out.push(adds[j++]);
  return out;
}

/** A scalar's place in the index; undefined for values no scalar query value can equal. */
function entryOf(value: unknown): Entry | undefined {
  switch (typeof value) {
    case 'string':
      return { kind: 'string', key: value };
    case 'number':
      return { kind: 'number', key: value };
    case 'boolean':
      return { kind: value ? 'true' : 'false' };
    default:
      if (value === null) return { kind: 'null' };
      if (value instanceof Date) return { kind: 'date', key: value.getTime() };
      return undefined;
  }
}

function distinct(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const entry = entryOf(value);
    const id = entry ? `${entry.kind}:${String(entry.key)}` : '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function withKey(bucket: Bucket | undefined, key: string): Bucket {
  if (bucket === undefined || bucket === key) return key;
  if (typeof bucket === 'string') return new Set([bucket, key]);
  bucket.add(key);
  return bucket;
}

function withoutKey(bucket: Bucket | undefined, key: string): Bucket | undefined {
  if (bucket === undefined || bucket === key) return undefined;
  if (typeof bucket === 'string') return bucket;
  bucket.delete(key);
  if (bucket.size === 1) return bucket.values().next().value as string;
  return bucket.size === 0 ? undefined : bucket;
}

function sizeOf(bucket: Bucket | undefined): number {
  if (bucket === undefined) return 0;
  return typeof bucket === 'string' ? 1 : bucket.size;
}

function addAll(out: Set<string>, bucket: Bucket | undefined): void {
  if (bucket === undefined) return;
  if (typeof bucket === 'string') out.add(bucket);
  else for (const key of bucket) out.add(key);
}

/** First position whose value is >= `value` (numbers, or strings by UTF-16 code units as mingo compares them). */
function lowerBound(values: ReadonlyArray<number | string>, value: number | string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position whose value is > `value`. */
function upperBound(values: ReadonlyArray<number | string>, value: number | string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The positions [from, to) of the sorted values within the bounds. */
function span(values: ReadonlyArray<number | string>, lower: Bound | undefined, upper: Bound | undefined): [number, number] {
  const from = !lower ? 0 : lower.inclusive ? lowerBound(values, lower.value) : upperBound(values, lower.value);
  const to = !upper ? values.length : upper.inclusive ? upperBound(values, upper.value) : lowerBound(values, upper.value);
  return [from, Math.max(from, to)];
}
