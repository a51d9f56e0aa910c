import { randomUUID } from 'node:crypto';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { Database } from '@lib/platform/handler';

/**
 * Typed short codes are rationed per clerk, so that guessing 8-digit codes stays hopeless while a
 * busy counter never stops. Every typed code takes a place in the clerk's sliding windows before it
 * is checked (one guarded update: however many arrive at once, no more than the limit are ever
 * checked), and a code that turns out to be a real voucher of the clerk's own store gives its place
 * back: only wrong codes (unknown, or another store's) stay counted. A scanned QR is signed and
 * cannot be guessed, so it never takes a place and is never refused.
 *
 * The limits: 10 wrong codes in any 10 minutes, 30 in any 24 hours. A clerk who mistypes a few times
 * is never held up; one who hits the limit waits only until the oldest wrong code leaves the window
 * (and may scan meanwhile). An attacker with a clerk's account gets 30 guesses a day: with 500 open
 * vouchers at that store among 10^8 codes, one hit in about 18 years.
 */
export const RECENT_WINDOW_MS = 10 * 60 * 1000;
export const RECENT_LIMIT = 10;
export const DAY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DAY_LIMIT = 30;

/**
 * One attempt's place: its instant, zero-padded so that places sort by time as strings, and a random
 * tail so that two attempts at the same instant are two places (and giving one back leaves the other).
 */
const placeAt = (ms: number) => String(ms).padStart(15, '0');
const newPlace = (now: Date) => `${placeAt(now.getTime())}:${randomUUID().slice(0, 8)}`;

interface AttemptsRecord {
  _id: string;
  recent: string[];
  day: string[];
}

/** The window is open when it is not full, or its oldest place has left it. */
function openWindow(db: Database, field: 'recent' | 'day', limit: number, windowMs: number, now: Date) {
  const _ = db.command;
  return _.or([{ [`${field}.${limit - 1}`]: _.exists(false) }, { [`${field}.0`]: _.lte(placeAt(now.getTime() - windowMs)) }]);
}

/**
 * Takes a place for one typed code, or refuses with TOO_MANY_ATTEMPTS. Answers the place, to give back
 * if the code is right. Voucher short codes and member-code digits share the clerk's windows: a
 * guesser gains nothing by switching between them. `what` names the code in the refusal.
 */
export async function takeAttempt(db: Database, openid: string, now: Date, what = '取货码'): Promise<string> {
  const _ = db.command;
  const place = newPlace(now);
  // Sorted and trimmed to the newest `limit` in the same update, so index 0 is always the oldest kept.
  const push = (limit: number) => _.push({ each: [place], sort: 1, slice: -limit });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const res = await db
      .collection(COLLECTIONS.redeemAttempts)
      .where(_.and([{ _id: openid }, openWindow(db, 'recent', RECENT_LIMIT, RECENT_WINDOW_MS, now), openWindow(db, 'day', DAY_LIMIT, DAY_WINDOW_MS, now)]))
      .update({ data: { recent: push(RECENT_LIMIT), day: push(DAY_LIMIT) } });
    if (updatedOf(res) === 1) return place;
    const [row] = rowsOf<AttemptsRecord>(await db.collection(COLLECTIONS.redeemAttempts).where({ _id: openid }).limit(1).get());
    if (row) throw tooMany(row, now, what);
    try {
      await db.collection(COLLECTIONS.redeemAttempts).add({ data: { _id: openid, openid, recent: [place], day: [place] } });
      return place;
    } catch (err) {
      // Another first attempt made the record: take a place in it.
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new DomainError('CONFLICT');
}

/** The code was a real voucher of this clerk's store: its place goes back. */
export async function giveBackAttempt(db: Database, openid: string, place: string): Promise<void> {
  const _ = db.command;
  await db.collection(COLLECTIONS.redeemAttempts).where({ _id: openid }).update({ data: { recent: _.pull(place), day: _.pull(place) } });
}

/** Says when the clerk may type again: when the oldest wrong code leaves the full window. */
function tooMany(row: AttemptsRecord, now: Date, what: string): DomainError {
  const freeAt = (places: string[], limit: number, windowMs: number) => (places.length >= limit ? Number(places[0].split(':')[0]) + windowMs : 0);
  const at = Math.max(freeAt(row.recent ?? [], RECENT_LIMIT, RECENT_WINDOW_MS), freeAt(row.day ?? [], DAY_LIMIT, DAY_WINDOW_MS));
  const minutes = Math.max(1, Math.ceil((at - now.getTime()) / 60_000));
  const wait = minutes >= 60 ? `${Math.ceil(minutes / 60)} 小时` : `${minutes} 分钟`;
  return new DomainError('TOO_MANY_ATTEMPTS', `${what}输错次数过多，请 ${wait}后再输入，或直接扫码${what === '取货码' ? '核销' : ''}`, { retryAfterSeconds: Math.max(60, Math.ceil((at - now.getTime()) / 1000)) });
}
