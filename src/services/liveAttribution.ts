import Taro from '@tarojs/taro';

/**
 * The live session a member came to the shop from (去下单 in the live room). The checkout sends it with
 * the order for attribution; the server decides whether it still counts (the session must be on or
 * just ended), so a stale one here is harmless.
 */
export const LIVE_SESSION_STORAGE_KEY = 'liveSessionId';

export function rememberLiveSession(sessionId: string): void {
  Taro.setStorageSync(LIVE_SESSION_STORAGE_KEY, sessionId);
}

export function currentLiveSession(): string | undefined {
  const value: unknown = Taro.getStorageSync(LIVE_SESSION_STORAGE_KEY);
  return typeof value === 'string' && value ? value : undefined;
}

export function forgetLiveSession(): void {
  Taro.removeStorageSync(LIVE_SESSION_STORAGE_KEY);
}
