import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve, setValue } from 'mingo/util';
import { s2 } from 's2js';
import { DbError, ErrorCode } from './errors';
import { cloneValue, isPlainObject, type Doc } from './ejson';
import { distanceTo, EARTH_RADIUS_METERS, intersects, isWithin, parseGeoJSON, storedGeometries, type Geometry, type Region } from './geo';

/**
 * Geo queries as the SDK sends them (@cloudbase/database serializer/query.js and aggregate.js):
 *   _.geoNear({ geometry, maxDistance, minDistance }) → { f: { $nearSphere: { $geometry, $maxDistance, $minDistance } } }
 *   _.geoWithin({ geometry } | { centerSphere })    → { f: { $geoWithin: { $geometry } | { $centerSphere: [[lng, lat], radians] } } }
 *   _.geoIntersects({ geometry })                    → { f: { $geoIntersects: { $geometry } } }
 *   aggregate().geoNear({ near, distanceField, ... }) → { $geoNear: { near: <GeoJSON Point>, ... } }
 * with MongoDB's semantics for a 2dsphere index: GeoJSON distances in metres, nearest first.
 */

/** Where a query runs: MongoDB refuses $near/$nearSphere in counts and in $match. */
export type QueryPlace = 'find' | 'count' | 'write' | 'match';

interface Near {
  center: s2.Point;
  /** Bounds as angles (radians) on the unit sphere. */
  min: number;
  max: number;
}

const NEAR_OPERATORS = new Set(['$near', '$nearSphere']);
const SHAPE_OPERATORS = new Set(['$geoWithin', '$geoIntersects']);

function fail(message: string): never {
  throw new DbError(ErrorCode.DATABASE_REQUEST_FAILED, message);
}

function pointOf(value: unknown, what: string): s2.Point {
  const geometry = isPlainObject(value) && value.type === 'Point' ? parseGeoJSON(value) : undefined;
  if (!geometry) fail(`invalid point in ${what}: ${JSON.stringify(value)}`);
  const [shape] = geometry;
  if (shape.kind !== 'point') fail(`invalid point in ${what}`);
  return shape.point;
}

function metres(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) fail(`${name} must be a non-negative number`);
  return value / EARTH_RADIUS_METERS;
}

function parseNear(operator: string, value: unknown): Near {
  if (!isPlainObject(value) || !('$geometry' in value)) {
    // Legacy coordinate pairs need a 2d index, which the local cloud does not have.
    fail(`the local cloud supports ${operator} only as { $geometry: <GeoJSON Point>, $maxDistance, $minDistance } (metres)`);
  }
  return {
    center: pointOf(value.$geometry, `${operator} $geometry argument`),
    min: metres(value.$minDistance, '$minDistance') ?? 0,
    max: metres(value.$maxDistance, '$maxDistance') ?? Infinity,
  };
}

function parseRegion(value: unknown): Region {
  if (isPlainObject(value) && '$centerSphere' in value) {
    const spec = value.$centerSphere;
    const center = Array.isArray(spec) ? storedGeometries(spec[0])[0] : undefined;
    const radius = Array.isArray(spec) ? spec[1] : undefined;
    if (!center || center[0].kind !== 'point' || typeof radius !== 'number' || radius < 0) {
      fail(`$centerSphere must be [[longitude, latitude], radius in radians]: ${JSON.stringify(spec)}`);
    }
    return { kind: 'cap', cap: s2.Cap.fromCenterAngle(center[0].point, radius) };
  }
  if (isPlainObject(value) && isPlainObject(value.$geometry) && ['Polygon', 'MultiPolygon'].includes(String(value.$geometry.type))) {
    const geometry = parseGeoJSON(value.$geometry);
    if (!geometry) fail(`invalid GeoJSON ${String(value.$geometry.type)} in $geoWithin: ${JSON.stringify(value.$geometry)}`);
    return { kind: 'polygons', polygons: geometry.filter((shape) => shape.kind === 'polygon') };
  }
  fail(`$geoWithin not supported with provided geometry: ${JSON.stringify(value)}`);
}

function queryGeometry(value: unknown): Geometry {
  const geometry = isPlainObject(value) ? parseGeoJSON(value.$geometry) : undefined;
  return geometry ?? fail(`$geoIntersects needs { $geometry: <GeoJSON geometry> }: ${JSON.stringify(value)}`);
}

const geometriesAt = (doc: AnyObject, selector: string) => storedGeometries(resolve(doc, selector, { unwrapArray: true }));

type QueryOperator = (selector: string, value: unknown, options: Options) => (doc: AnyObject) => boolean;

/** $near and $nearSphere mean the same on a 2dsphere index with a GeoJSON point: metres on the sphere. */
const near = (operator: string): QueryOperator => (selector, value) => {
  const spec = parseNear(operator, value);
  return (doc) => {
    const distance = distanceTo(geometriesAt(doc, selector), spec.center);
    // A document without a geometry in the field is not near anything (Infinity).
    return Number.isFinite(distance) && distance >= spec.min && distance <= spec.max;
  };
};

/** The query operators mingo lacks; registered in operators.ts. */
export const GEO_QUERY_OPERATORS: Record<string, QueryOperator> = {
  $near: near('$near'),
  $nearSphere: near('$nearSphere'),
  $geoWithin: (selector, value) => {
    const region = parseRegion(value);
    return (doc) => geometriesAt(doc, selector).some((geometry) => isWithin(geometry, region));
  },
  $geoIntersects: (selector, value) => {
    const shape = queryGeometry(value);
    return (doc) => geometriesAt(doc, selector).some((geometry) => intersects(geometry, shape));
  },
};

/**
 * Geo queries need a 2dsphere index on the field (declared in the schema), as WeChat's
 * documentation requires for every geo command; MongoDB's own errors where it has them.
 */
