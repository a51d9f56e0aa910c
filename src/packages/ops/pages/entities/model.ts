import type { EntityName } from '@contract/admin';
import { FORMS } from '@/packages/ops/forms';
import { toDoc, toDraft } from '@/packages/ops/form/draft';
import type { EntityInfo } from '@/packages/ops/model/entities';

type Doc = Record<string, unknown>;

/** The words of a switch: 在售/已下架 for products, 在职/停用 for staff, 启用/停用 otherwise. */
export function toggleLabels(entity: EntityName): { on: string; off: string; turnOn: string; turnOff: string } {
  if (entity === 'product') return { on: '在售', off: '已下架', turnOn: '上架', turnOff: '下架' };
  if (entity === 'staff') return { on: '在职', off: '停用', turnOn: '启用', turnOff: '停用' };
  return { on: '启用', off: '停用', turnOn: '启用', turnOff: '停用' };
}

/** What turning it off means, said before it happens. */
export function toggleConfirm(info: EntityInfo, title: string, turningOn: boolean): { title: string; content: string; confirmText: string } {
  const words = toggleLabels(info.entity);
  const verb = turningOn ? words.turnOn : words.turnOff;
  const effect: Partial<Record<EntityName, [string, string]>> = {
    product: ['会员将可以在门店购买它', '会员将看不到也买不到它，已下的订单不受影响'],
    staff: ['TA 将恢复门店店员的权限', 'TA 将立即失去店员权限（核销、工作台）'],
    couponTemplate: ['券将重新可领、可发放', '券将不再可领、不再发放，已发出的券仍可使用'],
    priceList: ['价目表将按时间窗口生效', '价目表的价格将立即失效'],
    banner: ['轮播图将按时间展示', '轮播图将不再展示'],
  };
  const [onText, offText] = effect[info.entity] ?? ['', ''];
  return { title: `${verb}${info.title}`, content: `确定${verb}「${title}」？${turningOn ? onText : offText}`, confirmText: verb };
}

/** The document to save with its switch flipped: its own fields only (never a template's `issued`). */
export function flipped(info: EntityInfo, doc: Doc, on: boolean): Doc {
  const form = FORMS[info.entity];
  const draft = toDraft(form.fields, form.prepare ? form.prepare(doc) : doc);
  return toDoc(form.fields, { ...draft, [info.toggle as string]: on }).doc;
}
