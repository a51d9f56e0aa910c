import type { EntityName } from '@contract/admin';
import { ENTITY_NAMES } from './labels';

/** How the console treats each entity: its id field, its on/off switch, whether it is one rule set. */
export interface EntityInfo {
  entity: EntityName;
  title: string;
  /** The field naming a document (none for a rule set: one document). */
  idField: string | null;
  /** The switch the list flips (product: onSale); absent means on. */
  toggle?: 'active' | 'onSale';
}

const ID_FIELDS: Record<EntityName, string | null> = {
  store: 'storeId',
  staff: 'openid',
  product: 'skuId',
  priceList: 'priceListId',
  couponTemplate: 'templateId',
  liveSession: 'sessionId',
  plan: 'plan',
  tierBenefit: 'tier',
  segmentRules: null,
  referralRule: null,
  campaign: 'campaignId',
  banner: 'bannerId',
};

const TOGGLES: Partial<Record<EntityName, 'active' | 'onSale'>> = {
  staff: 'active',
  product: 'onSale',
  priceList: 'active',
  couponTemplate: 'active',
  banner: 'active',
};

export function isEntity(value: unknown): value is EntityName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENTITY_NAMES, value);
}

export function entityInfo(entity: EntityName): EntityInfo {
  return { entity, title: ENTITY_NAMES[entity], idField: ID_FIELDS[entity], toggle: TOGGLES[entity] };
}

export function docId(entity: EntityName, doc: Record<string, unknown>): string {
  const field = ID_FIELDS[entity];
  return field ? String(doc[field] ?? '') : entity;
}

/** Whether the document is switched on (absent counts as on). */
export function isOn(info: EntityInfo, doc: Record<string, unknown>): boolean {
  return info.toggle ? doc[info.toggle] !== false : true;
}

export const OPS_ROOT = '/packages/ops/pages';
export const listUrl = (entity: EntityName) => `${OPS_ROOT}/entities/index?entity=${entity}`;
export const editUrl = (entity: EntityName, id?: string) => `${OPS_ROOT}/edit/index?entity=${entity}${id ? `&id=${encodeURIComponent(id)}` : ''}`;
export const campaignUrl = (id: string) => `${OPS_ROOT}/campaign/index?id=${encodeURIComponent(id)}`;
export const STOCK_URL = `${OPS_ROOT}/stock/index`;
export const AUDIT_URL = `${OPS_ROOT}/audit/index`;
export const DASHBOARD_URL = `${OPS_ROOT}/dashboard/index`;

/** Rule sets are one document: the console opens their form directly. */
export const isRuleSet = (entity: EntityName) => ID_FIELDS[entity] === null;
