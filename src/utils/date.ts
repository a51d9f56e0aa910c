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
