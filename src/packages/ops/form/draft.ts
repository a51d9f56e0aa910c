import type { AudienceField, Draft, FieldSpec } from './spec';

/**
 * Between a document and what the form edits. A draft is flat, keyed by each field's path: text for
 * numbers and money (as typed), booleans, string lists, drafts for a group's items, small objects for
 * the audience and validity editors. `toDoc` checks what the client can (required fields, numbers)
 * and builds the document from the fields alone, so facts such as a template's `issued` are never sent.
 */

type Doc = Record<string, unknown>;

export function getPath(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Doc)[key] : undefined), doc);
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = doc;
  keys.slice(0, -1).forEach((key) => {
    if (!at[key] || typeof at[key] !== 'object') at[key] = {};
    at = at[key] as Doc;
  });
  at[keys[keys.length - 1]] = value;
}

/** 1250 → "12.50". */
export function fenToText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "12.5" → 1250 (yuan with at most two decimals, a leading ¥ allowed); null when it is not an amount. */
export function textToFen(text: string): number | null {
  const m = /^¥?\s*(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface AudienceDraft {
  /** '' for everyone (an optional audience left out). */
  type: string;
  values: string[];
  /** The openGIds typed for `group`, one a line. */
  text: string;
}

export interface CampaignAudienceDraft {
  segments: string[];
  tiers: string[];
  paid: '' | 'yes' | 'no';
  groups: string;
  new: '' | 'yes' | 'no';
  all: boolean;
}

export interface ValidityDraft {
  mode: 'days' | 'dates';
  days: string;
  from: string;
  to: string;
}

const lines = (text: string) =>
  text
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const triState = (v: unknown): '' | 'yes' | 'no' => (v === true ? 'yes' : v === false ? 'no' : '');

function rawOf(field: FieldSpec, value: unknown): unknown {
  switch (field.kind) {
    case 'fen':
      return typeof value === 'number' ? fenToText(value) : '';
    case 'int':
    case 'decimal':
      return typeof value === 'number' ? String(value) : '';
    case 'bool':
      return typeof value === 'boolean' ? value : (field.absent ?? false);
    case 'multi':
    case 'refs':
      return Array.isArray(value) ? value.map(String) : [];
    case 'group':
      return Array.isArray(value) ? value.map((item) => toDraft(field.fields, item as Doc)) : [];
    case 'audience': {
      const a = (value ?? {}) as { type?: string; values?: string[] };
      const values = Array.isArray(a.values) ? a.values.map(String) : [];
      return { type: a.type ?? '', values, text: values.join('\n') } satisfies AudienceDraft;
    }
    case 'campaignAudience': {
      const a = (value ?? {}) as Record<string, unknown>;
      const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
      return { segments: list(a.segments), tiers: list(a.tiers), paid: triState(a.paid), groups: list(a.groups).join('\n'), new: triState(a.new), all: a.all === true } satisfies CampaignAudienceDraft;
    }
    case 'validity': {
      const v = (value ?? {}) as { days?: number; from?: string; to?: string };
      if (v.from || v.to) return { mode: 'dates', days: '', from: v.from ?? '', to: v.to ?? '' } satisfies ValidityDraft;
      return { mode: 'days', days: typeof v.days === 'number' ? String(v.days) : '', from: '', to: '' } satisfies ValidityDraft;
    }
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

/** The draft a form starts from: the document's values, as the fields edit them. */
export function toDraft(fields: FieldSpec[], doc: Doc): Draft {
  return Object.fromEntries(fields.map((f) => [f.path, rawOf(f, getPath(doc, f.path))]));
}

export type FieldErrors = Record<string, string>;

const need = (field: FieldSpec) => (['select', 'ref', 'date', 'instant', 'image', 'audience'].includes(field.kind) ? `请选择${field.label}` : `请填写${field.label}`);

/** One field's value for the document: `undefined` leaves it out; a string in `error` is what to fix. */
function valueOf(field: FieldSpec, raw: unknown, key: string, errors: FieldErrors): unknown {
  const fail = (message: string) => {
    errors[key] = message;
    return undefined;
  };
  const text = typeof raw === 'string' ? raw.trim() : '';
  switch (field.kind) {
    case 'bool':
      return raw === true;
    case 'multi':
    case 'refs': {
      const list = Array.isArray(raw) ? (raw as string[]) : [];
      // An array the entity requires may be empty (a plan without a weekly gift): it is sent as [].
      if (list.length === 0) return field.required ? [] : undefined;
      return field.kind === 'multi' && field.numeric ? list.map(Number).sort((a, b) => a - b) : list;
    }
    case 'group':
      return ((raw as Draft[] | undefined) ?? []).map((item, i) => build(field.fields, item, `${key}.${i}.`, errors));
    case 'audience':
      return audienceOf(field, raw as AudienceDraft, fail);
    case 'campaignAudience':
      return campaignAudienceOf(raw as CampaignAudienceDraft, fail);
    case 'validity':
      return validityOf(raw as ValidityDraft, fail);
    default:
      break;
  }
  if (!text) return field.required ? fail(need(field)) : undefined;
  switch (field.kind) {
    case 'fen': {
      const fen = textToFen(text);
      return fen === null ? fail(`${field.label}请填写金额（元），如 12.50`) : fen;
    }
    case 'int':
      return /^-?\d+$/.test(text) ? Number(text) : fail(`${field.label}须为整数`);
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : fail(`${field.label}须为数字`);
    default:
      return text;
  }
}

function audienceOf(field: AudienceField, a: AudienceDraft, fail: (m: string) => undefined): unknown {
  if (!a?.type) return field.optional ? undefined : fail(`请选择${field.label}`);
  if (a.type === 'paid' || a.type === 'new') return { type: a.type };
  const values = a.type === 'group' ? lines(a.text) : a.values;
  if (values.length === 0) return fail(a.type === 'group' ? '请填写微信群（openGId），一行一个' : a.type === 'tier' ? '请选择最低等级' : '请选择会员分层');
  return { type: a.type, values: a.type === 'tier' ? values.slice(0, 1) : values };
}

function campaignAudienceOf(a: CampaignAudienceDraft, fail: (m: string) => undefined): unknown {
  const out: Doc = {};
  if (a.segments.length) out.segments = a.segments;
  if (a.tiers.length) out.tiers = a.tiers;
  if (a.paid) out.paid = a.paid === 'yes';
  const groups = lines(a.groups);
  if (groups.length) out.groups = groups;
  if (a.new) out.new = a.new === 'yes';
  if (a.all) out.all = true;
  return Object.keys(out).length ? out : fail('请选择活动人群');
}

function validityOf(v: ValidityDraft, fail: (m: string) => undefined): unknown {
  if (v.mode === 'days') {
    if (!/^\d+$/.test(v.days.trim())) return fail('请填写领取后有效天数（整数）');
    return { days: Number(v.days.trim()) };
  }
  if (!v.from || !v.to) return fail('请选择有效期的开始和结束日期');
  return { from: v.from, to: v.to };
}

function build(fields: FieldSpec[], draft: Draft, prefix: string, errors: FieldErrors): Doc {
  const doc: Doc = {};
  for (const field of fields) {
    if (field.when && !field.when(draft)) continue;
    const value = valueOf(field, draft[field.path], prefix + field.path, errors);
    if (value !== undefined) setPath(doc, field.path, value);
  }
  return doc;
}

/** The document to send, or what to fix first (keyed like the server's `details.field`). */
export function toDoc(fields: FieldSpec[], draft: Draft): { doc: Doc; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const doc = build(fields, draft, '', errors);
  return { doc, errors };
}

/** Every field's key as the server names it (`items.0.priceFen` inside a group), in the form's order. */
export function fieldKeys(fields: FieldSpec[], draft: Draft, prefix = ''): string[] {
  return fields.flatMap((f) => {
    if (f.when && !f.when(draft)) return [];
    const key = prefix + f.path;
    if (f.kind !== 'group') return [key];
    const items = (draft[f.path] as Draft[] | undefined) ?? [];
    return [key, ...items.flatMap((item, i) => fieldKeys(f.fields, item, `${key}.${i}.`))];
  });
}

/** The field a server error belongs beside: the one the dotted path names, or the nearest one holding it; null for none. */
export function anchorOf(field: string, keys: string[]): string | null {
  let best: string | null = null;
  for (const key of keys) {
    if ((field === key || field.startsWith(`${key}.`)) && (!best || key.length > best.length)) best = key;
  }
  return best;
}
