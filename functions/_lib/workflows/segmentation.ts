import { businessIsoWeek } from '@core/businessTime';
import { assignSegment, DEFAULT_SEGMENT_RULES, emptySegmentCounts, isSegment, moveKey, segmentWindowStart, type Segment, type SegmentCounts, type SegmentRules } from '@core/segment';
import { aggregateList, COLLECTIONS, docOf, isDuplicateKey, rowsOf, updatedOf } from '../platform/collections';
import type { Database } from '../platform/handler';
import { segmentFactsOf } from '../data/segmentFacts';
import { loadSegmentRules } from '../data/settings';

/** Members per page: one page is one read of members, five aggregations (orders, receipts, invitees, shares, visits) and a handful of writes. */
export const SEGMENT_PAGE = 500;

/** The page size in force: the console variable SEGMENT_PAGE_SIZE (1–1000) when set. */
export function segmentPageSize(): number {
  const configured = Number(process.env.SEGMENT_PAGE_SIZE);
  return Number.isInteger(configured) && configured >= 1 && configured <= 1000 ? configured : SEGMENT_PAGE;
}

export interface SegmentRunRecord {
  _id: string;
  week: string;
  state: 'running' | 'done';
  /** The instant the week's run started: every page measures R, F, M and X up to it. */
  asOf: Date;
  rules: SegmentRules;
  /** The last member (by _id) whose page is finished. */
  after: string;
  pages: number;
  startedAt: Date;
  finishedAt?: Date;
  members?: number;
  changed?: number;
  counts?: SegmentCounts;
  /** `from>to` → members, against each member's segment before the run (last week's). */
  moves?: Record<string, number>;
}

interface PageRow {
  openid: string;
  from: Segment | null;
  to: Segment | null;
}

interface SegmentPageRecord {
  _id: string;
  week: string;
  first: string;
  last: string;
  rows: PageRow[];
  counts: SegmentCounts;
  moves: Record<string, number>;
  changed: number;
}

export interface SegmentationOutcome {
  week: string;
  members: number;
  changed: number;
  done: boolean;
}

/**
 * The week's segmentation, resumable and idempotent for its week. A run goes through the members by
 * _id a page at a time: it records the page (each member's segment before and after) before it
 * touches a member, so a run resumed after a crash or a timeout reuses the recorded page instead of
 * reading back segments it already changed; then it moves only the members whose segment changed,
 * one update per new segment; then it advances the week's cursor by a compare-and-set, so two runs
 * at once (the timer and an operator) share the work without counting a page twice. The last page
 * adds the pages' counts up into the week's record, which is what the dashboard reads.
 */
export async function runSegmentation(db: Database, now: Date, budgetMs: number, clockMs: () => number = Date.now): Promise<SegmentationOutcome> {
  const started = clockMs();
  const pageSize = segmentPageSize();
  const run = await startOrResume(db, now);
  if (run.state === 'done') return { week: run.week, members: run.members ?? 0, changed: run.changed ?? 0, done: true };
  let after = run.after;
  for (;;) {
    const members = rowsOf<{ _id: string; segment: string | null }>(
      await db
        .collection(COLLECTIONS.members)
        .where(after ? { _id: db.command.gt(after) } : {})
        .orderBy('_id', 'asc')
        .limit(pageSize)
        .field({ _id: true, segment: true })
        .get(),
    );
    if (members.length === 0) return finish(db, run, now);
    const page = await recordPage(db, run, after, members);
    await applyPage(db, page);
    const advanced = await db
      .collection(COLLECTIONS.segmentRuns)
      .where({ _id: run._id, after, state: 'running' })
      .update({ data: { after: page.last, pages: db.command.inc(1) } });
    if (updatedOf(advanced) === 0) {
      // Another run moved the cursor (or finished the week): carry on from where it is.
      const current = docOf<SegmentRunRecord>(await db.collection(COLLECTIONS.segmentRuns).doc(run._id).get());
      if (current.state === 'done') return { week: run.week, members: current.members ?? 0, changed: current.changed ?? 0, done: true };
      after = current.after;
    } else {
      after = page.last;
    }
    if (members.length < pageSize) return finish(db, run, now);
    if (clockMs() - started > budgetMs) {
      const progress = await weekTotals(db, run.week);
      return { week: run.week, members: progress.members, changed: progress.changed, done: false };
    }
  }
}

