/**
 * RFM+X segments (会员分层): each week every member who has paid is put in exactly one of S1–S6 from
 * how recently (R), how often (F) and how much (M) they bought, and how much they bring others (X).
 * The thresholds are configuration (the `segmentRules` entity); the rules that use them are here.
 */

export const SEGMENTS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** What operators call each segment. Internal: a member is never shown their label. */
export const SEGMENT_NAMES: Record<Segment, string> = {
  S1: '钻石核心',
  S2: '忠诚复购',
  S3: '高潜成长',
  S4: '价格敏感',
  S5: 'KOC 影响者',
  S6: '沉睡新客',
};

export interface SegmentRules {
  /** F, M and X count what happened in this many days before the run. */
  windowDays: number;
  /** X = invitee × invitees whose first order was paid + order × orders placed through the member's shares + visitor × distinct members who opened them. */
  xWeights: { invitee: number; order: number; visitor: number };
  S5: { minX: number };
  S1: { maxR: number; minF: number; minMFen: number };
  S2: { maxR: number; minF: number; minMFen: number };
  S3: { maxR: number; minF: number; minX: number };
  /** Exactly one paid order ever, and more than this many days ago. */
  S6: { minRExclusive: number };
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = {
  windowDays: 180,
  xWeights: { invitee: 3, order: 2, visitor: 1 },
  S5: { minX: 30 },
  S1: { maxR: 14, minF: 8, minMFen: 150_000 },
  S2: { maxR: 30, minF: 4, minMFen: 40_000 },
  S3: { maxR: 60, minF: 2, minX: 5 },
  S6: { minRExclusive: 30 },
};

/** What a run knows of one member, all counted up to the run's instant. */
export interface SegmentFacts {
  /** The last paid order, online or in store; null if none ever. */
  lastPaidAt: Date | null;
  /** Paid orders ever (online and in store). */
  paidOrdersEver: number;
  /** Paid orders in the window. */
  ordersInWindow: number;
  /** Amount paid in the window, net of refunds. */
  paidFenInWindow: number;
  /** Members this one invited whose first order was paid in the window. */
  inviteesPaid: number;
  /** Paid orders in the window attributed to this member's shares. */
  sharedOrders: number;
  /** Distinct other members who opened this member's shares in the window. */
  shareVisitors: number;
}

export interface SegmentScores {
  /** Whole days since the last paid order (null: never paid). */
  r: number | null;
  f: number;
  mFen: number;
  x: number;
}

const DAY_MS = 86_400_000;

export function segmentScores(facts: SegmentFacts, now: Date, rules: SegmentRules = DEFAULT_SEGMENT_RULES): SegmentScores {
  const w = rules.xWeights;
  return {
    r: facts.lastPaidAt ? Math.floor((now.getTime() - facts.lastPaidAt.getTime()) / DAY_MS) : null,
    f: facts.ordersInWindow,
    mFen: facts.paidFenInWindow,
    x: w.invitee * facts.inviteesPaid + w.order * facts.sharedOrders + w.visitor * facts.shareVisitors,
  };
}

/**
 * The member's segment, by precedence S5, S1, S2, S3, S6, then S4 for everyone else who has paid.
 * A member who never paid has none (null): the `new` audience is theirs.
 */
export function assignSegment(facts: SegmentFacts, now: Date, rules: SegmentRules = DEFAULT_SEGMENT_RULES): Segment | null {
  if (facts.paidOrdersEver === 0 || facts.lastPaidAt === null) return null;
  const { r, f, mFen, x } = segmentScores(facts, now, rules);
  const days = r ?? Number.POSITIVE_INFINITY;
  if (x >= rules.S5.minX) return 'S5';
  if (days <= rules.S1.maxR && f >= rules.S1.minF && mFen >= rules.S1.minMFen) return 'S1';
  if (days <= rules.S2.maxR && f >= rules.S2.minF && mFen >= rules.S2.minMFen) return 'S2';
  if (days <= rules.S3.maxR && f >= rules.S3.minF && x >= rules.S3.minX) return 'S3';
  if (facts.paidOrdersEver === 1 && days > rules.S6.minRExclusive) return 'S6';
  return 'S4';
}

/** The start of the window that ends at `now`. */
export function segmentWindowStart(now: Date, rules: SegmentRules = DEFAULT_SEGMENT_RULES): Date {
  return new Date(now.getTime() - rules.windowDays * DAY_MS);
}

/** A week's counts per segment, `none` for members who never paid. */
export type SegmentCounts = Record<Segment | 'none', number>;

export function emptySegmentCounts(): SegmentCounts {
  return { S1: 0, S2: 0, S3: 0, S4: 0, S5: 0, S6: 0, none: 0 };
}

/** The key of a move between two weeks' segments: `S4>S2`, `none>S6`. */
export function moveKey(from: Segment | null, to: Segment | null): string {
  return `${from ?? 'none'}>${to ?? 'none'}`;
}

export function isSegment(value: unknown): value is Segment {
  return typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value);
}
