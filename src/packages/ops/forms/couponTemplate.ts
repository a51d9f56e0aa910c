import { CATEGORY_NAMES } from '@core/categories';
import type { Draft, FormSpec } from '../form/spec';
import { COUPON_KIND_NAMES, optionsOf } from '../model/labels';

const kindIs =
  (...kinds: string[]) =>
  (d: Draft) =>
    kinds.includes(String(d.kind));

/** 优惠券 (券模板): its terms by kind, validity, scope, audience, stock and limits, where it is offered. */
export const couponTemplateForm: FormSpec = {
  blank: () => ({ kind: 'cash', validity: { days: 30 }, active: true }),
  facts: (doc) => [`已发放 ${Number(doc.issued ?? 0)} 张${typeof doc.totalStock === 'number' ? ` / 共 ${doc.totalStock} 张` : '（不限量）'}`],
  fields: [
    { path: 'templateId', label: '券编号', kind: 'text', id: true, required: true, placeholder: '如 cash-10-new' },
    { path: 'name', label: '券名称', kind: 'text', required: true, maxLength: 40 },
    { path: 'kind', label: '类型', kind: 'select', options: optionsOf(COUPON_KIND_NAMES), required: true },
    { path: 'valueFen', label: '面额', kind: 'fen', when: kindIs('cash', 'threshold'), required: true },
    { path: 'thresholdFen', label: '使用门槛', kind: 'fen', when: kindIs('threshold'), required: true, hint: '满多少可用，须高于面额' },
    { path: 'payPercent', label: '折扣', kind: 'int', when: kindIs('discount'), required: true, hint: '实付百分比，75 即 75折' },
    { path: 'maxDiscountFen', label: '最高优惠', kind: 'fen', when: kindIs('discount') },
    { path: 'giftSkuId', label: '赠品', kind: 'ref', entity: 'product', when: kindIs('gift'), required: true },
    { path: 'validity', label: '有效期', kind: 'validity' },
    { path: 'scope.categories', label: '适用分类', kind: 'multi', options: optionsOf(CATEGORY_NAMES), section: '适用范围（不选则全场通用）' },
    { path: 'scope.skuIds', label: '适用商品', kind: 'refs', entity: 'product' },
    { path: 'audience', label: '可领人群', kind: 'audience', optional: true },
    { path: 'totalStock', label: '发放总量（张）', kind: 'int', section: '发放', hint: '不填则不限量' },
    { path: 'perMemberLimit', label: '每人限领（张）', kind: 'int' },
    { path: 'claimable', label: '在领券中心展示', kind: 'bool' },
    { path: 'pointsCost', label: '积分兑换价（积分）', kind: 'int', hint: '填写后在积分商城上架' },
    { path: 'active', label: '启用', kind: 'bool', absent: true },
  ],
};
