import { s2 } from 's2js';
import { isPlainObject } from './ejson';

/**
 * GeoJSON on the sphere, the way MongoDB's 2dsphere index sees it. MongoDB evaluates geometry with
 * Google's S2 library; s2js is a port of it, so edges are great-circle arcs (not straight lines in
 * longitude/latitude), polygons are the smaller of the two regions their rings bound, and
 * distances are angles on the unit sphere turned into metres with MongoDB's Earth radius.
 */

/** MongoDB's kRadiusOfEarthInMeters (6378.1 km): also what CloudBase's docs use for centerSphere. */
export const EARTH_RADIUS_METERS = 6378.1 * 1000;

export type Shape =
  | { kind: 'point'; point: s2.Point }
  | { kind: 'line'; line: s2.Polyline }
  | { kind: 'polygon'; polygon: s2.Polygon; boundaries: s2.Polyline[] };
export type PolygonShape = Extract<Shape, { kind: 'polygon' }>;

/** One stored or queried geometry: its parts (a MultiPoint has several, a Point one). */
export type Geometry = Shape[];

/** The area a $geoWithin names. */
export type Region = { kind: 'cap'; cap: s2.Cap } | { kind: 'polygons'; polygons: PolygonShape[] };

type Position = [number, number];

function position(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [lng, lat] = value as number[];
  return Math.abs(lng) <= 180 && Math.abs(lat) <= 90 ? [lng, lat] : undefined;
}

function positions(value: unknown, min: number): Position[] | undefined {
  if (!Array.isArray(value) || value.length < min) return undefined;
  const out = value.map(position);
  return out.every((p): p is Position => p !== undefined) ? out : undefined;
}

export function toS2Point([lng, lat]: Position): s2.Point {
  return s2.Point.fromLatLng(s2.LatLng.fromDegrees(lat, lng));
}

function lineShape(value: unknown): Shape | undefined {
  const points = positions(value, 2);
  return points && { kind: 'line', line: new s2.Polyline(points.map(toS2Point)) };
}

/** Whether two edges of a ring that share no vertex cross: MongoDB refuses such a polygon. */
function selfCrossing(points: s2.Point[]): boolean {
  const edges = points.map((p, i) => new s2.Polyline([p, points[(i + 1) % points.length]]));
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 2; j < edges.length; j++) {
      if (i === 0 && j === edges.length - 1) continue;
      if (edges[i].intersects(edges[j])) return true;
    }
  }
  return false;
}

/** An S2 loop from a closed GeoJSON ring: no repeated closing vertex, no other duplicates. */
function loopOf(ring: Position[]): s2.Loop | undefined {
  const open = ring.slice(0, -1).filter((p, i, all) => i === 0 || p[0] !== all[i - 1][0] || p[1] !== all[i - 1][1]);
  if (open.length < 3 || new Set(open.map((p) => `${p[0]},${p[1]}`)).size !== open.length) return undefined;
  const points = open.map(toS2Point);
  if (selfCrossing(points)) return undefined;
  const loop = new s2.Loop(points);
  if (loop.validate()) return undefined;
  // Whatever the ring's orientation, the polygon is the smaller of the two regions it bounds.
  loop.normalize();
  return loop;
}

function polygonShape(value: unknown): PolygonShape | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rings = value.map((ring) => positions(ring, 4));
  // A ring is closed: its last position repeats the first.
  if (!rings.every((r): r is Position[] => r !== undefined && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1])) return undefined;
  const loops = rings.map(loopOf);
  if (!loops.every((loop): loop is s2.Loop => loop !== undefined)) return undefined;
  // Built from loops, never via s2js's GeoJSON import, which turns an axis-aligned rectangle into a
  // latitude/longitude box; MongoDB's edges are great-circle arcs whatever the shape.
  const polygon = new s2.Polygon(loops);
  const boundaries = polygon.loops.map((loop) => new s2.Polyline([...loop.vertices, loop.vertices[0]]));
  return { kind: 'polygon', polygon, boundaries };
}

function partsOf(type: string, coordinates: unknown): Geometry | undefined {
  const many = <T>(parse: (value: unknown) => T | undefined): T[] | undefined => {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return undefined;
    const parts = coordinates.map(parse);
    return parts.every((p): p is T => p !== undefined) ? parts : undefined;
  };
  switch (type) {
    case 'Point': {
      const p = position(coordinates);
      return p && [{ kind: 'point', point: toS2Point(p) }];
    }
    case 'MultiPoint':
      return many((value) => {
        const p = position(value);
        return p && ({ kind: 'point', point: toS2Point(p) } as Shape);
      });
    case 'LineString': {
      const line = lineShape(coordinates);
      return line && [line];
    }
    case 'MultiLineString':
      return many(lineShape);
    case 'Polygon': {
      const polygon = polygonShape(coordinates);
      return polygon && [polygon];
    }
    case 'MultiPolygon':
      return many(polygonShape);
    default:
      return undefined;
  }
}

