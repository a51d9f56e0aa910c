/**
 * Live-stream watch time (直播观看时长), counted on the server clock only: the live page sends a
 * heartbeat about every 60 s; each one credits the time since the viewer's previous heartbeat (or
 * entry), at most 90 s (a longer gap means they left), and nothing when it comes sooner than 45 s
 * after the previous one. A too-soon beat still becomes "the previous one", so a client beating faster
 * than the interval (forged or replayed) earns nothing at all. Time outside the session never counts.
 */
export interface HeartbeatRules {
  minGapSeconds: number;
  maxCreditSeconds: number;
}

export const DEFAULT_HEARTBEAT_RULES: HeartbeatRules = { minGapSeconds: 45, maxCreditSeconds: 90 };

export interface LiveWindow {
  startAt: Date;
  endAt: Date;
}

export type LiveTrigger = 'reserve' | 'enter' | 'watch' | 'share' | 'missed';

export interface LiveReward {
  trigger: LiveTrigger;
  /** For `watch`: minutes of watching that earn it (default 10). */
  minutes?: number;
  templateId: string;
}

/** `moveClock`: whether this beat becomes the viewer's previous heartbeat. */
export type HeartbeatOutcome =
  | { counted: true; creditSeconds: number; moveClock: true }
  | { counted: false; reason: 'too_soon'; moveClock: true }
  | { counted: false; reason: 'outside_session' | 'not_entered'; moveClock: false };

export function creditHeartbeat(lastBeatAt: Date | null, now: Date, session: LiveWindow, rules: HeartbeatRules = DEFAULT_HEARTBEAT_RULES): HeartbeatOutcome {
  if (now.getTime() < session.startAt.getTime() || now.getTime() > session.endAt.getTime()) return { counted: false, reason: 'outside_session', moveClock: false };
  if (!lastBeatAt) return { counted: false, reason: 'not_entered', moveClock: false };
  if ((now.getTime() - lastBeatAt.getTime()) / 1000 < rules.minGapSeconds) return { counted: false, reason: 'too_soon', moveClock: true };
  const from = Math.max(lastBeatAt.getTime(), session.startAt.getTime());
  const gapSeconds = Math.floor((now.getTime() - from) / 1000);
  return { counted: true, creditSeconds: Math.min(gapSeconds, rules.maxCreditSeconds), moveClock: true };
}

/** Watch rewards reached at this many seconds watched. */
export function watchRewardsReached(rewards: readonly LiveReward[], watchedSeconds: number): LiveReward[] {
  return rewards.filter((r) => r.trigger === 'watch' && watchedSeconds >= (r.minutes ?? 10) * 60);
}

export type LivePhase = 'upcoming' | 'live' | 'ended';

export function livePhase(session: LiveWindow, now: Date): LivePhase {
  if (now.getTime() < session.startAt.getTime()) return 'upcoming';
  return now.getTime() < session.endAt.getTime() ? 'live' : 'ended';
}

/** Orders keep a session's attribution for a while after it ends (members finish their carts). */
export const ATTRIBUTION_AFTER_END_MS = 2 * 60 * 60 * 1000;

/** Whether an order placed at `now` may count for the session: it is on, or ended at most two hours ago. */
export function attributionOpen(session: LiveWindow, now: Date): boolean {
  return now.getTime() >= session.startAt.getTime() && now.getTime() <= session.endAt.getTime() + ATTRIBUTION_AFTER_END_MS;
}

/**
 * What a member's record remembers of the last session they entered (`live.enter` writes it), so that
 * an order placed from anywhere in the shop while it is on counts for it — not only one placed with
 * the room's 去下单 button.
 */
export interface LiveEntryMark {
  sessionId: string;
  endAt: Date;
}

/**
 * The session an order should be attributed to, before the session itself is checked: the one the
 * member last entered, while its attribution window may still be open (the server's own record, and
 * always the latest), else the one the app named (去下单 in the room). Pure, so that a member with no
 * mark (or an old one) and no named session costs no read at all.
 */
export function attributionCandidate(requested: string | undefined, mark: LiveEntryMark | null | undefined, now: Date): string | undefined {
  if (mark && now.getTime() <= new Date(mark.endAt).getTime() + ATTRIBUTION_AFTER_END_MS) return mark.sessionId;
  return requested || undefined;
}
