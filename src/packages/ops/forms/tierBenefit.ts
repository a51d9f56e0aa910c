import type { FormSpec } from '../form/spec';
import { PAID_TIER_OPTIONS } from '../model/labels';

/** 等级权益: the upgrade pack a tier gives once, and its birthday coupon. */
export const tierBenefitForm: FormSpec = {
  blank: () => ({ tier: 'silver', upgradePack: [] }),
  fields: [
    { path: 'tier', label: '等级', kind: 'select', options: PAID_TIER_OPTIONS, id: true, required: true },
    { path: 'upgradePack', label: '升级礼包', kind: 'refs', entity: 'couponTemplate', required: true, hint: '首次达到该等级时发放一次' },
    { path: 'birthdayTemplateId', label: '生日券', kind: 'ref', entity: 'couponTemplate' },
  ],
};
