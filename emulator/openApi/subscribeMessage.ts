// cloud.openapi.subscribeMessage.send (订阅消息): WeChat's checks and answers, the one-time accepts
// users have given (set through POST /__dev/subscriptions: the local cloud cannot know WeChat's
// per-user consent), and the messages accepted (GET /__dev/messages).
//
// Order of WeChat's checks, each with its errcode:
//   40003 invalid openid          touser missing or malformed
//   40037 invalid template_id     template_id empty, or not one the project declared (when it declares any)
//   47003 argument invalid!       a data value breaking its keyword type's rule, or miniprogram_state not developer/trial/formal
//   43101 user refuse to accept the msg   no accept left for (touser, template_id)
// A successful send uses one accept and is recorded with the local cloud's clock.

import { randomBytes } from 'node:crypto';

/** The keyword types of a subscription template (the prefix of each keyword: thing1, amount2, …). */
export type SubscribeFieldType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase';

export interface SubscribeTemplate {
  /** Keyword → its type, e.g. { thing1: 'thing', amount2: 'amount' }. */
  fields: Record<string, SubscribeFieldType>;
  /** The project's own name for what the template says (`paid`, …): recorded with each message as `key`. */
  key?: string;
}

export interface SentMessage {
  touser: string;
  templateId: string;
  /** The declared template's `key`, when it has one. */
  key?: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** ISO 8601, the local cloud's clock. */
  at: string;
}

/** What WeChat answers (before the SDK turns it into a result or a thrown error). */
export interface WxAnswer {
  errcode: number;
  errmsg: string;
}

