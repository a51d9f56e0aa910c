/**
 * Asking the member to allow subscribe messages (订阅消息). Taro picks the platform file at build
 * time: subscribe.weapp.ts (wx.requestSubscribeMessage, WeChat's consent sheet) or subscribe.h5.ts
 * (the preview's stand-in sheet). This file only gives TypeScript the shared signature; no build
 * should ever bundle it.
 */
import type { NoticeKey } from '@contract/vocabulary';
import type { NoticeCounts } from './subscribeAnswers';

/**
 * Shows the consent sheet for these kinds (three at most, as WeChat allows) and reports the answer
 * with member.subscribe. Call it inside the member's tap, before the step the messages are about
 * (paying, reserving): WeChat opens the sheet only from a tap. Resolves to the accepts now left per
 * kind, or null when nothing was accepted or asking failed (subscriptions turned off in WeChat's
 * settings, no network); it never rejects, so it never stops a purchase or a reservation.
 */
export function askSubscribe(keys: NoticeKey[]): Promise<NoticeCounts | null> {
  return Promise.reject(new Error(`no subscribe messages for platform ${process.env.TARO_ENV} (${keys.join(',')})`));
}
