import Taro from '@tarojs/taro';

/**
 * The counter's scanner reads a bright screen best: while the member code is shown the screen is at
 * full brightness and stays on; leaving the page gives the member their own brightness back.
 * Only the mini-program has these APIs (the H5 preview keeps the browser's screen as it is).
 */
let saved: number | null = null;

/** A wx call that may be missing (an old base library) or refused: the code is shown all the same. */
async function quietly(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch {
    // nothing to tell the member: the page still works at their own brightness
  }
}

export async function brightenForCounter(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  await quietly(async () => {
    if (saved === null) saved = (await Taro.getScreenBrightness()).value;
  });
  await quietly(() => Taro.setScreenBrightness({ value: 1 }));
  await quietly(() => Taro.setKeepScreenOn({ keepScreenOn: true }));
}

export async function restoreScreen(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const value = saved;
  saved = null;
  if (value !== null) await quietly(() => Taro.setScreenBrightness({ value }));
  await quietly(() => Taro.setKeepScreenOn({ keepScreenOn: false }));
}

/** Whether the phone has no network at all (to say so instead of a service failure). */
export async function isOffline(): Promise<boolean> {
  try {
    const { networkType } = await Taro.getNetworkType();
    return networkType === 'none';
  } catch {
    return typeof navigator !== 'undefined' && navigator.onLine === false;
  }
}
