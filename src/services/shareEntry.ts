/**
 * Where a share card's group comes from. Taro picks the platform file at build time:
 * shareEntry.weapp.ts (the enter options and wx.getShareInfo) or shareEntry.h5.ts (the preview's
 * address bar, where `devGroup=` stands for a group chat; see src/dev/groupShare.ts).
 * This file only gives TypeScript the shared signatures; no build should ever bundle it.
 */
import type { EntryOptions, ShareEntry } from './shareEntryTypes';

/** The share id and share ticket the app was (last) entered with; `options` are the app's onShow options when known. */
export function readShareEntry(options?: EntryOptions): ShareEntry {
  throw new Error(`no share entry for platform ${process.env.TARO_ENV} (${JSON.stringify(options ?? {})})`);
}

/** The CloudID of the group a share ticket came from (what member.joinGroup resolves), or null when WeChat gives none. */
export function groupCloudId(shareTicket: string): Promise<string | null> {
  return Promise.reject(new Error(`no share info for platform ${process.env.TARO_ENV} (${shareTicket.length})`));
}

/** Lets the page offer WeChat's 转发 with a share ticket, so a card sent to a group tells who opens it which group. */
export function enableGroupShare(): void {}
