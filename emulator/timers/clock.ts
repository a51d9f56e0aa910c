/**
 * The emulator's clock: real time, or frozen at an instant set through POST /__dev/clock.
 * Functions see it through LOCAL_CLOUD_NOW and serverDate through the database's `now`.
 */
export interface DevClock {
  now(): Date;
  /** The frozen instant, or null when following real time. */
  frozenAt(): Date | null;
  set(instant: Date | null): void;
}

export function createDevClock(): DevClock {
  let frozen: Date | null = null;
  return {
    now: () => (frozen ? new Date(frozen.getTime()) : new Date()),
    frozenAt: () => (frozen ? new Date(frozen.getTime()) : null),
    set(instant) {
      frozen = instant ? new Date(instant.getTime()) : null;
    },
  };
}
