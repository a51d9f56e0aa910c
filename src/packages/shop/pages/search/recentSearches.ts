import Taro from '@tarojs/taro';

/** The member's latest searches, newest first, on this phone only. */
const RECENT_KEY = 'guoli.recentSearches';
export const MAX_RECENT = 8;

export function recentSearches(): string[] {
  try {
    const raw: unknown = Taro.getStorageSync(RECENT_KEY);
    return Array.isArray(raw) ? raw.filter((t): t is string => typeof t === 'string' && t.length > 0).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Puts `term` first (once); the oldest beyond MAX_RECENT go. Returns the new list. */
export function rememberSearch(term: string): string[] {
  const t = term.trim();
  if (!t) return recentSearches();
  const next = [t, ...recentSearches().filter((r) => r !== t)].slice(0, MAX_RECENT);
  try {
    Taro.setStorageSync(RECENT_KEY, next);
  } catch {
    // storage unavailable: nothing to remember
  }
  return next;
}

export function clearRecentSearches(): void {
  try {
    Taro.removeStorageSync(RECENT_KEY);
  } catch {
    // nothing stored
  }
}
