import type { FieldSpec } from '@/packages/ops/form/spec';
import { FORMS } from '@/packages/ops/forms';
import { isEntity } from './entities';
import { yuan } from './format';
import { TIER_NAMES } from '@core/tier';
import { AUDIENCE_TYPE_NAMES } from './labels';

/** What changed in an audited write: each field that differs, by its label, before → after. */
export interface FieldChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

type Doc = Record<string, unknown>;

/** Fields audit records carry besides the forms' own: a shelf count, a grant's request and result. */
const OTHER_LABELS: Record<string, string> = {
  stock: '在架库存',
  kind: '类型',
  points: '积分',
  reason: '原因',
  templateId: '优惠券',
  couponId: '发放的券',
  plan: '卡种',
  days: '天数',
  grantId: '发放编号',
  paidExpiresAt: '会员卡到期',
  openid: '会员',
};

/** The last part of a path inside an editor that is one field (validity, audience). */
const PART_LABELS: Record<string, string> = { days: '天数', from: '开始', to: '结束', type: '类型', values: '范围', segments: '分层', tiers: '等级', paid: '心享会员', groups: '微信群', new: '新客', all: '全部会员' };

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): Record<string, unknown> {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Doc);
    if (entries.length === 0 && prefix) out[prefix] = value;
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out[prefix] = value;
  return out;
}

interface Vocabulary {
  labels: Record<string, string>;
  /** A select's values in words (cash → 无门槛), by the field's generic path. */
  values: Record<string, Record<string, string>>;
}

function vocabularyOf(fields: FieldSpec[], prefix = '', out: Vocabulary = { labels: {}, values: {} }): Vocabulary {
  for (const f of fields) {
    out.labels[prefix + f.path] = f.label;
    if (f.kind === 'select') out.values[prefix + f.path] = Object.fromEntries(f.options.map((o) => [o.value, o.label]));
    if (f.kind === 'audience') out.values[`${prefix}${f.path}.type`] = AUDIENCE_TYPE_NAMES;
    if (f.kind === 'group') vocabularyOf(f.fields, `${prefix}${f.path}.*.`, out);
  }
  return out;
}

const generic = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*');

function labelFor(words: Vocabulary, path: string): string {
  const { labels } = words;
  if (labels[path]) return labels[path];
  const item = /^(.+?)\.(\d+)\.(.+)$/.exec(path);
  if (item && labels[generic(path)]) return `${labels[item[1]] ?? item[1]}第${Number(item[2]) + 1}项 ${labels[generic(path)]}`;
  // Inside one field (validity.days, audience.tiers.0, monthlyPack.1): the nearest labelled field, then its parts.
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n -= 1) {
    const head = parts.slice(0, n).join('.');
    if (!labels[head]) continue;
    const rest = parts.slice(n).filter((p) => !/^\d+$/.test(p));
    return [labels[head], ...rest.map((p) => PART_LABELS[p] ?? p)].join(' · ');
  }
  return OTHER_LABELS[path] ?? OTHER_LABELS[path.replace(/\.\d+$/, '')] ?? path;
}

function valueText(words: Vocabulary, path: string, value: unknown): string {
  if (value === undefined || value === null) return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' && /Fen(\.|$)/.test(path)) return yuan(value);
  const named = typeof value === 'string' ? (words.values[generic(path)]?.[value] ?? (TIER_NAMES as Record<string, string>)[value]) : undefined;
  const text = named ?? (typeof value === 'string' ? value : JSON.stringify(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The fields that differ between before and after (all of after for a new document or a grant). */
export function changesOf(entity: string, before: Doc | null, after: Doc | null): FieldChange[] {
  const words = isEntity(entity) ? vocabularyOf(FORMS[entity].fields) : { labels: {}, values: {} };
  const a = flatten(before ?? {}, '', {});
  const b = flatten(after ?? {}, '', {});
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return paths
    .filter((p) => JSON.stringify(a[p]) !== JSON.stringify(b[p]))
    .map((p) => ({ path: p, label: labelFor(words, p), before: valueText(words, p, a[p]), after: valueText(words, p, b[p]) }));
}
