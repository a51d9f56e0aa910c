import { DEFAULT_SEGMENT_RULES } from '@core/segment';
import type { FieldSpec, FormSpec } from '../form/spec';

/** A whole number the rule needs (days, orders, a weight). */
const whole = (path: string, label: string, extra: { section?: string; hint?: string } = {}): FieldSpec => ({ path, label, kind: 'int', required: true, ...extra });

/** 分层规则: the RFM+X thresholds, every part given whole (it starts from the defaults); applies from next week's run. */
export const segmentRulesForm: FormSpec = {
  blank: () => ({ ...DEFAULT_SEGMENT_RULES }),
  prepare: (doc) => ({ ...DEFAULT_SEGMENT_RULES, ...doc }),
  fields: [
    whole('windowDays', '统计窗口（天）', { hint: '频次、金额和影响力按最近多少天统计；修改从下周的分层开始生效' }),
    whole('xWeights.invitee', '邀请首单权重', { section: '影响力 X 的权重' }),
    whole('xWeights.order', '分享成交权重'),
    whole('xWeights.visitor', '分享访客权重'),
    whole('S1.maxR', '最近消费不超过（天）', { section: 'S1 钻石核心' }),
    whole('S1.minF', '消费次数至少'),
    { path: 'S1.minMFen', label: '消费金额至少', kind: 'fen', required: true },
    whole('S2.maxR', '最近消费不超过（天）', { section: 'S2 忠诚复购' }),
    whole('S2.minF', '消费次数至少'),
    { path: 'S2.minMFen', label: '消费金额至少', kind: 'fen', required: true },
    whole('S3.maxR', '最近消费不超过（天）', { section: 'S3 高潜成长' }),
    whole('S3.minF', '消费次数至少'),
    whole('S3.minX', '影响力至少'),
    whole('S5.minX', '影响力至少', { section: 'S5 KOC 影响者' }),
    whole('S6.minRExclusive', '唯一一单距今超过（天）', { section: 'S6 沉睡新客' }),
  ],
};
