/**
 * A WeChat group for the H5 preview (never bundled into the mini-program: only H5 files import this).
 * In WeChat a card opened from a group chat carries a share ticket, and wx.getShareInfo turns it into
 * a CloudID that member.joinGroup resolves to the group's openGId. The local cloud resolves
 * `dev-cloudid:<json>` CloudIDs instead, so the preview opens a card "from a group" with the query
 * parameter `devGroup=<openGId>`, e.g. `#/pages/product/index?skuId=…&shareId=…&devGroup=gid-fresh-a`.
 */
export const DEV_GROUP_PARAM = 'devGroup';

/** The demo dataset's group with its own prices (price list pl-group-a, 鲜果A群专享). */
export const DEV_GROUPS: ReadonlyArray<{ openGId: string; label: string }> = [{ openGId: 'gid-fresh-a', label: '鲜果A群' }];

/** The preview's share ticket for a group: the dev CloudID the local cloud resolves to `{ openGId }`. */
export function devShareTicket(openGId: string): string {
  return `dev-cloudid:${JSON.stringify({ openGId })}`;
}

/** The preview address that opens a card's page path (`/pages/…?…&shareId=…`), from a group if one is given. */
export function previewCardUrl(path: string, openGId: string | null): string {
  const sep = path.includes('?') ? '&' : '?';
  return `#${path}${openGId ? `${sep}${DEV_GROUP_PARAM}=${encodeURIComponent(openGId)}` : ''}`;
}
