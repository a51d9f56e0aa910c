import cloud from 'wx-server-sdk';

/**
 * Timer functions are callable like any other function; only the platform's trigger may run them
 * (they are idempotent, but a client must not be able to make one scan every member on demand).
 */
export function calledByTimer(): boolean {
  return String(cloud.getWXContext().SOURCE ?? '')
    .split(',')
    .includes('wx_trigger');
}

/** What a timer function answers anyone but the trigger. */
export const REFUSED = { refused: 'only the timer trigger runs this' } as const;
export type Refused = typeof REFUSED;
