import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { BUSINESS_TZ } from '@core/businessTime';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Shanghai is UTC+8 all year (no DST): the fallback when a runtime's Intl lacks time zones. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** The app's one way to Shanghai time: every date and time a member sees is read through it. */
export function inShanghai(instant: string | Date): dayjs.Dayjs {
  try {
    return dayjs(instant).tz(BUSINESS_TZ);
  } catch {
    return dayjs(instant).utcOffset(SHANGHAI_OFFSET_MINUTES);
  }
}

/** An ISO instant as its Shanghai calendar date: "2026-05-26". */
export function formatShanghaiDate(instant: string | Date): string {
  return inShanghai(instant).format('YYYY-MM-DD');
}

/** An ISO instant as Shanghai wall-clock time: "2026-05-26 14:05" (with `seconds`: "2026-05-26 14:05:33"). */
export function formatShanghaiDateTime(instant: string | Date, options: { seconds?: boolean } = {}): string {
  return inShanghai(instant).format(options.seconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/**
 * A coupon's end as every screen says it (wallet, claim centre, checkout): `validTo` is the first
 * instant it no longer works (a "7 days" coupon ends at the next Shanghai midnight), so the text names
 * the last day it still works, inclusive: "有效期至 2026-12-02"; the last minute too when it ends
 * during a day: "有效期至 2026-12-02 13:59".
 */
export function couponValidUntil(validTo: string | Date): string {
  const endMs = new Date(validTo).getTime();
  const last = inShanghai(new Date(endMs - 1));
  const atMidnight = inShanghai(new Date(endMs)).format('HH:mm:ss.SSS') === '00:00:00.000';
  return `有效期至 ${last.format(atMidnight ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}`;
}
