import type { FormSpec } from '../form/spec';

/** 邀请规则: the coupon each side gets when the invitee's first order is paid. */
export const referralRuleForm: FormSpec = {
  // The defaults the functions use while no rule is saved (made on first use).
  blank: () => ({ inviterTemplateId: 'sys-referral-inviter', inviteeTemplateId: 'sys-referral-invitee' }),
  fields: [
    { path: 'inviterTemplateId', label: '邀请人得券', kind: 'ref', entity: 'couponTemplate', required: true, hint: '默认：邀请有礼 ¥10 无门槛券' },
    { path: 'inviteeTemplateId', label: '新人得券', kind: 'ref', entity: 'couponTemplate', required: true, hint: '默认：新人礼 满59减10' },
  ],
};
