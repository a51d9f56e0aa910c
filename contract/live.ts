import { z } from 'zod';
import type { LivePhase, LiveTrigger } from './vocabulary';
import { id } from './common';
import { defineContract } from './define';

const session = { sessionId: id };

export const liveRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('sessions') }).strict(),
  z.object({ action: z.literal('reserve'), ...session }).strict(),
  z.object({ action: z.literal('enter'), ...session }).strict(),
  /** No duration field: watch time is measured on the server clock only. */
  z.object({ action: z.literal('heartbeat'), ...session }).strict(),
  z.object({ action: z.literal('share'), ...session }).strict(),
]);

export interface LiveRewardView {
  trigger: LiveTrigger;
  minutes: number | null;
  templateId: string;
  name: string;
  summary: string;
  /** The coupon the caller got for it, if any. */
  couponId: string | null;
}

export interface LiveSessionView {
  sessionId: string;
  title: string;
  roomId: string;
  /**
   * The stream the room plays (https://… HLS/MP4, or rtmp://… / .flv for <live-player>); null when
   * the operators have not set one yet (the room then shows a poster). Always sent by live.sessions.
   */
  streamUrl?: string | null;
  startAt: string;
  endAt: string;
  phase: LivePhase;
  rewards: LiveRewardView[];
  reserved: boolean;
  entered: boolean;
  watchedSeconds: number;
}

export interface LiveResponses {
  sessions: { sessions: LiveSessionView[]; now: string };
  reserve: { granted: string[] };
  enter: { granted: string[]; watchedSeconds: number };
  heartbeat: { watchedSeconds: number; granted: string[] };
  share: { granted: string[] };
}

export const liveContract = defineContract<LiveResponses>()('live', liveRequest);
