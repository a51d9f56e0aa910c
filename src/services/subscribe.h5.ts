import type { NoticeKey } from '@contract/vocabulary';
import { openSubscribeSheet } from '@/components/subscribe-sheet';
import { NOTICE_TEMPLATE_IDS } from '@/config/notices';
import { currentPersona } from '@/dev/personas';
import { setWeChatAccepts } from '@/dev/wechatInbox';
import { kindsToAsk, reportAnswers, type NoticeCounts } from './subscribeAnswers';

/**
 * H5 preview: a browser has no WeChat consent sheet, so the preview's stand-in (SubscribeSheet)
 * asks. 允许 reports the answer with member.subscribe and then plays WeChat's part: the local cloud's
 * WeChat side allows the persona the same number of messages per template as the shop now counts,
 * so what the shop sends is delivered. 取消 changes nothing anywhere.
 */
export async function askSubscribe(keys: NoticeKey[]): Promise<NoticeCounts | null> {
  const asked = kindsToAsk(keys);
  if (!asked.length) return null;
  try {
    const answers = await openSubscribeSheet(asked);
    const counts = answers ? await reportAnswers(answers) : null;
    if (!answers || !counts) return null;
    const { openid } = currentPersona();
    const accepted = asked.filter((key) => answers[key] === 'accept');
    await Promise.all(accepted.map((key) => setWeChatAccepts(openid, NOTICE_TEMPLATE_IDS[key], counts[key])));
    return counts;
  } catch {
    return null;
  }
}
