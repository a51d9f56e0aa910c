import type { NoticeKey } from '@contract/vocabulary';
import { callCloud } from './cloud';

/**
 * What both platforms do with the member's answer to a consent sheet (subscribe.weapp.ts: WeChat's
 * own; subscribe.h5.ts: the preview's stand-in).
 */

/** Accepts left per kind of message, as member.subscribe and member.profile answer them. */
export type NoticeCounts = Record<NoticeKey, number>;

/** What the member answered for one kind: 允许, 取消 (or unticked), or a template the platform blocked. */
export type NoticeAnswer = 'accept' | 'reject' | 'ban';

export type NoticeAnswers = Partial<Record<NoticeKey, NoticeAnswer>>;

/** WeChat shows three kinds at most in one consent sheet: each moment asks for no more. */
export const KINDS_PER_ASK = 3;

/** The kinds one moment asks for: no repeats, three at most. */
export function kindsToAsk(keys: readonly NoticeKey[]): NoticeKey[] {
  return [...new Set(keys)].slice(0, KINDS_PER_ASK);
}

export const anyAccepted = (answers: NoticeAnswers): boolean => Object.values(answers).includes('accept');

/**
 * Tells the member function what the member answered, so the shop sends as many messages as were
 * allowed. Only an accept changes anything, so nothing is sent (null) when none was given.
 */
export async function reportAnswers(answers: NoticeAnswers): Promise<NoticeCounts | null> {
  if (!anyAccepted(answers)) return null;
  const { subscriptions } = await callCloud('member', { action: 'subscribe', results: answers });
  return subscriptions;
}
