import type { StaffResponses } from '@contract/staff';
import { formatFen } from '@core/money';
import { formatShanghaiDateTime } from '@/components/order-card/format';
import type { CloudCallError } from '@/services/cloud';

export type StaffMe = NonNullable<StaffResponses['me']>;

export const ROLE_NAMES: Record<StaffMe['role'], string> = { clerk: '店员', manager: '店长', admin: '管理员' };

/** What a scanned or typed code is: a pickup voucher (取货码) or a member's 会员码. */
export type CodeKind = 'voucher' | 'member';

export interface CounterCode {
  kind: CodeKind;
  /** What to send: digits without spaces, or the QR content as it is. */
  code: string;
}

/** A voucher's QR starts with this (core/voucher.ts) and its short code is 8 digits. */
const VOUCHER_QR_PREFIX = 'GLV1.';
const VOUCHER_SHORT_CODE = /^\d{8}$/;
/** A member code's QR (signed by the member function) and its 12 digits (core/memberCode.ts). */
const MEMBER_QR_PREFIX = 'GLM1.';
const MEMBER_DIGITS = /^\d{12}$/;

/**
 * What staff typed or scanned, told apart by its shape: 8 digits or a GLV1 QR is a pickup voucher,
 * a GLM1 QR or 12 digits a member code; digits may be typed with spaces ("8472 1093"). Any other
 * QR content goes to the voucher lookup, which says it is not valid. Null when there is nothing to send.
 */
export function readCounterCode(input: string): CounterCode | null {
  const raw = input.trim();
  const digits = raw.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) {
    if (VOUCHER_SHORT_CODE.test(digits)) return { kind: 'voucher', code: digits };
    if (MEMBER_DIGITS.test(digits)) return { kind: 'member', code: digits };
    return null;
  }
  if (raw.startsWith(MEMBER_QR_PREFIX)) return { kind: 'member', code: raw };
  if (raw.startsWith(VOUCHER_QR_PREFIX)) return { kind: 'voucher', code: raw };
  return raw.length >= 4 ? { kind: 'voucher', code: raw } : null;
}

/** "小林（o-xxxx）" → "小林": the server records name and openid; people want the name. */
export function staffName(redeemedBy: unknown): string {
  if (typeof redeemedBy !== 'string' || !redeemedBy) return '店员';
  const name = redeemedBy.replace(/（[^（）]*）$/, '').trim();
  return name || redeemedBy;
}

export interface FailureView {
  code: CloudCallError['code'];
  title: string;
  detail: string;
}

/** A failed lookup or redeem in plain Chinese, with the specifics the server sent. */
export function failureView(err: CloudCallError, kind: CodeKind = 'voucher'): FailureView {
  const { code, message, details } = err;
  if (kind === 'member') return memberFailureView(err);
  switch (code) {
    case 'ALREADY_REDEEMED': {
      const at = typeof details?.redeemedAt === 'string' ? formatShanghaiDateTime(details.redeemedAt) : null;
      const by = staffName(details?.redeemedBy);
      return { code, title: '该订单已核销', detail: at ? `该订单已于 ${at} 由 ${by} 核销` : `该订单已由 ${by} 核销` };
    }
    case 'WRONG_STORE':
      return { code, title: '非本店订单', detail: message };
    case 'VOUCHER_EXPIRED':
      return { code, title: '取货码已过期', detail: message };
    case 'VOUCHER_INVALID':
      return { code, title: '取货码无效', detail: message };
    case 'TOO_MANY_ATTEMPTS':
      return { code, title: '尝试次数过多', detail: message };
    case 'FORBIDDEN':
      return { code, title: '没有核销权限', detail: message };
    case 'ORDER_STATE':
      return { code, title: '该订单不能核销', detail: message };
    default:
      return { code, title: '核销失败', detail: message };
  }
}

/** A member code the server would not take: it changes every minute, so most failures mean "scan again". */
function memberFailureView({ code, message }: CloudCallError): FailureView {
  switch (code) {
    case 'VOUCHER_EXPIRED':
      return { code, title: '会员码已过期', detail: '请会员刷新会员码后重新扫描' };
    case 'VOUCHER_INVALID':
    case 'INVALID_ARGUMENT':
      return { code, title: '会员码无效', detail: '请让会员刷新会员码后重新扫描，或核对输入的数字' };
    case 'TOO_MANY_ATTEMPTS':
      return { code, title: '尝试次数过多', detail: message };
    case 'NOT_FOUND':
      return { code, title: '未找到该会员', detail: message };
    case 'FORBIDDEN':
      return { code, title: '没有操作权限', detail: message };
    default:
      return { code, title: '查询会员失败', detail: message };
  }
}

/** "张*明 · 尾号 8000" — who the member is at the counter, as much as the server shows (masked). */
export function memberLine(member: { memberName: string | null; phoneTail: string | null }): string {
  const parts = [member.memberName ?? '会员', member.phoneTail ? `尾号 ${member.phoneTail}` : null];
  return parts.filter(Boolean).join(' · ');
}

/** The till's receipt number as the contract takes it (contract/staff.ts receiptNoSchema, kept out of the bundle with zod). */
const RECEIPT_NO = /^[A-Za-z0-9-]{4,32}$/;
/** Yuan as typed: up to 6 whole digits (¥999,999.99 at most), up to 2 decimals. */
const YUAN = /^(\d{1,6})(?:\.(\d{0,2}))?$/;

/**
 * A typed amount in yuan as integer fen, read from the text itself (never through a float: "19.99"
 * is 1999, not 1998.9999…). Null when it is not an amount.
 */
export function yuanToFen(input: string): number | null {
  const match = YUAN.exec(input.trim());
  if (!match) return null;
  const [, whole, decimals = ''] = match;
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

export type ReceiptCheck = { ok: true; receiptNo: string } | { ok: false; message: string };

export function checkReceiptNo(input: string): ReceiptCheck {
  const receiptNo = input.trim();
  if (!receiptNo) return { ok: false, message: '请输入小票号' };
  if (!RECEIPT_NO.test(receiptNo)) return { ok: false, message: '小票号为 4–32 位字母、数字或 -' };
  return { ok: true, receiptNo };
}

export type CreditCheck =
  | { ok: true; receiptNo: string; amountFen: number }
  | { ok: false; field: 'receiptNo' | 'amount'; message: string };

/** The 到店消费积分 form: both fields checked before anything is sent. */
export function checkCredit(receiptInput: string, amountInput: string): CreditCheck {
  const receipt = checkReceiptNo(receiptInput);
  if (!receipt.ok) return { ok: false, field: 'receiptNo', message: receipt.message };
  if (!amountInput.trim()) return { ok: false, field: 'amount', message: '请输入消费金额' };
  const amountFen = yuanToFen(amountInput);
  if (amountFen === null) return { ok: false, field: 'amount', message: '金额格式不正确，最多两位小数' };
  if (amountFen < 1) return { ok: false, field: 'amount', message: '消费金额须大于 0' };
  return { ok: true, receiptNo: receipt.receiptNo, amountFen };
}

/** What the clerk confirms before crediting: the amount as the member will see it. */
export function creditConfirmText(receiptNo: string, amountFen: number, who: string): string {
  return `会员：${who}\n小票号：${receiptNo}\n消费金额：${formatFen(amountFen)}\n按线上规则计入果粒值与积分，同一小票只计一次。`;
}

/** The time of day of an instant, Shanghai: "14:05". */
export function timeOfDay(instant: string): string {
  return formatShanghaiDateTime(instant).slice(11);
}
