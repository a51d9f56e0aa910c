import { WALLET_PAGE_SIZE, type CouponResponses, type WalletCounts } from '@contract/coupon';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import { decodeCursor, encodeCursor, newestFirstAfter } from '@lib/platform/paging';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { walletView } from '@lib/data/couponViews';

type WalletStatus = 'unused' | 'locked' | 'used' | 'expired';

/**
 * 我的优惠券: newest issued first, a page at a time (keyset on issuedAt and _id, by the member's
 * coupons index), with each tab's count on the first page. A status is filtered in the query itself,
 * as the wallet shows it: `unused` within validity, `expired` past it or taken back by a refund.
 */
export async function walletPage({ db, openid, now }: Pick<CallContext, 'db' | 'openid' | 'now'>, status: WalletStatus | undefined, cursor: string | null | undefined): Promise<CouponResponses['wallet']> {
  const _ = db.command;
  const byStatus: Record<WalletStatus, object> = {
    unused: { status: 'unused', validTo: _.gt(now) },
    locked: { status: 'locked' },
    used: { status: 'used' },
    expired: _.or([{ status: 'unused', validTo: _.lte(now) }, { status: 'revoked' }]),
  };
  const mine = status ? _.and([{ openid }, byStatus[status]]) : { openid };
  const after = cursor ? decodeCursor(cursor) : null;
  const where = newestFirstAfter(db, mine, 'issuedAt', after);
  const [rows, counts] = await Promise.all([
    db.collection(COLLECTIONS.coupons).where(where).orderBy('issuedAt', 'desc').orderBy('_id', 'desc').limit(WALLET_PAGE_SIZE + 1).get(),
    after ? Promise.resolve(null) : countsOf(db, openid, now),
  ]);
  const all = rowsOf<CouponRecord>(rows);
  const page = all.slice(0, WALLET_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    coupons: page.map((c) => walletView(c, now)),
    cursor: all.length > WALLET_PAGE_SIZE && last ? encodeCursor({ at: last.issuedAt, id: last._id }) : null,
    counts,
  };
}

/** The tabs' counts in one aggregate over the member's coupons: by stored status, unused split at now. */
async function countsOf(db: CallContext['db'], openid: string, now: Date): Promise<WalletCounts> {
  const $ = db.command.aggregate;
  const res = (await db
    .collection(COLLECTIONS.coupons)
    .aggregate()
    .match({ openid })
    .group({ _id: { status: '$status', live: $.gt(['$validTo', now]) }, n: $.sum(1) })
    .end()) as { list: Array<{ _id: { status: string; live: boolean }; n: number }> };
  const counts: WalletCounts = { unused: 0, used: 0, expired: 0 };
  for (const { _id: key, n } of res.list) {
    if (key.status === 'used') counts.used += n;
    else if (key.status === 'locked' || (key.status === 'unused' && key.live)) counts.unused += n;
    else counts.expired += n;
  }
  return counts;
}