export function checkGeoQuery(criteria: Doc, geoFields: readonly string[], collection: string, place: QueryPlace): void {
  let nearCount = 0;
  const walk = (query: Doc, topLevel: boolean) => {
    for (const [key, value] of Object.entries(query)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        for (const sub of Array.isArray(value) ? value : []) if (isPlainObject(sub)) walk(sub, topLevel && key === '$and');
        continue;
      }
      if (key.startsWith('$') || !isPlainObject(value)) continue;
      for (const operator of Object.keys(value)) {
        if (NEAR_OPERATORS.has(operator)) {
          if (place === 'count' || place === 'match') fail('$geoNear, $near, and $nearSphere are not allowed in this context');
          if (!topLevel) fail('geoNear must be top-level expr');
          if (++nearCount > 1) fail('Too many geoNear expressions');
          if (!geoFields.includes(key)) {
            fail(`error processing query: ns=${collection} planner returned error :: caused by :: unable to find index for $geoNear query`);
          }
        } else if (SHAPE_OPERATORS.has(operator) && !geoFields.includes(key)) {
          fail(`unable to find index for ${operator} query: ${collection}.${key} has no 2dsphere index (declare it in the database schema)`);
        }
      }
    }
  };
  walk(criteria, true);
}

export interface NearQuery {
  field: string;
  center: s2.Point;
}

/** The $near/$nearSphere of a query (top level or in a top-level $and): its results come nearest first. */
export function nearOf(criteria: Doc): NearQuery | undefined {
  for (const [key, value] of Object.entries(criteria)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) {
        const found = isPlainObject(sub) ? nearOf(sub) : undefined;
        if (found) return found;
      }
    }
    if (key.startsWith('$') || !isPlainObject(value)) continue;
    for (const operator of NEAR_OPERATORS) {
      if (operator in value) return { field: key, center: parseNear(operator, value[operator]).center };
    }
  }
  return undefined;
}

/** Stable sort, nearest first; documents of equal distance keep their natural order. */
export function sortByDistance(docs: Doc[], nearQuery: NearQuery): Doc[] {
  return docs
    .map((doc, index) => ({ doc, index, distance: distanceTo(geometriesAt(doc, nearQuery.field), nearQuery.center) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .map((entry) => entry.doc);
}

/**
 * The $geoNear aggregation stage (first stage only): the documents with a geometry in the indexed
 * field, nearest first, each with its distance (and location) added. Options as MongoDB's.
 */
export function geoNearStage(docs: Doc[], spec: unknown, geoFields: readonly string[], collection: string, options: Partial<Options>): Doc[] {
  if (!isPlainObject(spec)) fail('$geoNear argument must be an object');
  if (typeof spec.distanceField !== 'string') fail("$geoNear requires a 'distanceField' option as a String");
  if ('limit' in spec || 'num' in spec) fail("$geoNear no longer supports the 'limit' parameter. Use a $limit stage instead.");
  let key = spec.key;
  if (key === undefined) {
    if (geoFields.length === 0) fail('$geoNear requires a 2d or 2dsphere index, but none were found');
    if (geoFields.length > 1) fail(`There is more than one 2dsphere index on ${collection}; unsure which to use for $geoNear`);
    key = geoFields[0];
  }
  if (typeof key !== 'string' || key === '') fail("$geoNear parameter 'key' must be of type string but found type: " + typeof key);
  if (!geoFields.includes(key)) {
    fail(`error processing query: ns=${collection} planner returned error :: caused by :: unable to find index for $geoNear query`);
  }
  const center = pointOf(spec.near, '$geoNear near argument');
  const min = metres(spec.minDistance, 'minDistance') ?? 0;
  const max = metres(spec.maxDistance, 'maxDistance') ?? Infinity;
  const multiplier = spec.distanceMultiplier ?? 1;
  if (typeof multiplier !== 'number' || multiplier < 0) fail('distanceMultiplier must be a non-negative number');
  const includeLocs = spec.includeLocs;
  if (includeLocs !== undefined && typeof includeLocs !== 'string') fail("$geoNear requires that 'includeLocs' option is a String");
  let candidates = docs;
  if (spec.query !== undefined) {
    if (!isPlainObject(spec.query)) fail('$geoNear query must be an object');
    checkGeoQuery(spec.query, geoFields, collection, 'match');
    const filter = new Query(spec.query, options);
    candidates = docs.filter((doc) => filter.test(doc));
  }
  const field = key;
  const results: Array<{ doc: Doc; index: number; distance: number }> = [];
  candidates.forEach((doc, index) => {
    const value = resolve(doc, field, { unwrapArray: true });
    const distance = distanceTo(storedGeometries(value), center);
    if (!Number.isFinite(distance) || distance < min || distance > max) return;
    const out = cloneValue(doc);
    // GeoJSON `near`: distances in metres on MongoDB's sphere, times the multiplier.
    setValue(out, spec.distanceField as string, distance * EARTH_RADIUS_METERS * multiplier);
    if (includeLocs) setValue(out, includeLocs, cloneValue(closestLocation(value, center)));
    results.push({ doc: out, index, distance });
  });
  return results.sort((a, b) => a.distance - b.distance || a.index - b.index).map((entry) => entry.doc);
}

/** includeLocs: the field's value, or for an array of locations the element nearest `center`. */
function closestLocation(value: unknown, center: s2.Point): unknown {
  if (!Array.isArray(value) || storedGeometries(value).length <= 1) return value;
  let best: unknown = value;
  let bestDistance = Infinity;
  for (const item of value) {
    const distance = distanceTo(storedGeometries(item), center);
    if (distance < bestDistance) [best, bestDistance] = [item, distance];
  }
  return best;
}

