import type { ShareCard, ShareKind } from '@contract/member';
import { toast } from './action';
import { callCloud, CloudCallError } from './cloud';
import { groupCloudId, readShareEntry } from './shareEntry';
import type { EntryOptions } from './shareEntryTypes';

/**
 * Sharing, both ways. Out: a card the member sends carries a share id from member.share, so whoever
 * opens it is counted as the member's visitor (and a new customer becomes the member's invitee).
 * In: a card opened is recorded once (member.openShare), and a card opened from a group chat makes
 * the member one of that group (member.joinGroup), whose 群专享 prices apply from the next catalog call.
 */

/** What a page shares: the card's kind and target, its title and picture, and the plain page path. */
export interface ShareTarget {
  kind: ShareKind;
  /** The skuId of a product card, the sessionId of a live card. */
  targetId?: string;
  title: string;
  /** A 5:4 picture; WeChat takes a screenshot of the page without one. */
  imageUrl?: string;
  /** The page without a share id: what the card opens if the share id is not there in time. */
  fallbackPath: string;
}

/** What onShareAppMessage answers (the `promise` form needs base library 2.12.0; older ones use the rest). */
export interface ShareMessage {
  title: string;
  path: string;
  imageUrl?: string;
  promise: Promise<{ title: string; path: string; imageUrl?: string }>;
}

/** One card the member is about to send (one member.share: "cards sent" in 我的邀请 counts these). */
export function createShareCard(kind: ShareKind, targetId?: string): Promise<ShareCard> {
  return callCloud('member', targetId ? { action: 'share', kind, targetId } : { action: 'share', kind });
}

/**
 * The card for onShareAppMessage. The share id is asked for when the member shares (not on every page
 * view, which would count cards never sent); WeChat waits up to 3 s for `promise`, then sends the plain
 * page, which still opens the right page (without the attribution).
 */
export function shareMessage(target: ShareTarget): ShareMessage {
  const base = { title: target.title, ...(target.imageUrl ? { imageUrl: target.imageUrl } : {}) };
  const promise = createShareCard(target.kind, target.targetId).then(
    (card) => ({ ...base, path: card.path }),
    () => ({ ...base, path: target.fallbackPath }),
  );
  return { ...base, path: target.fallbackPath, promise };
}

/** A product picture fit for a card: a web address (a package path or a cloud file id would not show). */
export function cardImage(image: string | undefined): string | undefined {
  return image && /^https:\/\//.test(image) ? image : undefined;
}

const SHARE_ID = /^[A-Za-z0-9]{16}$/;

/** Share ids and share tickets already handled in this run of the app: each is sent once. */
const handled = new Set<string>();
/** The last group join started: the shelf waits for it, so the group's prices show on the first load. */
let pendingGroupJoin: Promise<void> = Promise.resolve();

async function openShare(shareId: string): Promise<void> {
  try {
    const opened = await callCloud('member', { action: 'openShare', shareId });
    if (opened.bound) toast('已接受好友邀请，首单支付后可得新人礼券');
  } catch (err) {
    // An expired or unknown card still opens its page; nothing to tell the member.
    console.warn('[sharing] openShare failed', err);
  }
}

async function joinGroupOf(shareTicket: string): Promise<void> {
  try {
    const cloudID = await groupCloudId(shareTicket);
    if (cloudID) await callCloud('member', { action: 'joinGroup', cloudID });
  } catch (err) {
    // Without the group the member sees the ordinary prices. A failure on the way (the network) is
    // tried again on the next shelf load; a ticket WeChat will not resolve (INVALID_ARGUMENT) is not.
    if (!(err instanceof CloudCallError && err.code === 'INVALID_ARGUMENT')) handled.delete(`ticket:${shareTicket}`);
    console.warn('[sharing] joinGroup failed', err);
  }
}

/**
 * Handles the share card the app was opened with, if any: records the visit (once per share id) and
 * joins the group of a card opened from a group chat (once per share ticket). Called by the app on
 * every show (with its options) and by whatever loads prices; resolves when the group join, if any,
 * is done. Never rejects.
 */
export function handleShareEntry(options?: EntryOptions): Promise<void> {
  let entry;
  try {
    entry = readShareEntry(options);
  } catch {
    return pendingGroupJoin;
  }
  const { shareId, shareTicket } = entry;
  if (shareId && SHARE_ID.test(shareId) && !handled.has(`share:${shareId}`)) {
    handled.add(`share:${shareId}`);
    void openShare(shareId);
  }
  if (shareTicket && !handled.has(`ticket:${shareTicket}`)) {
    handled.add(`ticket:${shareTicket}`);
    pendingGroupJoin = joinGroupOf(shareTicket);
  }
  return pendingGroupJoin;
}
