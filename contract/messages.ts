import type { z } from 'zod';

/**
 * What a member, a clerk or an operator reads when a request fails its schema: one short Chinese
 * sentence naming the field in the shop's words ("数量须为整数"), never zod's English, an enum's
 * list of options, or a field's code name. Used by every function's handler and by forms that
 * validate as the server does, so both say the same thing.
 */
export const FIELD_LABELS: Record<string, string> = {
  action: '操作',
  storeId: '门店',
  skuId: '商品',
  skuIds: '适用商品',
  items: '商品清单',
  qty: '数量',
  couponId: '优惠券',
  points: '积分',
  liveSessionId: '直播场次',
  requestId: '请求编号',
  orderId: '订单',
  reason: '原因',
  status: '状态',
  code: '取货码',
  birthday: '生日',
  cloudID: '群信息',
  kind: '类型',
  cursor: '翻页位置',
  templateId: '优惠券',
  sessionId: '直播场次',
  plan: '会员卡',
  entity: '资料类型',
  doc: '资料',
  openid: '会员',
  stock: '库存',
  days: '天数',
  grantId: '发放编号',
  name: '名称',
  category: '分类',
  categories: '适用分类',
  unit: '规格',
  listPriceFen: '原价',
  memberPriceFen: '会员价',
  silver: '银卡',
  gold: '金卡',
  diamond: '钻卡',
  paidPriceFen: '心享价',
  noExtraDiscount: '不参与折上折',
  priceFen: '价格',
  valueFen: '面额',
  thresholdFen: '使用门槛',
  payPercent: '折扣',
  maxDiscountFen: '最高优惠',
  giftSkuId: '赠品',
  validity: '有效期',
  from: '开始日期',
  to: '结束日期',
  window: '生效时间',
  weekdays: '星期',
  scope: '适用范围',
  audience: '适用人群',
  type: '人群类型',
  values: '人群',
  totalStock: '总库存',
  perMemberLimit: '每人限领',
  pointsCost: '兑换所需积分',
  claimable: '可领取',
  active: '启用',
  title: '标题',
  roomId: '直播间',
  startAt: '开始时间',
  endAt: '结束时间',
  rewards: '直播奖励',
  trigger: '奖励时机',
  minutes: '观看分钟数',
  monthlyPack: '月度券包',
  weeklyGift: '每周惊喜礼',
  birthdayTemplateId: '生日券',
  tier: '等级',
  upgradePack: '升级礼包',
  role: '岗位',
  address: '地址',
  q: '搜索词',
  location: '位置',
  lat: '纬度',
  lng: '经度',
  priceListId: '价目表',
  totalQty: '限量',
  perMemberQty: '每人限购',
};

type Issue = z.core.$ZodIssue & { input?: unknown };

const hasChinese = (text: string | undefined) => !!text && /[\u4e00-\u9fff]/.test(text);

/** The field an issue is about, in the shop's words: `items.0.qty` → 商品清单第1项的数量. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (parts.length) parts[parts.length - 1] += `第${segment + 1}项`;
      else parts.push(`第${segment + 1}项`);
    } else if (segment !== 'doc') {
      // `doc` only wraps an operator's entity: its fields speak for themselves.
      parts.push(FIELD_LABELS[String(segment)] ?? '参数');
    }
  }
  return parts.join('的') || '请求';
}

const TYPE_WORDS: Record<string, string> = { int: '整数', number: '数字', string: '文字', boolean: '是或否', array: '列表', object: '一组资料', date: '时间' };

function bound(issue: { origin?: string; minimum?: unknown; maximum?: unknown }, side: 'min' | 'max'): string {
  const n = String(side === 'min' ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return side === 'min' ? (n === '1' ? '不能为空' : `至少 ${n} 个字`) : `最多 ${n} 个字`;
    case 'array':
    case 'set':
      return side === 'min' ? (n === '1' ? '至少选一项' : `至少 ${n} 项`) : `最多 ${n} 项`;
    default:
      return side === 'min' ? `不能小于 ${n}` : `不能大于 ${n}`;
  }
}

/** One issue as a short Chinese sentence. */
export function issueMessage(issue: Issue): string {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length === 0) return '请求格式不正确';
      if (!('input' in issue) || issue.input === undefined) return `请填写${label}`;
      return `${label}须为${TYPE_WORDS[issue.expected] ?? '正确的格式'}`;
    case 'too_small':
      return `${label}${bound(issue, 'min')}`;
    case 'too_big':
      return `${label}${bound(issue, 'max')}`;
    case 'invalid_format':
      return hasChinese(issue.message) ? `${label}${issue.message}` : `${label}格式不正确`;
    case 'invalid_value':
      return `${label}不在可选范围内`;
    case 'invalid_union':
      // A discriminated union names its discriminator: an action nobody offers.
      if ((issue as { discriminator?: string }).discriminator === 'action' || issue.path[issue.path.length - 1] === 'action') return '不支持的操作';
      return `${label}格式不正确`;
    case 'unrecognized_keys':
      return issue.path.length ? `${label}中有不支持的内容` : '请求中有不支持的内容';
    case 'custom':
      return hasChinese(issue.message) ? issue.message : `${label}不正确`;
    default:
      return `${label}格式不正确`;
  }
}

/** The message of a failed parse: its first issue (the one a person fixes first). */
export function validationMessage(issues: readonly Issue[]): string {
  return issues.length ? issueMessage(issues[0]) : '请求格式不正确';
}
