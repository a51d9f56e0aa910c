import type { EntityName } from '@contract/admin';
import type { FormSpec } from '../form/spec';
import { bannerForm } from './banner';
import { campaignForm } from './campaign';
import { couponTemplateForm } from './couponTemplate';
import { liveSessionForm } from './liveSession';
import { planForm } from './plan';
import { priceListForm } from './priceList';
import { productForm } from './product';
import { referralRuleForm } from './referralRule';
import { segmentRulesForm } from './segmentRules';
import { staffForm } from './staff';
import { storeForm } from './store';
import { tierBenefitForm } from './tierBenefit';

/** Each entity's form: every field docs/api.md lists for it under "Admin entities". */
export const FORMS: Record<EntityName, FormSpec> = {
  store: storeForm,
  staff: staffForm,
  product: productForm,
  priceList: priceListForm,
  couponTemplate: couponTemplateForm,
  liveSession: liveSessionForm,
  plan: planForm,
  tierBenefit: tierBenefitForm,
  segmentRules: segmentRulesForm,
  referralRule: referralRuleForm,
  campaign: campaignForm,
  banner: bannerForm,
};
