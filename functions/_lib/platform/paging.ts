import { rowsOf } from './collections';
import { DomainError } from './errors';
import type { Database } from './handler';

/** The cloud database answers at most 1000 documents per query from a function. */
export const PAGE_SIZE = 1000;

/**
 * Every document matching `where`, in pages of 1000 ordered by _id (a cursor on _id, not skip, so
 * a page never repeats or misses a document that was there all along). `fields`: a projection
 * (`{ marks: false }` leaves out a hot counter's marks).
 */
export async function fetchAll<T extends { _id: string }>(db: Database, collection: string, where: Record<string, unknown> = {}, fields?: Record<string, boolean>): Promise<T[]> {
  const _ = db.command;
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const query: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const found = db.collection(collection).where(query);
    const page = rowsOf<T>(await (fields ? found.field(fields) : found).orderBy('_id', 'asc').limit(PAGE_SIZE).get());
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
    after = page[page.length - 1]._id;
  }
}

/** Where keyset paging newest-first resumes: the last row's instant and _id (ties on the instant are common). */
export interface Position {
  at: Date;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
    if (typeof id === 'string' && id && !Number.isNaN(date.getTime())) return { at: date, id };
  } catch {
    // reported below
  }
  throw new DomainError('INVALID_ARGUMENT', '分页参数无效，请刷新后重试');
}

/**
 * Rows after `after` in newest-first keyset order on (`field`, _id): an older instant, or the same
 * instant and a smaller _id (ties on an instant are common). The page's query is `where` and this.
 */
export function newestFirstAfter(db: Database, where: object, field: string, after: Position | null): object {
  const _ = db.command;
  if (!after) return where;
  return _.and([where, _.or([{ [field]: _.lt(after.at) }, { [field]: _.eq(after.at), _id: _.lt(after.id) }])]);
}
