import Taro from '@tarojs/taro';
import type { NoticeKey } from '@contract/vocabulary';
import { NOTICE_TEMPLATE_IDS, noticeKeyOf } from '@/config/notices';
import { kindsToAsk, reportAnswers, type NoticeAnswers, type NoticeCounts } from './subscribeAnswers';

/**
 * WeChat's answer, `{ [templateId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }`, by kind.
 * 'filter' (WeChat dropped a template whose title repeats another's) and a template missing from
 * the answer count as reject.
 */
export function answersFromWeChat(asked: readonly NoticeKey[], reply: Record<string, unknown>): NoticeAnswers {
  const answers: NoticeAnswers = Object.fromEntries(asked.map((key) => [key, 'reject']));
  for (const [templateId, answer] of Object.entries(reply)) {
    const key = noticeKeyOf(templateId);
    if (!key || !asked.includes(key)) continue;
    if (answer === 'accept' || answer === 'ban') answers[key] = answer;
  }
  return answers;
}

/** Mini-program: WeChat's own consent sheet (see subscribe.ts). */
export async function askSubscribe(keys: NoticeKey[]): Promise<NoticeCounts | null> {
  const asked = kindsToAsk(keys);
  if (!asked.length) return null;
  try {
    // Called before any await: WeChat opens the sheet only while the tap is being handled.
    const tmplIds = asked.map((key) => NOTICE_TEMPLATE_IDS[key]);
    const reply = await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option);
    return await reportAnswers(answersFromWeChat(asked, reply as Record<string, unknown>));
  } catch {
    // 20004: the member turned subscribe messages off (设置 → 订阅消息); anything else: ask next time.
    return null;
  }
}
