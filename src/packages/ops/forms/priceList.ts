import type { FormSpec } from '../form/spec';
import { WEEKDAY_OPTIONS } from '../model/labels';

/** 价目表: prices for an audience in a window (a weekly member day too), optionally limited. */
export const priceListForm: FormSpec = {
  blank: () => ({ audience: { type: 'group' }, items: [{}], active: true }),
  fields: [
    { path: 'priceListId', label: '价目表编号', kind: 'text', id: true, required: true },
    { path: 'name', label: '名称', kind: 'text', required: true, maxLength: 40, hint: '显示为价格的理由，如 群专享' },
    { path: 'audience', label: '适用人群', kind: 'audience', optional: false },
    { path: 'window.from', label: '开始日期', kind: 'date', required: true, section: '生效时间' },
    { path: 'window.to', label: '结束日期', kind: 'date', required: true, hint: '含当天' },
    { path: 'window.weekdays', label: '仅限星期', kind: 'multi', options: WEEKDAY_OPTIONS, numeric: true, hint: '不选则每天有效，如每周三会员日' },
    {
      path: 'items',
      label: '商品价格',
      kind: 'group',
      item: '商品',
      max: 200,
      newItem: () => ({}),
      fields: [
        { path: 'skuId', label: '商品', kind: 'ref', entity: 'product', required: true },
        { path: 'priceFen', label: '价格', kind: 'fen', required: true },
        { path: 'totalQty', label: '限量（件）', kind: 'int', hint: '所有会员合计，不填不限' },
        { path: 'perMemberQty', label: '每人限购（件）', kind: 'int' },
      ],
    },
    { path: 'active', label: '启用', kind: 'bool', absent: true },
  ],
};
