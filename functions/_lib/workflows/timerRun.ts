import { COLLECTIONS, docOf, isDuplicateKey, rowsOf, updatedOf } from '../platform/collections';
import type { Database } from '../platform/handler';

/**
 * A timer's run through a list of members (or viewers, or coupons) in pages, kept in `jobRuns`, so a
 * run cut by the function's timeout, a crash or an overlapping firing resumes where it stopped and
 * gives nothing twice (the pattern of the weekly segmentation and campaigns):
 *
 * - the run's record holds the cursor: the last `_id` whose page is finished;
 * - a page's items (who gets what) are recorded, keyed by the cursor it starts from, before anything
 *   is given: a runner resuming that page gives to the same items even if the data moved meanwhile;
 * - whatever a page gives is keyed per item, so giving a page again gives nothing;
 * - the cursor moves with the page's figures in one update guarded on the cursor still being where
 *   the page started, so a page is counted once however many runners finished it.
 */
export interface TimerRunRecord {
  _id: string;
  job: string;
  state: 'running' | 'done';
  /** The last `_id` (of what the run pages through) whose page is finished. */
  after: string;
  pages: number;
  /** What the run did, added up page by page (each page counted once). */
  figures: Record<string, number>;
  startedAt: Date;
  finishedAt?: Date;
}

interface RecordedPage<T> {
  _id: string;
  runId: string;
  /** The last `_id` read: where the next page starts. */
  last: string;
  items: T[];
}

/** One read of the source: the rows' count (a short page is the last), the last row's `_id`, and the items to act on. */
export interface SourcePage<T> {
  rows: number;
  last: string;
  items: T[];
}

export interface RunPagesOptions<T> {
  pageSize: number;
  /** Reads the page after `after` (keyset by `_id`); the items are what `give` acts on. */
  read(after: string): Promise<SourcePage<T>>;
  /** Gives a recorded page's items; answers this runner's figures for it. Must be keyed per item. */
  give(items: T[], pageId: string): Promise<Record<string, number>>;
  budgetMs: number;
  startedMs: number;
  /** The run's instant (the dev clock locally): when a finished run says it finished. */
  now: Date;
  /**
   * Record each page before giving (default). Off where what is given is itself the record and
   * nothing else is counted against the page (subscribe messages: each message's own record).
   */
  record?: boolean;
  clockMs?: () => number;
}

export interface RunOutcome {
  run: TimerRunRecord;
  /** What this firing itself did (a page another runner counted is not added to the run twice). */
  figures: Record<string, number>;
  done: boolean;
}

/** The run's record: the one found, or a fresh one made by the first caller (a concurrent one reads it back). */
export async function openRun<R extends TimerRunRecord>(db: Database, fresh: R, found?: R | null): Promise<R> {
  if (found) return found;
  const runs = db.collection(COLLECTIONS.jobRuns);
  try {
    await runs.add({ data: fresh });
    return fresh;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<R>(await runs.doc(fresh._id).get());
  }
}

/** Works through the run a page at a time until it is done or the budget is spent. */
export async function runPages<T>(db: Database, start: TimerRunRecord, options: RunPagesOptions<T>): Promise<RunOutcome> {
  const clock = options.clockMs ?? Date.now;
  const mine: Record<string, number> = {};
  let run = start;
  while (run.state !== 'done') {
    if (clock() - options.startedMs > options.budgetMs) return { run, figures: mine, done: false };
    const source = await options.read(run.after);
    if (source.rows === 0) {
      run = await finish(db, run, run.after, options.now);
      break;
    }
    const page = source.items.length && options.record !== false ? await recordPage(db, run, source) : { _id: `${run._id}|${run.after}`, runId: run._id, last: source.last, items: source.items };
    const figures = page.items.length ? await options.give(page.items, page._id) : {};
    for (const [k, v] of Object.entries(figures)) mine[k] = (mine[k] ?? 0) + v;
    run = await advance(db, run, page.last, figures, source.rows < options.pageSize, options.now);
  }
  return { run, figures: mine, done: true };
}

/** The page as first recorded: a resumed or concurrent runner starting from the same cursor gets it back. */
async function recordPage<T>(db: Database, run: TimerRunRecord, source: SourcePage<T>): Promise<RecordedPage<T>> {
  const page: RecordedPage<T> = { _id: `${run._id}|${run.after}`, runId: run._id, last: source.last, items: source.items };
  try {
    await db.collection(COLLECTIONS.jobRuns).add({ data: page });
    return page;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<RecordedPage<T>>(await db.collection(COLLECTIONS.jobRuns).doc(page._id).get());
  }
}

/** Moves the cursor past the page with its figures (and ends the run on its last page), once. */
async function advance(db: Database, run: TimerRunRecord, last: string, figures: Record<string, number>, lastPage: boolean, now: Date): Promise<TimerRunRecord> {
  const _ = db.command;
  const data: Record<string, unknown> = { after: last, pages: _.inc(1) };
  for (const [k, v] of Object.entries(figures)) if (v) data[`figures.${k}`] = _.inc(v);
  if (lastPage) Object.assign(data, { state: 'done', finishedAt: now });
  const moved = await db
    .collection(COLLECTIONS.jobRuns)
    .where({ _id: run._id, after: run.after, state: 'running' })
    .update({ data });
  if (updatedOf(moved) === 0) return currentRun(db, run._id); // another runner moved it: carry on from there
  const total = { ...run.figures };
  for (const [k, v] of Object.entries(figures)) total[k] = (total[k] ?? 0) + v;
  return { ...run, after: last, pages: run.pages + 1, figures: total, ...(lastPage ? { state: 'done' as const } : {}) };
}

async function finish(db: Database, run: TimerRunRecord, after: string, now: Date): Promise<TimerRunRecord> {
  const done = await db
    .collection(COLLECTIONS.jobRuns)
    .where({ _id: run._id, after, state: 'running' })
    .update({ data: { state: 'done', finishedAt: now } });
  return updatedOf(done) ? { ...run, state: 'done' } : currentRun(db, run._id);
}

async function currentRun(db: Database, id: string): Promise<TimerRunRecord> {
  return rowsOf<TimerRunRecord>(await db.collection(COLLECTIONS.jobRuns).where({ _id: id }).limit(1).get())[0];
}
