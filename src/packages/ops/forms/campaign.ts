import type { FormSpec } from '../form/spec';

const BENEFIT_KINDS = [
  { value: 'coupon', label: '优惠券' },
  { value: 'points', label: '积分' },
];

/** 活动 (千人千券): who gets what, from when, once or every week, and whether members are told. */
export const campaignForm: FormSpec = {
  blank: () => ({ audience: { all: true }, benefits: [{ kind: 'coupon' }] }),
  facts: (doc) => (doc.paused === true ? ['已被暂停：保存不会恢复，请在执行情况页点「立即执行」'] : []),
  fields: [
    { path: 'campaignId', label: '活动编号', kind: 'text', id: true, required: true },
    { path: 'name', label: '活动名称', kind: 'text', required: true, maxLength: 40, hint: '显示在活动权益到账消息中' },
    { path: 'audience', label: '活动人群', kind: 'campaignAudience' },
    {
      path: 'benefits',
      label: '权益',
      kind: 'group',
      item: '权益',
      max: 10,
      newItem: () => ({ kind: 'coupon' }),
      fields: [
        { path: 'kind', label: '类型', kind: 'select', options: BENEFIT_KINDS, required: true },
        { path: 'templateId', label: '优惠券', kind: 'ref', entity: 'couponTemplate', required: true, when: (d) => d.kind === 'coupon' },
        { path: 'points', label: '积分数', kind: 'int', required: true, when: (d) => d.kind === 'points' },
      ],
    },
    { path: 'startAt', label: '开始时间', kind: 'instant', required: true, section: '执行' },
    { path: 'repeat', label: '重复', kind: 'select', options: [{ value: '', label: '仅一次' }, { value: 'weekly', label: '每周（分层完成后）' }] },
    { path: 'notify', label: '发送活动权益到账消息', kind: 'bool' },
  ],
};
