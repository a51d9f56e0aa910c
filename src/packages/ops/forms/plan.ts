import type { FormSpec } from '../form/spec';
import { optionsOf, PLAN_OPTION_NAMES } from '../model/labels';

/** 付费卡: a plan's yearly fee and what it gives every month, every week and on the birthday. */
export const planForm: FormSpec = {
  blank: () => ({ plan: 'lite', monthlyPack: [], weeklyGift: [] }),
  fields: [
    { path: 'plan', label: '卡种', kind: 'select', options: optionsOf(PLAN_OPTION_NAMES), id: true, required: true },
    { path: 'name', label: '名称', kind: 'text', maxLength: 20, placeholder: '不填使用默认名称' },
    { path: 'priceFen', label: '年费', kind: 'fen', required: true },
    { path: 'monthlyPack', label: '每月礼包', kind: 'refs', entity: 'couponTemplate', required: true },
    { path: 'weeklyGift', label: '每周好礼', kind: 'refs', entity: 'couponTemplate', required: true },
    { path: 'birthdayTemplateId', label: '生日券', kind: 'ref', entity: 'couponTemplate' },
  ],
};
