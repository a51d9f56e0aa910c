import type { NoticeKey } from '@contract/vocabulary';
import { NOTICE_TITLES, noticeKeyOf } from '@/config/notices';

/**
 * WeChat's side of subscribe messages in the H5 preview (never bundled into the mini-program: only
 * H5 files import this). The local cloud that serves the preview (same origin) keeps, as WeChat
 * does, how many messages each user allowed per template (POST /__dev/subscriptions) and every
 * message it delivered (GET /__dev/messages).
 */

/** A message the local cloud delivered, as GET /__dev/messages lists it. */
export interface DeliveredMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  at: string;
}

/** What tapping 允许 does on WeChat's side: the user now allows `count` messages of this template. */
export async function setWeChatAccepts(openid: string, templateId: string, count: number): Promise<void> {
  const res = await fetch('/__dev/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, templateId, count }),
  });
  if (!res.ok) throw new Error(`__dev/subscriptions: HTTP ${res.status}`);
}

/** The messages delivered to this user, newest first. */
export async function messagesFor(openid: string): Promise<DeliveredMessage[]> {
  const res = await fetch('/__dev/messages');
  if (!res.ok) throw new Error(`__dev/messages: HTTP ${res.status}`);
  const all = (await res.json()) as DeliveredMessage[];
  return all.filter((m) => m.touser === openid).sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** Each template's keywords in the shop's words (the fields of the templates picked in the WeChat console). */
const FIELD_LABELS: Record<NoticeKey, Record<string, string>> = {
  paid: { character_string1: '订单号', amount2: '金额', thing3: '门店', character_string4: '取货码', time5: '支付时间' },
  liveStarting: { thing1: '直播主题', time2: '开播时间', thing3: '提示' },
  tierExpiring: { thing1: '等级', date2: '到期日', thing3: '保级提示' },
  couponExpiring: { thing1: '券名', thing2: '优惠', date3: '到期时间', thing4: '提示' },
  refundDone: { character_string1: '订单号', amount2: '退款金额', time3: '时间', thing4: '说明' },
  tierChanged: { thing1: '原等级', thing2: '新等级', time3: '时间', thing4: '说明' },
  campaignGift: { thing1: '活动名称', thing2: '权益内容', time3: '到账时间', thing4: '提示' },
};

export interface MessageView {
  title: string;
  /** "取货码: 12345678", in the template's order. */
  fields: string[];
}

/** A delivered message as WeChat's 服务通知 would show it: the kind's title and each field labelled. */
export function messageView(message: DeliveredMessage): MessageView {
  const key = noticeKeyOf(message.templateId);
  const labels = key ? FIELD_LABELS[key] : {};
  return {
    title: key ? NOTICE_TITLES[key] : message.templateId,
    fields: Object.entries(message.data).map(([keyword, { value }]) => `${labels[keyword] ?? keyword}: ${value}`),
  };
}

/** The tab pages (app.config.ts tabBar): reached with switchTab, which takes no query. */
const TAB_PAGES = ['pages/index/index', 'pages/cart/index', 'pages/orders/index', 'pages/member/index'];

/** How tapping a message opens its page: a tab by switchTab, any other page by navigateTo. */
export function messageTarget(page: string): { tab: boolean; url: string } {
  const path = page.replace(/^\//, '');
  const route = path.split('?')[0];
  return TAB_PAGES.includes(route) ? { tab: true, url: `/${route}` } : { tab: false, url: `/${path}` };
}