/** The week's run record, created by the first run of the week with the rules in force then. */
async function startOrResume(db: Database, now: Date): Promise<SegmentRunRecord> {
  const week = businessIsoWeek(now);
  const runs = db.collection(COLLECTIONS.segmentRuns);
  const [found] = rowsOf<SegmentRunRecord>(await runs.where({ _id: week }).limit(1).get());
  if (found) return found;
  const fresh: SegmentRunRecord = { _id: week, week, state: 'running', asOf: now, rules: await loadSegmentRules(db), after: '', pages: 0, startedAt: now };
  try {
    await runs.add({ data: fresh });
    return fresh;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<SegmentRunRecord>(await runs.doc(week).get());
  }
}

/**
 * The page as first recorded: a resumed or concurrent run starting from the same cursor gets the
 * recorded one back (even if a member has since been added inside its range).
 */
async function recordPage(db: Database, run: SegmentRunRecord, after: string, members: Array<{ _id: string; segment: string | null }>): Promise<SegmentPageRecord> {
  const asOf = new Date(run.asOf);
  const rules = { ...DEFAULT_SEGMENT_RULES, ...run.rules };
  const facts = await segmentFactsOf(db, members.map((m) => m._id), segmentWindowStart(asOf, rules));
  const counts = emptySegmentCounts();
  const moves: Record<string, number> = {};
  let changed = 0;
  const rows = members.map((member): PageRow => {
    const from = isSegment(member.segment) ? member.segment : null;
    const to = assignSegment(facts.get(member._id)!, asOf, rules);
    counts[to ?? 'none'] += 1;
    moves[moveKey(from, to)] = (moves[moveKey(from, to)] ?? 0) + 1;
    if (from !== to) changed += 1;
    return { openid: member._id, from, to };
  });
  const page: SegmentPageRecord = {
    // Keyed by the cursor it starts from, which only one page of the week ever does.
    _id: `${run.week}:${after}`,
    week: run.week,
    first: members[0]._id,
    last: members[members.length - 1]._id,
    rows,
    counts,
    moves,
    changed,
  };
  try {
    await db.collection(COLLECTIONS.segmentPages).add({ data: page });
    return page;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<SegmentPageRecord>(await db.collection(COLLECTIONS.segmentPages).doc(page._id).get());
  }
}

/** Members whose segment changed, one update per new segment (setting a value twice changes nothing). */
async function applyPage(db: Database, page: SegmentPageRecord): Promise<void> {
  const byTarget = new Map<Segment | null, string[]>();
  for (const row of page.rows) {
    if (row.from === row.to) continue;
    byTarget.set(row.to, [...(byTarget.get(row.to) ?? []), row.openid]);
  }
  await Promise.all(
    [...byTarget].map(([to, openids]) =>
      db
        .collection(COLLECTIONS.members)
        .where({ _id: db.command.in(openids) })
        .update({ data: { segment: to, segmentWeek: page.week } }),
    ),
  );
}

interface WeekTotals {
  members: number;
  changed: number;
  counts: SegmentCounts;
  moves: Record<string, number>;
}

/** The week's pages added up by the database (two aggregations, however many pages). */
async function weekTotals(db: Database, week: string): Promise<WeekTotals> {
  const $ = db.command.aggregate;
  const pages = db.collection(COLLECTIONS.segmentPages);
  const sums = async (field: 'counts' | 'moves') => {
    const list = await aggregateList<{ _id: string; n: number }>(
      pages
        .aggregate()
      .match({ week })
      .project({ kv: $.objectToArray(`$${field}`) })
      .unwind('$kv')
      .group({ _id: '$kv.k', n: $.sum('$kv.v') })
        .limit(100),
    );
    return Object.fromEntries(list.map((row) => [row._id, row.n]));
  };
  const [counts, moves] = await Promise.all([sums('counts'), sums('moves')]);
  const all = { ...emptySegmentCounts(), ...counts } as SegmentCounts;
  const members = Object.values(all).reduce((a, b) => a + b, 0);
  const changed = Object.entries(moves).reduce((sum, [key, n]) => (key.split('>')[0] === key.split('>')[1] ? sum : sum + n), 0);
  return { members, changed, counts: all, moves };
}

async function finish(db: Database, run: SegmentRunRecord, now: Date): Promise<SegmentationOutcome> {
  const totals = await weekTotals(db, run.week);
  await db
    .collection(COLLECTIONS.segmentRuns)
    .where({ _id: run._id, state: 'running' })
    .update({ data: { state: 'done', finishedAt: now, ...totals } });
  return { week: run.week, members: totals.members, changed: totals.changed, done: true };
}
