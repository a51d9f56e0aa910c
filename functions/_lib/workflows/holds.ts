import { updatedOf } from '../platform/collections';
import type { Database } from '../platform/handler';

/**
 * Counters that many buyers move at once (a store's stock, limited price-list units, a coupon
 * template's issued count, a member's claims) are moved with a plain guarded update, never a
 * transaction: a transaction on a hot document fails at once when another holds it, while a plain
 * update waits its turn. What makes such a move safe against a crash is its mark: the holder's name
 * is pushed onto the counter's `marks` in the same atomic update that moves the count. Whoever later
 * finds the holder dead (a timer, minutes after any function could still be running) reads from the
 * counter itself whether the move happened, and undoes it atomically with removing the mark. Once
 * the holder has recorded the move (its order holds the take, its coupon names the mark) the mark is
 * resolved; the holder spends no request on it, and the minute timer pulls all of a counter's
 * resolved marks in one update, so a counter carries the moves of the last few minutes at most.
 */
export interface CounterMark {
  /** `take:<orderId>`, `release:<orderId>`, `issue:<couponId>` … */
  k: string;
  at: Date;
}

export interface MarkedMove {
  collection: string;
  id: string;
  /** The counter field (`stock`, `qty`, `issued`, `count`). */
  field: string;
  delta: number;
  mark: string;
  /** Extra conditions the move needs (`stock >= qty`), checked in the same update. */
  guard?: Record<string, unknown>;
}

/** Moves the counter once for this mark; false when the guard refused (or the mark is already there). */
export async function moveMarked(db: Database, move: MarkedMove, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(move.collection)
    .where({ _id: move.id, 'marks.k': _.neq(move.mark), ...move.guard })
    .update({ data: { [move.field]: _.inc(move.delta), marks: _.push({ k: move.mark, at: now }) } });
  return updatedOf(res) === 1;
}

/** Undoes the move if (and only if) its mark is still on the counter: exact after any crash. */
export async function undoMarked(db: Database, move: Omit<MarkedMove, 'guard'>): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(move.collection)
    .where({ _id: move.id, 'marks.k': move.mark })
    .update({ data: { [move.field]: _.inc(-move.delta), marks: _.pull({ k: move.mark }) } });
  return updatedOf(res) === 1;
}

/** The holder has recorded the move as its own: the mark is no longer needed. */
export async function clearMark(db: Database, collection: string, id: string, mark: string): Promise<void> {
  const _ = db.command;
  await db
    .collection(collection)
    .where({ _id: id, 'marks.k': mark })
    .update({ data: { marks: _.pull({ k: mark }) } });
}

/** Several resolved marks off one counter in one update. */
export async function clearMarks(db: Database, collection: string, id: string, marks: readonly string[]): Promise<void> {
  const _ = db.command;
  await db
    .collection(collection)
    .where({ _id: id })
    .update({ data: { marks: _.pull({ k: _.in([...marks]) }) } });
}
