import type { FormSpec } from '../form/spec';
import { LIVE_TRIGGER_NAMES, optionsOf } from '../model/labels';

/** 直播: the session, its room and stream, who may see it, and the coupons it rewards. */
export const liveSessionForm: FormSpec = {
  blank: () => ({ rewards: [] }),
  fields: [
    { path: 'sessionId', label: '场次编号', kind: 'text', id: true, required: true },
    { path: 'title', label: '直播标题', kind: 'text', required: true, maxLength: 60 },
    { path: 'roomId', label: '直播间号', kind: 'text', required: true, maxLength: 64 },
    { path: 'startAt', label: '开始时间', kind: 'instant', required: true },
    { path: 'endAt', label: '结束时间', kind: 'instant', required: true },
    { path: 'streamUrl', label: '直播流地址', kind: 'text', placeholder: 'https:// 或 rtmp:// 开头' },
    { path: 'audience', label: '可见人群', kind: 'audience', optional: true },
    {
      path: 'rewards',
      label: '直播奖励',
      kind: 'group',
      item: '奖励',
      max: 20,
      newItem: () => ({ trigger: 'enter' }),
      fields: [
        { path: 'trigger', label: '触发方式', kind: 'select', options: optionsOf(LIVE_TRIGGER_NAMES), required: true },
        { path: 'minutes', label: '观看分钟数', kind: 'int', when: (d) => d.trigger === 'watch', hint: '不填为 10 分钟' },
        { path: 'templateId', label: '奖励券', kind: 'ref', entity: 'couponTemplate', required: true },
      ],
    },
  ],
};
