import { DEV_GROUP_PARAM, devShareTicket } from '../dev/groupShare';
import type { EntryOptions, ShareEntry } from './shareEntryTypes';

/** The query of the preview's hash route (`#/pages/product/index?skuId=…&shareId=…`). */
function routeQuery(): URLSearchParams {
  const hash = typeof window === 'undefined' ? '' : window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
}

/**
 * H5 preview: the address bar is the share card. There is no WeChat group, so `devGroup=<openGId>`
 * stands for "opened from that group chat": it becomes the preview's share ticket, a dev CloudID.
 */
export function readShareEntry(_options?: EntryOptions): ShareEntry {
  const query = routeQuery();
  const group = query.get(DEV_GROUP_PARAM);
  return { shareId: query.get('shareId'), shareTicket: group ? devShareTicket(group) : null };
}

/** The preview's share ticket is already the CloudID the local cloud resolves (`dev-cloudid:{"openGId":…}`). */
export async function groupCloudId(shareTicket: string): Promise<string | null> {
  return shareTicket;
}

export function enableGroupShare(): void {}
