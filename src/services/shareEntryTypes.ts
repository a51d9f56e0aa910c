/** What the app was opened with, as far as sharing goes (see services/shareEntry.ts). */
export interface ShareEntry {
  /** The `shareId` query parameter of a share card (member.share put it in the card's path). */
  shareId: string | null;
  /** WeChat's share ticket: present when the card was opened from a group chat (scene 1044). */
  shareTicket: string | null;
}

/** The part of the app's onLaunch / onShow options (and wx.getEnterOptionsSync) that sharing reads. */
export interface EntryOptions {
  query?: Record<string, string | undefined>;
  shareTicket?: string;
  scene?: number;
}
