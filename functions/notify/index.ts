import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { couponExpiringReminders, liveStartingReminders, tierExpiringReminders, type ReminderTally } from './reminders';

/** Stop taking new pages after this long (the function may run 60 s); the messages' keys make a rerun safe. */
const TIME_BUDGET_MS = 45_000;

/** The daily trigger's name in config.json: tier and coupon reminders; every other firing: live starting. */
const DAILY_TRIGGER = 'notifyDaily';

interface NotifyOutcome {
  liveStarting?: ReminderTally;
  tierExpiring?: ReminderTally;
  couponExpiring?: ReminderTally;
}

/**
 * Timer: the scheduled subscribe messages. Every 10 minutes, 开播提醒 for sessions about to start;
 * daily at 10:00 Shanghai, 等级到期 (30 and 7 days before) and 优惠券到期 (3 days before). Each message
 * is keyed by (member, kind, what it is about), so overlapping or repeated runs send nothing twice.
 */
export async function main(event: { TriggerName?: string } = {}): Promise<NotifyOutcome | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const at = now();
  if (event.TriggerName !== DAILY_TRIGGER) return { liveStarting: await liveStartingReminders(db, at) };
  const deadline = Date.now() + TIME_BUDGET_MS;
  const tierExpiring = await tierExpiringReminders(db, at, deadline);
  const couponExpiring = await couponExpiringReminders(db, at, deadline);
  return { tierExpiring, couponExpiring };
}
