/** Collection names, in one place (database/schema.json declares the same ones with their indexes). */
export const COLLECTIONS = {
  members: 'members',
  ledger: 'ledger',
  stores: 'stores',
  staff: 'staff',
  products: 'products',
  stock: 'stock',
  priceLists: 'priceLists',
  priceListUsage: 'priceListUsage',
  orders: 'orders',
  voucherCodes: 'voucherCodes',
  redeemAttempts: 'redeemAttempts',
  paymentEvents: 'paymentEvents',
  couponTemplates: 'couponTemplates',
  coupons: 'coupons',
  couponClaims: 'couponClaims',
  liveSessions: 'liveSessions',
  liveViewers: 'liveViewers',
  plans: 'plans',
  tierBenefits: 'tierBenefits',
  membershipOrders: 'membershipOrders',
  jobRuns: 'jobRuns',
  /** Operators' rule sets by name (`segmentRules`, `referralRule`). */
  settings: 'settings',
  shares: 'shares',
  /** 邀请码 → member (`_id` is the code, so a code can belong to one member only). */
  inviteCodes: 'inviteCodes',
  /** One document per (sharer, visitor): who opened whose shares, first and last. */
  shareVisits: 'shareVisits',
  /** One document per ISO week: the segmentation run's progress and, once done, its figures. */
  segmentRuns: 'segmentRuns',
  /** One document per page of a week's run: each member's segment before and after. */
  segmentPages: 'segmentPages',
  /** Subscribe messages, one document per (member, kind, reference): what makes each send happen once. */
  notices: 'notices',
  /** Operators' campaigns (千人千券). */
  campaigns: 'campaigns',
  /** One document per campaign run (`<campaignId>@once`, `<campaignId>@2026-W49`): cursor and figures. */
  campaignRuns: 'campaignRuns',
  /** One document per page of a run: the members of the audience it found, recorded before any benefit. */
  campaignPages: 'campaignPages',
  /** Every admin write: who, when, what, before and after (`_id` sorts as time). */
  auditLog: 'auditLog',
  /** 首页轮播: banners for an audience and a window. */
  banners: 'banners',
} as const;

/** The cloud database reports a duplicate key (unique index or _id) with this in its message. */
export function isDuplicateKey(err: unknown): boolean {
  return /duplicate|E11000|DUPLICATE/i.test(errorText(err));
}

/** A transaction lost to another writer of the same document; safe to run again. */
export function isTransactionConflict(err: unknown): boolean {
  return /TRANSACTION_CONFLICT|conflict/i.test(errorText(err));
}

export function errorText(err: unknown): string {
  const e = err as { errMsg?: string; message?: string; code?: string } | undefined;
  return `${e?.code ?? ''} ${e?.errMsg ?? ''} ${e?.message ?? ''}`;
}

/** wx-server-sdk's typings return unions that include string and void; these name what a call really answers. */
export function rowsOf<T>(res: unknown): T[] {
  return (res as { data: T[] }).data;
}

export function docOf<T>(res: unknown): T {
  return (res as { data: T }).data;
}

export function updatedOf(res: unknown): number {
  return (res as { stats: { updated: number } }).stats.updated;
}

/** What an aggregation answers (`aggregate()…end()`): its `list` of output documents. */
export async function aggregateList<T>(query: { end(): unknown }): Promise<T[]> {
  return ((await query.end()) as { list: T[] }).list;
}

/** A `$lookup` sub-pipeline as the SDK builds it (`db.command.aggregate.pipeline()`): each stage returns the builder. */
export interface SubPipeline {
  match(query: object): SubPipeline;
  sort(order: object): SubPipeline;
  limit(n: number): SubPipeline;
  count(field: string): SubPipeline;
  done(): object[];
}

/** The SDK has `aggregate.pipeline()` (for joins that read by index) but its typings omit it: one cast, here. */
export function subPipeline(db: { command: { aggregate: unknown } }): SubPipeline {
  return (db.command.aggregate as { pipeline(): SubPipeline }).pipeline();
}
