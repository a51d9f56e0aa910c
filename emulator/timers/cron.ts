// The 7-field cron of WeChat Cloud / SCF timer triggers:
//   sec min hour day month weekday year      (evaluated in UTC+8)
// cron-parser stops at 6 fields and has no year, and the whole grammar is small, so it is
// parsed here. Weekday 0 = Sunday (SCF's current docs; some old WeChat pages said Monday).
// Supported: numbers, names (JAN..DEC, SUN..SAT), `*`, `?` (day/weekday), `a-b`, `/step`, lists.

export interface Cron7 {
  source: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  years: Set<number>;
  /** `*` or `?` in the day / weekday field: only the other one restricts (vixie-cron rule). */
  dayIsWildcard: boolean;
  weekdayIsWildcard: boolean;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China has no DST, so a fixed offset is exact.
const DAY_MS = 86_400_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
  allowQuestion?: boolean;
}

const FIELDS: FieldSpec[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day', min: 1, max: 31, allowQuestion: true },
  { label: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  // 7 is accepted as Sunday, as most cron dialects do.
  { label: 'weekday', min: 0, max: 7, names: WEEKDAYS, nameBase: 0, allowQuestion: true },
  { label: 'year', min: 1970, max: 2099 },
];

function parseValue(text: string, spec: FieldSpec, expr: string): number {
  const upper = text.toUpperCase();
  if (spec.names) {
    const idx = spec.names.indexOf(upper);
    if (idx >= 0) return idx + (spec.nameBase ?? 0);
  }
  if (!/^\d+$/.test(text)) throw new Error(`cron "${expr}": bad ${spec.label} value "${text}"`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new Error(`cron "${expr}": ${spec.label} ${n} outside ${spec.min}-${spec.max}`);
  }
  return n;
}

function parseField(text: string, spec: FieldSpec, expr: string): { values: Set<number>; wildcard: boolean } {
  if (text === '*' || (text === '?' && spec.allowQuestion)) {
    const values = new Set<number>();
    for (let v = spec.min; v <= spec.max; v++) values.add(v);
    return { values, wildcard: true };
  }
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === '') throw new Error(`cron "${expr}": bad ${spec.label} item "${item}"`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron "${expr}": bad step in "${item}"`);
    let lo: number;
    let hi: number;
    if (range === '*') {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, spec, expr);
      hi = parseValue(b, spec, expr);
      if (lo > hi) throw new Error(`cron "${expr}": empty ${spec.label} range "${range}"`);
    } else {
      lo = parseValue(range, spec, expr);
      // `a/n` means "from a every n" (SCF doc: 1/10 in minutes = 1, 11, 21, ...).
      hi = stepText === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, wildcard: false };
}

export function parseCron(expr: string): Cron7 {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) {
    throw new Error(`cron "${expr}": expected 7 fields (sec min hour day month weekday year), got ${parts.length}`);
  }
  const parsed = parts.map((p, i) => parseField(p, FIELDS[i], expr));
  const weekdays = new Set([...parsed[5].values].map((d) => d % 7));
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return {
    source: expr,
    seconds: sorted(parsed[0].values),
    minutes: sorted(parsed[1].values),
    hours: sorted(parsed[2].values),
    days: parsed[3].values,
    months: parsed[4].values,
    weekdays,
    years: parsed[6].values,
    dayIsWildcard: parsed[3].wildcard,
    weekdayIsWildcard: parsed[5].wildcard,
  };
}

/** Wall-clock fields in Asia/Shanghai, read from a Date shifted by +8 h. */
function shanghaiParts(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

function dayMatches(cron: Cron7, p: { year: number; month: number; day: number; weekday: number }): boolean {
  if (!cron.years.has(p.year) || !cron.months.has(p.month)) return false;
  const dayOk = cron.days.has(p.day);
  const weekdayOk = cron.weekdays.has(p.weekday);
  if (cron.dayIsWildcard) return weekdayOk;
  if (cron.weekdayIsWildcard) return dayOk;
  return dayOk || weekdayOk;
}

export function cronMatches(cron: Cron7, date: Date): boolean {
  const p = shanghaiParts(date.getTime());
  return (
    dayMatches(cron, p) &&
    cron.hours.includes(p.hour) &&
    cron.minutes.includes(p.minute) &&
    cron.seconds.includes(p.second)
  );
}

/** The first fire time strictly after `after` (whole seconds), or null if none before 2100. */
export function nextFire(cron: Cron7, after: Date): Date | null {
  const startMs = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const start = shanghaiParts(startMs);
  const startLocalMs = startMs + SHANGHAI_OFFSET_MS;
  let dayLocalMs = startLocalMs - (((startLocalMs % DAY_MS) + DAY_MS) % DAY_MS);
  const lastYear = Math.max(...cron.years);
  for (let first = true; ; first = false, dayLocalMs += DAY_MS) {
    const p = shanghaiParts(dayLocalMs - SHANGHAI_OFFSET_MS);
    if (p.year > lastYear) return null;
    if (!dayMatches(cron, p)) continue;
    for (const h of cron.hours) {
      if (first && h < start.hour) continue;
      const sameHour = first && h === start.hour;
      for (const m of cron.minutes) {
        if (sameHour && m < start.minute) continue;
        const sameMinute = sameHour && m === start.minute;
        for (const s of cron.seconds) {
          if (sameMinute && s < start.second) continue;
          return new Date(dayLocalMs - SHANGHAI_OFFSET_MS + h * 3600_000 + m * 60_000 + s * 1000);
        }
      }
    }
  }
}
