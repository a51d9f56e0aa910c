import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { dailyReminders, liveStartingReminders, type ReminderTally } from './reminders';

/** Stop taking new pages after this long (the function may run 60 s); the next firing resumes. */
const TIME_BUDGET_MS = 45_000;

/** The daily trigger's name in config.json: tier and coupon reminders; every other firing: live starting. */
const DAILY_TRIGGER = 'notifyDaily';

interface NotifyOutcome {
  liveStarting?: ReminderTally;
  tierExpiring?: ReminderTally;
  couponExpiring?: ReminderTally;
  /** false: a run stopped at the time budget; the next firing continues it. */
  done: boolean;
}

/**
 * Timer: the scheduled subscribe messages. Every 10 minutes, 开播提醒 for sessions about to start;
 * daily at 10:00 Shanghai, 等级到期 (30 and 7 days before) and 优惠券到期 (3 days before). Each message
 * is keyed by (member, kind, what it is about), so overlapping or repeated runs send nothing twice.
 * The daily runs keep their cursors (see reminders.ts): one the daily firing could not finish in
 * time is carried on by the 10-minute firings after it.
 */
export async function main(event: { TriggerName?: string } = {}): Promise<NotifyOutcome | Refused> {
  if (!calledByTimer()) return REFUSED;
  const budget = { startedMs: Date.now(), budgetMs: TIME_BUDGET_MS };
  const db = cloud.database();
  const at = now();
  if (event.TriggerName === DAILY_TRIGGER) {
    const daily = await dailyReminders(db, at, budget, false);
    return { tierExpiring: daily!.tierExpiring, couponExpiring: daily!.couponExpiring, done: daily!.done };
  }
  const live = await liveStartingReminders(db, at, budget);
  const daily = await dailyReminders(db, at, budget, true);
  return daily ? { liveStarting: live.tally, tierExpiring: daily.tierExpiring, couponExpiring: daily.couponExpiring, done: live.done && daily.done } : { liveStarting: live.tally, done: live.done };
}
