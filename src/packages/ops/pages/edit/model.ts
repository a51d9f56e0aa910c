import type { EntityName } from '@contract/admin';
import { FORMS } from '@/packages/ops/forms';
import type { FieldSpec, RefEntity } from '@/packages/ops/form/spec';
import type { Option } from '@/packages/ops/model/labels';
import type { RefOptions } from '@/packages/ops/components/entity-form';

type Doc = Record<string, unknown>;

/** The entities a form picks from (a price list's products, a plan's coupons), its groups' fields included. */
export function refEntitiesOf(fields: FieldSpec[]): RefEntity[] {
  const found = new Set<RefEntity>();
  const walk = (list: FieldSpec[]) =>
    list.forEach((f) => {
      if (f.kind === 'ref' || f.kind === 'refs') found.add(f.entity);
      if (f.kind === 'group') walk(f.fields);
    });
  walk(fields);
  return [...found];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** How a picked document reads: its name and id. */
export function refOption(entity: RefEntity, doc: Doc): Option {
  switch (entity) {
    case 'couponTemplate':
      return { value: str(doc.templateId), label: `${str(doc.name)}（${str(doc.templateId)}）${doc.active === false ? ' · 已停用' : ''}` };
    case 'product':
      return { value: str(doc.skuId), label: `${str(doc.name)} ${str(doc.unit)}（${str(doc.skuId)}）` };
    default:
      return { value: str(doc.storeId), label: `${str(doc.name)}（${str(doc.storeId)}）` };
  }
}

export const NO_REFS: RefOptions = {
  couponTemplate: { options: [], loading: false },
  product: { options: [], loading: false },
  store: { options: [], loading: false },
};

/** Where a new photo of this document goes: products/<skuId>-<time>.jpg. */
export function photoCloudPath(folder: string, id: string, now: number): string {
  const safe = id.replace(/[^A-Za-z0-9_.-]/g, '-') || 'new';
  return `${folder}/${safe}-${now}.jpg`;
}

/** The document a form starts from: the saved one (a rule set's missing parts at their defaults), or a blank. */
export function startingDoc(entity: EntityName, saved: Doc | null): Doc {
  const form = FORMS[entity];
  if (!saved) return form.blank();
  return form.prepare ? form.prepare(saved) : saved;
}
