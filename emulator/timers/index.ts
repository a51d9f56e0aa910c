// Time in the local cloud: the dev clock (what functions and serverDate see as now), the 7-field cron
// of timer triggers, and the scheduler that fires them. See triggers.ts.

export { createDevClock, type DevClock } from './clock.js';
export { type Cron7, cronMatches, nextFire, parseCron } from './cron.js';
export { createScheduler, readTriggers, type Scheduler, type TimerOutcome, timerEventTime, type TriggerInfo } from './triggers.js';
