import type { StaffResponses } from '@contract/staff';
import { formatShanghaiDateTime } from '@/components/order-card/format';
import type { CloudCallError } from '@/services/cloud';

export type StaffMe = NonNullable<StaffResponses['me']>;

export const ROLE_NAMES: Record<StaffMe['role'], string> = { clerk: '店员', manager: '店长', admin: '管理员' };

/**
 * What staff typed or scanned, as the code to send: an 8-digit short code may be typed with spaces
 * ("8472 1093"); anything else is the QR content as it is. Null when there is nothing to send.
 */
export function normalizeCode(input: string): string | null {
  const raw = input.trim();
  const digits = raw.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) return digits.length === 8 ? digits : null;
  return raw.length >= 4 ? raw : null;
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
export function failureView(err: CloudCallError): FailureView {
  const { code, message, details } = err;
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
