import type { Buyer } from './catalog';
import { audienceIncludes, inWindow, type PriceList } from './priceList';

/**
 * 首页轮播: a banner operators put on the shop's front page, for an audience (the price lists'
 * audiences; none means everyone) and a time window (Shanghai dates, inclusive, or ISO instants).
 */
export interface Banner {
  bannerId: string;
  title: string;
  /** The picture in cloud storage (cloud://…). */
  imageFileId: string;
  /** A page of the mini-program, with or without its leading slash. */
  link: string;
  audience?: PriceList['audience'];
  window: { from: string; to: string };
  /** The operators' order. */
  sort?: number;
  /** Switched off by an operator. */
  active?: boolean;
}

const UNSORTED = Number.MAX_SAFE_INTEGER;

/** The banners this buyer sees now: switched on, in their window, for their audience; in the operators' order. */
export function bannersFor<T extends Banner>(banners: readonly T[], buyer: Buyer, now: Date): T[] {
  return banners
    .filter((b) => b.active !== false && inWindow(b.window, now) && (!b.audience || audienceIncludes(b.audience, buyer)))
    .sort((a, b) => (a.sort ?? UNSORTED) - (b.sort ?? UNSORTED) || a.bannerId.localeCompare(b.bannerId));
}

/**
 * A lower bound for `window.to` that every banner still showing at `now` is at or above, as a
 * string the database can compare: the UTC date of a day before. A window ends either on a Shanghai
 * date (`YYYY-MM-DD`, never before the UTC date of a day ago) or at an instant (an ISO string later
 * than now, so at or above it). It lets the query skip the banners long over; the window itself is
 * decided by bannersFor.
 */
export function bannerWindowFloor(now: Date): string {
  return new Date(now.getTime() - 24 * 3_600_000).toISOString().slice(0, 10);
}

/** The page a banner opens, as the app navigates to it: an absolute path, or '' for none. */
export function bannerLink(link: string): string {
  const page = link.trim();
  if (!page) return '';
  return page.startsWith('/') ? page : `/${page}`;
}
