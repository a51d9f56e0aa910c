import { NOTICE_KEYS, type NoticeKey } from '@contract/vocabulary';

/**
 * The subscribe messages (订阅消息) the shop sends, as the app asks for them: each kind's template id
 * (picked in the WeChat console, 订阅消息 → 我的模板) and its title as WeChat's consent sheet shows it.
 *
 * The ids come from the build: Taro inlines the TARO_APP_… variables of the project's .env files
 * (`.env.production`: TARO_APP_TPL_PAID=…). They must be the same ids the functions send with (their
 * TPL_… console variables). Without one, the kind uses the local cloud's template, `local-tpl-<kind>`.
 */

/** A variable Taro did not inline reads `process`, which the mini-program does not have: the local template then. */
function fromBuild(read: () => string | undefined, key: NoticeKey): string {
  try {
    return read() || `local-tpl-${key}`;
  } catch {
    return `local-tpl-${key}`;
  }
}

// Each variable is spelled out in full: that is what Taro's build replaces.
export const NOTICE_TEMPLATE_IDS: Readonly<Record<NoticeKey, string>> = {
  paid: fromBuild(() => process.env.TARO_APP_TPL_PAID, 'paid'),
  liveStarting: fromBuild(() => process.env.TARO_APP_TPL_LIVE_STARTING, 'liveStarting'),
  tierExpiring: fromBuild(() => process.env.TARO_APP_TPL_TIER_EXPIRING, 'tierExpiring'),
  couponExpiring: fromBuild(() => process.env.TARO_APP_TPL_COUPON_EXPIRING, 'couponExpiring'),
  refundDone: fromBuild(() => process.env.TARO_APP_TPL_REFUND_DONE, 'refundDone'),
  tierChanged: fromBuild(() => process.env.TARO_APP_TPL_TIER_CHANGED, 'tierChanged'),
  campaignGift: fromBuild(() => process.env.TARO_APP_TPL_CAMPAIGN_GIFT, 'campaignGift'),
};

/** Each message's title, as the consent sheet and WeChat's 服务通知 show it. */
export const NOTICE_TITLES: Readonly<Record<NoticeKey, string>> = {
  paid: '支付成功通知',
  liveStarting: '直播开播提醒',
  tierExpiring: '会员等级到期提醒',
  couponExpiring: '优惠券到期提醒',
  refundDone: '退款成功通知',
  tierChanged: '会员等级变更通知',
  campaignGift: '活动权益到账通知',
};

/** Which kind of message a template id is (WeChat answers by template id), or null for another template. */
export function noticeKeyOf(templateId: string): NoticeKey | null {
  return NOTICE_KEYS.find((key) => NOTICE_TEMPLATE_IDS[key] === templateId) ?? null;
}
