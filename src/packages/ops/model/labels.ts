import type { EntityName } from '@contract/admin';
import type { CampaignState } from '@contract/vocabulary';
import { SEGMENT_NAMES, SEGMENTS } from '@core/segment';
import { TIER_NAMES, TIERS } from '@core/tier';

/** The operators' words for what the console shows: entities, roles, states, audiences, triggers. */

export interface Option {
  value: string;
  label: string;
}

export const ENTITY_NAMES: Record<EntityName, string> = {
  store: '门店',
  staff: '员工',
  product: '商品',
  priceList: '价目表',
  couponTemplate: '优惠券',
  liveSession: '直播',
  plan: '付费卡',
  tierBenefit: '等级权益',
  segmentRules: '分层规则',
  referralRule: '邀请规则',
  campaign: '活动',
  banner: '轮播图',
};

/** What audit records name besides the entities: a shelf count, a member's grant. */
const AUDIT_ENTITY_NAMES: Record<string, string> = { stock: '库存', member: '会员' };

export function entityName(entity: string): string {
  return (ENTITY_NAMES as Record<string, string>)[entity] ?? AUDIT_ENTITY_NAMES[entity] ?? entity;
}

const AUDIT_ACTIONS: Record<string, string> = {
  upsert: '保存',
  setStock: '设置库存',
  grant: '发放',
  runCampaign: '执行活动',
  pauseCampaign: '暂停活动',
};

export function auditActionName(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}

export const ROLE_NAMES: Record<string, string> = { clerk: '店员', manager: '店长', admin: '管理员' };

export const CAMPAIGN_STATE_NAMES: Record<CampaignState, string> = {
  scheduled: '未开始',
  running: '进行中',
  paused: '已暂停',
  done: '已完成',
};

export const COUPON_KIND_NAMES: Record<string, string> = { cash: '无门槛', threshold: '满减', discount: '折扣', gift: '赠品' };

export const LIVE_TRIGGER_NAMES: Record<string, string> = { reserve: '预约', enter: '进入直播间', watch: '观看满时长', share: '分享', missed: '错过直播补偿' };

export const AUDIENCE_TYPE_NAMES: Record<string, string> = { group: '指定微信群', segment: '会员分层', tier: '等级及以上', paid: '心享会员', new: '新客（未下单）' };

export const PLAN_OPTION_NAMES: Record<string, string> = { lite: '轻享卡', premium: '尊享卡' };

export const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const optionsOf = (names: Record<string, string>): Option[] => Object.entries(names).map(([value, label]) => ({ value, label }));

export const TIER_OPTIONS: Option[] = TIERS.map((t) => ({ value: t, label: TIER_NAMES[t] }));
export const PAID_TIER_OPTIONS: Option[] = TIER_OPTIONS.filter((t) => t.value !== 'normal');
export const SEGMENT_OPTIONS: Option[] = SEGMENTS.map((s) => ({ value: s, label: `${s} ${SEGMENT_NAMES[s]}` }));
export const WEEKDAY_OPTIONS: Option[] = WEEKDAY_NAMES.map((label, i) => ({ value: String(i + 1), label }));

export function tierName(tier: unknown): string {
  return (TIER_NAMES as Record<string, string>)[String(tier)] ?? String(tier);
}
