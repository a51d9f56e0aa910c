import { addAccepts, NOTICE_KEYS, subscriptionCounts, type NoticeKey, type SubscribeAnswer } from '@core/notice';
import { COLLECTIONS } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';

/**
 * What wx.requestSubscribeMessage answered: each accept allows one more message of its kind. The
 * counts move by atomic increments, so answers arriving together all count; what is answered is the
 * count as it stands after this answer.
 */
export async function subscribe(results: Partial<Record<NoticeKey, SubscribeAnswer>>, ctx: CallContext): Promise<{ subscriptions: Record<NoticeKey, number> }> {
  const member = await loadOrCreateMember(ctx);
  const accepted = NOTICE_KEYS.filter((key) => results[key] === 'accept');
  if (accepted.length) {
    const _ = ctx.db.command;
    await ctx.db
      .collection(COLLECTIONS.members)
      .doc(ctx.openid)
      .update({ data: Object.fromEntries(accepted.map((key) => [`subscriptions.${key}`, _.inc(1)])) });
  }
  return { subscriptions: subscriptionCounts(addAccepts(member.subscriptions ?? {}, results)) };
}
