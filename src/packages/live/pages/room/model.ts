import type { LiveRewardView, LiveSessionView } from '@contract/live';
import { inShanghai } from '@/utils/date';
import { DEFAULT_HEARTBEAT_RULES, type LivePhase, type LiveTrigger } from '@core/live';

/**
 * The live page beats every 60 s while it is shown. The server credits the time since the previous
 * beat itself (never a duration we send), nothing under 45 s and at most 90 s: 60 s sits safely
 * between, so a late timer still counts in full.
 */
export const HEARTBEAT_INTERVAL_MS = 60_000;
if (HEARTBEAT_INTERVAL_MS / 1000 <= DEFAULT_HEARTBEAT_RULES.minGapSeconds || HEARTBEAT_INTERVAL_MS / 1000 >= DEFAULT_HEARTBEAT_RULES.maxCreditSeconds) {
  throw new Error('live heartbeat interval must lie between the server rules’ minimum gap and maximum credit');
}


export const ROOM_PAGE = '/packages/live/pages/room/index';
export const WALLET_PAGE = '/pages/coupons/index';
export const SHOP_TAB = '/pages/index/index';

export const roomUrl = (sessionId: string) => `${ROOM_PAGE}?sessionId=${encodeURIComponent(sessionId)}`;

export const PHASE_TEXT: Record<LivePhase, string> = { upcoming: '预告', live: '直播中', ended: '已结束' };

export function triggerTitle(reward: Pick<LiveRewardView, 'trigger' | 'minutes'>): string {
  const titles: Record<LiveTrigger, string> = {
    reserve: '预约礼',
    enter: '进场礼',
    watch: `观看满${reward.minutes ?? 10}分钟`,
    share: '分享礼',
    missed: '错过补救',
  };
  return titles[reward.trigger];
}

/** How the member earns a reward they do not have yet. */
export function triggerHint(reward: Pick<LiveRewardView, 'trigger' | 'minutes'>): string {
  const hints: Record<LiveTrigger, string> = {
    reserve: '开播前预约即得',
    enter: '进入直播间即得',
    watch: `累计观看 ${reward.minutes ?? 10} 分钟`,
    share: '下单并支付后分享',
    missed: '预约或观看未下单，结束后发放',
  };
  return hints[reward.trigger];
}


/**
 * Which mini-program component plays a stream: <live-player> for RTMP and HTTP-FLV (what a push
 * stream gives), <video> for HLS (.m3u8) and files (.mp4); null when the session has no stream yet.
 */
export type StreamKind = 'live-player' | 'video';

export function streamKind(streamUrl: string | null | undefined): StreamKind | null {
  if (!streamUrl) return null;
  if (/^rtmp:\/\//i.test(streamUrl) || /\.flv(\?|#|$)/i.test(streamUrl)) return 'live-player';
  return 'video';
}

/**
 * A stall shorter than this still counts as watching (usePictureMoving): live-player reports
 * 2105 (卡顿) for every short lag, and a member on a weak 4G signal sees several a minute.
 */
export const STALL_GRACE_MS = 10_000;

/** What the player says over the picture in each state (null: nothing, the stream plays). */
export type PlayerState = 'loading' | 'playing' | 'stalled' | 'reconnecting' | 'paused' | 'error' | 'ended';

export const PLAYER_STATE_TEXT: Record<PlayerState, string | null> = {
  loading: '正在连接直播…',
  playing: null,
  stalled: '网络不佳，正在缓冲…',
  reconnecting: '网络断开，正在重连…',
  paused: '已暂停',
  error: '直播信号中断',
  ended: '直播已结束',
};

/** live-player's onStateChange codes (WeChat docs): which mean the picture moves, which that it stopped. */
export function livePlayerState(code: number): PlayerState | null {
  if (code === 2003 || code === 2004) return 'playing'; // first frame, playback started
  if (code === 2007 || code === 2105) return 'stalled'; // loading, lagging: short, watching goes on (STALL_GRACE_MS)
  if (code === 2103) return 'reconnecting'; // the connection dropped: nobody is watching until it is back
  if (code === 2006) return 'ended'; // playback ended
  if (code === -2301 || code === -2302) return 'error'; // disconnected for good, no stream
  return null;
}

/** "11月28日 20:00–22:00" (one day) or "11月28日 23:00 – 11月29日 01:00". */
export function sessionTimeText(startAt: string, endAt: string): string {
  const start = inShanghai(startAt);
  const end = inShanghai(endAt);
  if (start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD')) return `${start.format('M月D日 HH:mm')}–${end.format('HH:mm')}`;
  return `${start.format('M月D日 HH:mm')} – ${end.format('M月D日 HH:mm')}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Seconds as "M:SS": 545 → "9:05". */
export function minutesSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
}

/** Time to the start: "00:59:58", or "2天 03:04:05" when more than a day away. */
export function startCountdownText(remainingMs: number): string {
  const s = Math.max(0, Math.ceil(remainingMs / 1000));
  const days = Math.floor(s / 86_400);
  const clock = `${two(Math.floor((s % 86_400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}

export interface WatchGoal {
  reward: LiveRewardView;
  targetSeconds: number;
  /** True when every watch reward of the session is already the member's. */
  done: boolean;
}

/** The watch reward to count towards: the first one not yet granted, or the last one when all are. */
export function watchGoal(session: Pick<LiveSessionView, 'rewards'>): WatchGoal | null {
  const watch = session.rewards.filter((r) => r.trigger === 'watch').sort((a, b) => (a.minutes ?? 10) - (b.minutes ?? 10));
  if (!watch.length) return null;
  const next = watch.find((r) => !r.couponId);
  const reward = next ?? watch[watch.length - 1];
  return { reward, targetSeconds: (reward.minutes ?? 10) * 60, done: !next };
}

/** The names of the rewards behind freshly granted coupon ids (the sessions view carries each reward's couponId). */
export function grantedNames(sessions: readonly LiveSessionView[], couponIds: readonly string[]): string[] {
  const names: string[] = [];
  for (const s of sessions) for (const r of s.rewards) if (r.couponId && couponIds.includes(r.couponId)) names.push(r.name);
  return names;
}

/** The toast for new coupons: "获得 预约礼3元". */
export function grantToast(names: readonly string[], count: number): string {
  return names.length ? `获得 ${names.join('、')}` : `获得 ${count} 张直播券`;
}