export const SUBSCRIBE_ERR = {
  INVALID_OPENID: 40003,
  INVALID_TEMPLATE_ID: 40037,
  ARGUMENT_INVALID: 47003,
  USER_REFUSE: 43101,
} as const;

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const CHINESE = /^[\u4e00-\u9fff]+$/;
const DATE = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})`;
const CLOCK = String.raw`([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?`;

const chars = (s: string) => [...s].length;

/** WeChat's rule for each keyword type (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html). */
const FIELD_RULES: Record<SubscribeFieldType, (v: string) => boolean> = {
  // 20 characters or fewer, anything
  thing: (v) => chars(v) <= 20,
  // 32 digits or fewer, a decimal point allowed
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  // 5 symbols or fewer
  symbol: (v) => chars(v) <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  // 32 letters, digits or symbols or fewer; no Chinese
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  // 24-hour time, optionally after a date: 15:01, 2019年10月1日 15:01
  time: (v) => new RegExp(`^(${DATE} )?${CLOCK}$`).test(v),
  // a date, optionally with a time: 2019年10月1日, 2019-10-01 15:01
  date: (v) => new RegExp(`^${DATE}( ${CLOCK})?$`).test(v),
  // one currency symbol + 10 digits or fewer, decimals allowed, may end with 元: ¥12.50, 12.50元
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v) && !(/^[¥￥$]/.test(v) && v.endsWith('元')),
  // 17 digits or symbols or fewer
  phone_number: (v) => v.length <= 17 && /^[0-9+\-() ]+$/.test(v),
  // 8 characters or fewer; first and last may be Chinese, the rest letters and digits
  car_number: (v) => chars(v) <= 8 && /^[\u4e00-\u9fffA-Za-z0-9][A-Za-z0-9]*[\u4e00-\u9fffA-Za-z0-9]?$/.test(v),
  // 10 Chinese characters or fewer, or 20 letters or fewer
  name: (v) => (CHINESE.test(v) && chars(v) <= 10) || /^[A-Za-z ]{1,20}$/.test(v),
  // 5 Chinese characters or fewer
  phrase: (v) => CHINESE.test(v) && chars(v) <= 5,
};

const FIELD_TYPES = Object.keys(FIELD_RULES) as SubscribeFieldType[];

/** A keyword's type from its name (thing1 → thing, character_string3 → character_string), as WeChat names them. */
export function fieldTypeOf(keyword: string): SubscribeFieldType | undefined {
  const m = keyword.match(/^([a-z_]+?)\d+$/);
  return m && (FIELD_TYPES as string[]).includes(m[1]) ? (m[1] as SubscribeFieldType) : undefined;
}

export function checkFieldValue(type: SubscribeFieldType, value: string): boolean {
  return value.length > 0 && FIELD_RULES[type](value);
}

export interface SubscribeMessagesOptions {
  /** Declared templates; when given (even empty), any other template id is refused with 40037. */
  templates?: Record<string, SubscribeTemplate>;
  now: () => Date;
}

export interface SubscribeMessages {
  /** One send, with the request as the SDK sends it (snake_case keys, or camelCase with convertCase off). */
  send(request: Record<string, unknown>): WxAnswer;
  /** How many one-time accepts `openid` has for `templateId` (0 removes them). */
  setAccepts(openid: string, templateId: string, count: number): void;
  accepts(openid: string, templateId: string): number;
  /** Every message accepted, oldest first. */
  messages(): SentMessage[];
  /** Forgets messages and accepts (POST /__dev/reset). */
  reset(): void;
  /** Whether templateId may be used (any non-empty id when none are declared). */
  knowsTemplate(templateId: string): boolean;
}

const rid = () => `rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const fail = (errcode: number, what: string): WxAnswer => ({ errcode, errmsg: `${what} ${rid()}` });

export function createSubscribeMessages(options: SubscribeMessagesOptions): SubscribeMessages {
  const templates = options.templates;
  for (const [id, template] of Object.entries(templates ?? {})) {
    for (const [keyword, type] of Object.entries(template.fields ?? {})) {
      if (!FIELD_RULES[type]) throw new Error(`subscribeTemplates.${id}.fields.${keyword}: unknown keyword type ${String(type)} (one of ${FIELD_TYPES.join(', ')})`);
    }
  }
  const accepts = new Map<string, number>();
  const sent: SentMessage[] = [];
  const key = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
  const knowsTemplate = (id: string) => id.length > 0 && (!templates || Object.prototype.hasOwnProperty.call(templates, id));

  return {
    knowsTemplate,
    send(request) {
      const touser = request.touser;
      if (typeof touser !== 'string' || !OPENID_PATTERN.test(touser)) return fail(SUBSCRIBE_ERR.INVALID_OPENID, 'invalid openid');
      const templateId = request.template_id ?? request.templateId;
      if (typeof templateId !== 'string' || !knowsTemplate(templateId)) return fail(SUBSCRIBE_ERR.INVALID_TEMPLATE_ID, 'invalid template_id');
      const state = request.miniprogram_state ?? request.miniprogramState ?? 'formal';
      if (state !== 'developer' && state !== 'trial' && state !== 'formal') return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! miniprogram_state invalid');
      const page = request.page;
      if (page !== undefined && typeof page !== 'string') return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! page invalid');
      const raw = request.data;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, 'argument invalid! data is empty');
      const given = raw as Record<string, unknown>;
      const declared = templates?.[templateId]?.fields;
      // A declared template: its keywords, each required; otherwise what was sent, typed by its name.
      const keywords = declared ? Object.keys(declared) : Object.keys(given);
      const data: Record<string, { value: string }> = {};
      for (const keyword of keywords) {
        const item = given[keyword];
        const value = item && typeof item === 'object' ? (item as { value?: unknown }).value : undefined;
        if (value === undefined || value === null || value === '') return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, `argument invalid! data.${keyword}.value is empty`);
        if (typeof value !== 'string' && typeof value !== 'number') return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, `argument invalid! data.${keyword}.value invalid`);
        const text = String(value);
        const type = declared ? declared[keyword] : fieldTypeOf(keyword);
        if (type && !checkFieldValue(type, text)) return fail(SUBSCRIBE_ERR.ARGUMENT_INVALID, `argument invalid! data.${keyword}.value invalid`);
        data[keyword] = { value: text };
      }
      const k = key(touser, templateId);
      const left = accepts.get(k) ?? 0;
      if (left < 1) return fail(SUBSCRIBE_ERR.USER_REFUSE, 'user refuse to accept the msg');
      if (left === 1) accepts.delete(k);
      else accepts.set(k, left - 1);
      const name = templates?.[templateId]?.key;
      sent.push({ touser, templateId, ...(name ? { key: name } : {}), ...(page !== undefined ? { page } : {}), data, miniprogramState: state, at: options.now().toISOString() });
      return { errcode: 0, errmsg: 'ok' };
    },
    setAccepts(openid, templateId, count) {
      if (count > 0) accepts.set(key(openid, templateId), count);
      else accepts.delete(key(openid, templateId));
    },
    accepts: (openid, templateId) => accepts.get(key(openid, templateId)) ?? 0,
    messages: () => sent.map((m) => ({ ...m, data: { ...m.data } })),
    reset() {
      accepts.clear();
      sent.length = 0;
    },
  };
}