/** A GeoJSON geometry object, or undefined when `value` is not a valid one. */
export function parseGeoJSON(value: unknown): Geometry | undefined {
  if (!isPlainObject(value) || typeof value.type !== 'string') return undefined;
  if (value.type === 'GeometryCollection') {
    if (!Array.isArray(value.geometries)) return undefined;
    const parts = value.geometries.map(parseGeoJSON);
    return parts.every((p): p is Geometry => p !== undefined) ? parts.flat() : undefined;
  }
  return partsOf(value.type, value.coordinates);
}

/**
 * The geometries a 2dsphere index finds in a field's value: a GeoJSON object, a legacy
 * [lng, lat] pair, or an array of those (each element on its own, as a multikey index does).
 * Anything else holds no geometry and matches no geo query.
 */
export function storedGeometries(value: unknown): Geometry[] {
  if (Array.isArray(value)) {
    const pair = value.length === 2 ? position(value) : undefined;
    return pair ? [[{ kind: 'point', point: toS2Point(pair) }]] : value.flatMap(storedGeometries);
  }
  const geometry = parseGeoJSON(value);
  return geometry ? [geometry] : [];
}

/** Angle (radians) from `from` to the closest point of the shape; 0 inside a polygon. */
function shapeDistance(shape: Shape, from: s2.Point): number {
  if (shape.kind === 'point') return shape.point.distance(from);
  if (shape.kind === 'line') return shape.line.project(from)[0].distance(from);
  if (shape.polygon.containsPoint(from)) return 0;
  return Math.min(...shape.boundaries.map((boundary) => boundary.project(from)[0].distance(from)));
}

/** Smallest angle from `from` to any of the geometries; Infinity when there are none. */
export function distanceTo(geometries: Geometry[], from: s2.Point): number {
  let best = Infinity;
  for (const geometry of geometries) for (const shape of geometry) best = Math.min(best, shapeDistance(shape, from));
  return best;
}

function vertices(shape: Shape): s2.Point[] {
  if (shape.kind === 'point') return [shape.point];
  if (shape.kind === 'line') return shape.line.points;
  return shape.polygon.loops.flatMap((loop) => loop.vertices);
}

function insidePolygon(shape: Shape, container: PolygonShape): boolean {
  if (shape.kind === 'point') return container.polygon.containsPoint(shape.point);
  if (shape.kind === 'polygon') return container.polygon.contains(shape.polygon);
  // A line is inside when all its vertices are and it crosses no edge of the container.
  return shape.line.points.every((p) => container.polygon.containsPoint(p)) && !container.boundaries.some((b) => b.intersects(shape.line));
}

/** $geoWithin: every part of the geometry lies in the region. */
export function isWithin(geometry: Geometry, region: Region): boolean {
  if (region.kind === 'cap') return geometry.every((shape) => vertices(shape).every((p) => region.cap.containsPoint(p)));
  return geometry.every((shape) => region.polygons.some((container) => insidePolygon(shape, container)));
}

/** A point "touches" another shape when it lies in the same S2 leaf cell (about 1 cm), as MongoDB tests it. */
function pointIntersects(point: s2.Point, other: Shape): boolean {
  const cell = s2.Cell.fromPoint(point);
  if (other.kind === 'point') return s2.cellid.fromPoint(point) === s2.cellid.fromPoint(other.point);
  if (other.kind === 'line') return other.line.intersectsCell(cell);
  return other.polygon.containsPoint(point) || other.polygon.intersectsCell(cell);
}

function shapesIntersect(a: Shape, b: Shape): boolean {
  if (a.kind === 'point') return pointIntersects(a.point, b);
  if (b.kind === 'point') return pointIntersects(b.point, a);
  if (a.kind === 'line' && b.kind === 'line') return a.line.intersects(b.line);
  if (a.kind === 'polygon' && b.kind === 'polygon') return a.polygon.intersects(b.polygon);
  const [line, polygon] = (a.kind === 'line' ? [a, b] : [b, a]) as [Extract<Shape, { kind: 'line' }>, PolygonShape];
  return line.line.points.some((p) => polygon.polygon.containsPoint(p)) || polygon.boundaries.some((edge) => edge.intersects(line.line));
}

/** $geoIntersects: any part of one geometry meets any part of the other. */
export function intersects(a: Geometry, b: Geometry): boolean {
  return a.some((shapeA) => b.some((shapeB) => shapesIntersect(shapeA, shapeB)));
}
