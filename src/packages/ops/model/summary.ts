import type { EntityName } from '@contract/admin';
import { CATEGORY_NAMES } from '@core/categories';
import { audienceText, campaignAudienceText, couponTermsText, edgeText, validityText, weekdaysText, windowText, yuan } from './format';
import { PLAN_OPTION_NAMES, ROLE_NAMES, tierName } from './labels';

/** One row of an entity's list: its name, the figures an operator looks for, and its state. */
export interface RowSummary {
  title: string;
  lines: string[];
  /** A state worth a tag (已暂停, 有图); the on/off switch shows 启用/停用 itself. */
  tag?: string;
}

type Doc = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');

const SUMMARIES: Record<EntityName, (d: Doc) => RowSummary> = {
  store: (d) => ({ title: s(d.name), lines: [s(d.address), join(s(d.hours), s(d.phone))].filter(Boolean) }),
  staff: (d) => ({ title: s(d.name) || s(d.openid), lines: [join(ROLE_NAMES[s(d.role)] ?? s(d.role), `门店 ${s(d.storeId)}`), s(d.openid)] }),
  product: (d) => {
    const tiers = (d.memberPriceFen ?? {}) as Record<string, number>;
    const member = (['silver', 'gold', 'diamond'] as const).filter((t) => typeof tiers[t] === 'number').map((t) => `${tierName(t)} ${yuan(tiers[t])}`);
    return {
      title: s(d.name),
      lines: [join(s(d.unit), CATEGORY_NAMES[s(d.category)] ?? s(d.category)), join(`零售价 ${yuan(d.listPriceFen)}`, ...member, typeof d.paidPriceFen === 'number' ? `心享价 ${yuan(d.paidPriceFen)}` : '')],
      tag: d.imageFileId ? '有图' : undefined,
    };
  },
  priceList: (d) => {
    const w = (d.window ?? {}) as Doc;
    const items = Array.isArray(d.items) ? (d.items as Doc[]) : [];
    const limited = items.filter((i) => typeof i.totalQty === 'number').length;
    return { title: s(d.name), lines: [audienceText(d.audience), join(windowText(w.from, w.to), weekdaysText(w.weekdays)), join(`${items.length} 个商品`, limited ? `${limited} 个限量` : '')] };
  },
  couponTemplate: (d) => {
    const issued = Number(d.issued ?? 0);
    const stock = typeof d.totalStock === 'number' ? `已发 ${issued} / ${d.totalStock} 张` : `已发 ${issued} 张（不限量）`;
    return {
      title: s(d.name),
      lines: [join(couponTermsText(d), validityText(d.validity)), join(stock, typeof d.perMemberLimit === 'number' ? `每人限 ${d.perMemberLimit} 张` : ''), join(d.claimable ? '领券中心' : '', typeof d.pointsCost === 'number' ? `${d.pointsCost} 积分兑换` : '', d.audience ? audienceText(d.audience) : '')].filter(Boolean),
    };
  },
  liveSession: (d) => ({ title: s(d.title), lines: [windowText(d.startAt, d.endAt), join(`直播间 ${s(d.roomId)}`, `${count(d.rewards)} 项奖励`, audienceText(d.audience))] }),
  plan: (d) => ({
    title: s(d.name) || PLAN_OPTION_NAMES[s(d.plan)] || s(d.plan),
    lines: [`年费 ${yuan(d.priceFen)}`, join(`每月礼包 ${count(d.monthlyPack)} 张`, `每周好礼 ${count(d.weeklyGift)} 张`, d.birthdayTemplateId ? '生日券' : '')],
  }),
  tierBenefit: (d) => ({ title: tierName(d.tier), lines: [join(`升级礼包 ${count(d.upgradePack)} 张`, d.birthdayTemplateId ? `生日券 ${s(d.birthdayTemplateId)}` : '')] }),
  segmentRules: () => ({ title: '分层规则', lines: [] }),
  referralRule: (d) => ({ title: '邀请规则', lines: [`邀请人 ${s(d.inviterTemplateId)} · 新人 ${s(d.inviteeTemplateId)}`] }),
  campaign: (d) => ({
    title: s(d.name),
    lines: [campaignAudienceText(d.audience), join(`${count(d.benefits)} 项权益`, `开始 ${edgeText(d.startAt)}`, d.repeat === 'weekly' ? '每周' : '一次', d.notify ? '通知' : '')],
    tag: d.paused === true ? '已暂停' : undefined,
  }),
  banner: (d) => {
    const w = (d.window ?? {}) as Doc;
    return { title: s(d.title), lines: [s(d.link), join(windowText(w.from, w.to), audienceText(d.audience), typeof d.sort === 'number' ? `排序 ${d.sort}` : '')] };
  },
};

export function rowSummary(entity: EntityName, doc: Doc): RowSummary {
  return SUMMARIES[entity](doc);
}
