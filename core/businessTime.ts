import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every business date (Friday, birthday, this month, member day) is evaluated in Shanghai. */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** The Shanghai calendar date of an instant, as YYYY-MM-DD. */
export function businessDate(instant: Date): string {
  return dayjs(instant).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

/** ISO weekday in Shanghai: 1 = Monday … 7 = Sunday. */
export function businessWeekday(instant: Date): number {
  const d = dayjs(instant).tz(BUSINESS_TZ).day();
  return d === 0 ? 7 : d;
}

/**
 * The same wall-clock moment `months` calendar months later in Shanghai
 * (31 Aug + 6 months = 28/29 Feb: dayjs clamps to the month's last day).
 */
export function addBusinessMonths(instant: Date, months: number): Date {
  return dayjs(instant).tz(BUSINESS_TZ).add(months, 'month').toDate();
}

/** The last millisecond of the Shanghai day `days` days after the instant's own day. */
export function endOfBusinessDay(instant: Date, days = 0): Date {
  return dayjs(instant).tz(BUSINESS_TZ).add(days, 'day').endOf('day').toDate();
}

/** The Monday that starts the instant's week in Shanghai (ISO weeks start on Monday), as YYYY-MM-DD. */
export function businessWeekStart(instant: Date): string {
  const d = dayjs(instant).tz(BUSINESS_TZ);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/**
 * The ISO week of the instant in Shanghai, as `2026-W49`: a segmentation run's label. The ISO year is
 * the year of the week's Thursday (29 Dec 2025 is in 2026-W01; 1 Jan 2027 in 2026-W53).
 */
export function businessIsoWeek(instant: Date): string {
  // The Shanghai calendar date, then plain calendar arithmetic in UTC (no zone can shift it again).
  const [y, m, day] = businessDate(instant).split('-').map(Number);
  const date = Date.UTC(y, m - 1, day);
  const weekday = (new Date(date).getUTCDay() + 6) % 7; // 0 = Monday
  const thursday = new Date(date + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const dayOfYear = (thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS;
  return `${isoYear}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/** A Shanghai wall-clock minute as WeChat's time keyword reads it: 2026年12月1日 10:00. */
export function businessMinute(instant: Date): string {
  return dayjs(instant).tz(BUSINESS_TZ).format('YYYY年M月D日 HH:mm');
}

/** A Shanghai calendar day as WeChat's date keyword reads it: 2026年12月1日. */
export function businessDay(instant: Date): string {
  return dayjs(instant).tz(BUSINESS_TZ).format('YYYY年M月D日');
}
