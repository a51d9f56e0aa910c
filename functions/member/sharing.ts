import { randomBytes, randomInt } from 'node:crypto';
import type { InvitesView, OpenedShare, ShareCard, ShareKind } from '@contract/member';
import type { Member } from '@core/member';
import { BIND_REFUSALS, bindRefusal, INVITE_CODE_LENGTH, inviteCodeFrom, maskedMemberName, sharePath } from '@core/referral';
import { aggregateList, COLLECTIONS, docOf, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';
import { BOUGHT_STATUSES } from '@lib/data/segmentFacts';
import { referralOffer } from '@lib/workflows/referral';

interface ShareRecord {
  _id: string;
  shareId: string;
  openid: string;
  kind: ShareKind;
  targetId: string | null;
  createdAt: Date;
}

const SHARE_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const newShareId = () => [...randomBytes(16)].map((b) => SHARE_ID_ALPHABET[b % SHARE_ID_ALPHABET.length]).join('');

/** What a product or live card points at must exist: a card to nothing would be a dead end for the friend. */
async function checkTarget(ctx: CallContext, kind: ShareKind, targetId: string | undefined): Promise<string | null> {
  if (kind === 'shop' || kind === 'invite') return null;
  if (!targetId) throw new DomainError('INVALID_ARGUMENT', kind === 'product' ? '请选择要分享的商品' : '请选择要分享的直播');
  const collection = kind === 'product' ? COLLECTIONS.products : COLLECTIONS.liveSessions;
  // A product must be on sale; a live session must exist.
  const where = kind === 'product' ? { _id: targetId, onSale: ctx.db.command.neq(false) } : { _id: targetId };
  const found = (await ctx.db.collection(collection).where(where).count()) as { total: number };
  if (!found.total) throw new DomainError('NOT_FOUND', kind === 'product' ? '商品不存在或已下架' : '直播不存在');
  return targetId;
}

/** A share card the member is about to send: one record, whose id the card carries. */
export async function createShare(kind: ShareKind, targetId: string | undefined, ctx: CallContext): Promise<ShareCard> {
  const target = await checkTarget(ctx, kind, targetId);
  const shareId = newShareId();
  const record: ShareRecord = { _id: shareId, shareId, openid: ctx.openid, kind, targetId: target, createdAt: ctx.now };
  await ctx.db.collection(COLLECTIONS.shares).add({ data: record });
  return { shareId, path: sharePath(kind, target, shareId) };
}

/**
 * The caller opened a share card. Their own card records nothing. Otherwise the visit is kept as one
 * document per (sharer, visitor) — so the sharer's X counts distinct visitors — and as the member's
 * last opened share (an order within 24 hours is the sharer's); a member who has never paid and has
 * no inviter becomes the sharer's invitee, by an update guarded on exactly that, so two cards opened
 * at once bind only the first.
 */
export async function openShare(shareId: string, ctx: CallContext): Promise<OpenedShare> {
  const { db, openid, now } = ctx;
  const [shares, member] = await Promise.all([db.collection(COLLECTIONS.shares).where({ _id: shareId }).limit(1).get(), loadOrCreateMember(ctx)]);
  const [share] = rowsOf<ShareRecord>(shares);
  if (!share) throw new DomainError('NOT_FOUND', '分享已失效');
  const opened = { kind: share.kind, targetId: share.targetId };
  if (share.openid === openid) return { ...opened, bound: false };
  const _ = db.command;
  const lastShare = { shareId, sharer: share.openid, at: now };
  const visit = db
    .collection(COLLECTIONS.shareVisits)
    .doc(`${share.openid}:${openid}`)
    .set({ data: { sharer: share.openid, visitor: openid, shareId, lastAt: now } });
  let bound = false;
  if (bindRefusal(member, share.openid) === null) {
    const res = await db
      .collection(COLLECTIONS.members)
      .where({ _id: openid, paidOrderCount: 0, invitedBy: _.exists(false) })
      .update({ data: { lastShare, invitedBy: share.openid, invitedAt: now } });
    bound = updatedOf(res) === 1;
  }
  await Promise.all([visit, bound ? null : db.collection(COLLECTIONS.members).doc(openid).update({ data: { lastShare } })]);
  return { ...opened, bound };
}

/** A typed-in invite code. */
export async function bindInviter(inviteCode: string, ctx: CallContext): Promise<{ bound: true }> {
  const { db, openid, now } = ctx;
  const [codes, member] = await Promise.all([db.collection(COLLECTIONS.inviteCodes).where({ _id: inviteCode }).limit(1).get(), loadOrCreateMember(ctx)]);
  const [code] = rowsOf<{ openid: string }>(codes);
  if (!code) throw new DomainError('NOT_FOUND', '邀请码不存在，请核对后再试');
  // The same code again (a retry after a lost answer): what was asked is done.
  if (member.invitedBy === code.openid) return { bound: true };
  const refusal = bindRefusal(member, code.openid);
  if (refusal) throw new DomainError('NOT_ELIGIBLE', BIND_REFUSALS[refusal]);
  const res = await db
    .collection(COLLECTIONS.members)
    .where({ _id: openid, paidOrderCount: 0, invitedBy: db.command.exists(false) })
    .update({ data: { invitedBy: code.openid, invitedAt: now } });
  if (updatedOf(res) === 1) return { bound: true };
  // Changed between the read and the update (a card bound them, or their first order was paid).
  const current = docOf<Member>(await db.collection(COLLECTIONS.members).doc(openid).get());
  // The same code typed twice at once: the other call bound them to this inviter, which is what was asked.
  if (current.invitedBy === code.openid) return { bound: true };
  throw new DomainError('NOT_ELIGIBLE', BIND_REFUSALS[bindRefusal(current, code.openid) ?? 'alreadyBound']);
}

/** The member's invite code, made on first need: a random code claimed by a unique insert, then kept on the member. */
export async function ensureInviteCode(ctx: CallContext, member: Member): Promise<string> {
  if (member.inviteCode) return member.inviteCode;
  const { db, openid } = ctx;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const code = inviteCodeFrom(Array.from({ length: INVITE_CODE_LENGTH }, () => randomInt(1 << 16)));
    try {
      await db.collection(COLLECTIONS.inviteCodes).add({ data: { _id: code, openid, createdAt: ctx.now } });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    const res = await db.collection(COLLECTIONS.members).where({ _id: openid, inviteCode: db.command.exists(false) }).update({ data: { inviteCode: code } });
    if (updatedOf(res) === 1) return code;
    // A concurrent call gave the member a code first: that one stands (this one stays valid too).
    return docOf<Member>(await db.collection(COLLECTIONS.members).doc(openid).get()).inviteCode ?? code;
  }
  throw new DomainError('CONFLICT', '邀请码生成失败，请稍后再试');
}

/** 我的邀请: invitees, what the member's cards brought, and the rewards earned. */
export async function invites(ctx: CallContext): Promise<InvitesView> {
  const { db, openid } = ctx;
  const _ = db.command;
  const $ = _.aggregate;
  const member = await loadOrCreateMember(ctx);
  const [inviteCode, invitees, cards, visits, orders, rewards, offer] = await Promise.all([
    ensureInviteCode(ctx, member),
    db.collection(COLLECTIONS.members).where({ invitedBy: openid }).orderBy('invitedAt', 'desc').limit(100).field({ _id: true, invitedAt: true, firstPaidAt: true }).get(),
    db.collection(COLLECTIONS.shares).where({ openid }).count(),
    db.collection(COLLECTIONS.shareVisits).where({ sharer: openid }).count(),
    aggregateList<{ orders: number; gmvFen: number }>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ 'attribution.sharer': openid, status: _.in([...BOUGHT_STATUSES]) })
        .group({ _id: null, orders: $.sum(1), gmvFen: $.sum($.subtract(['$payableFen', $.ifNull(['$refundedFen', 0])])) })
        .limit(1),
    ),
    db.collection(COLLECTIONS.coupons).where({ openid, source: 'referral', sourceKey: db.RegExp({ regexp: '^referral:inviter:' }) }).orderBy('issuedAt', 'desc').limit(100).field({ _id: true }).get(),
    referralOffer(db),
  ]);
  return {
    inviteCode,
    invitees: rowsOf<{ _id: string; invitedAt: Date; firstPaidAt?: Date }>(invitees).map((m) => ({
      name: maskedMemberName(m._id),
      joinedAt: new Date(m.invitedAt).toISOString(),
      firstPaidAt: m.firstPaidAt ? new Date(m.firstPaidAt).toISOString() : null,
    })),
    shares: { cards: (cards as { total: number }).total, visits: (visits as { total: number }).total, orders: orders[0]?.orders ?? 0, gmvFen: orders[0]?.gmvFen ?? 0 },
    rewards: rowsOf<{ _id: string }>(rewards).map((c) => c._id),
    offer,
    hasInviter: Boolean(member.invitedBy),
    canBindInviter: !member.invitedBy && (member.paidOrderCount ?? 0) === 0,
  };
}
