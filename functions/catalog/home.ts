import type { BannerView } from '@contract/catalog';
import { bannerLink, bannersFor, bannerWindowFloor, type Banner } from '@core/banner';
import { buyerOf } from '@core/member';
import { loadOrCreateMember } from '@lib/data/members';
import { COLLECTIONS } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import { fetchAll } from '@lib/platform/paging';
import { tempUrls } from '@lib/platform/storage';

/**
 * The banners the caller sees now, in the operators' order, each picture as a temporary URL. Two
 * database requests at once (the member, the banners not long over: the `window.to` index) and one
 * call to storage; a banner whose picture cannot be had is left out rather than shown blank.
 */
export async function homeBanners(ctx: CallContext): Promise<BannerView[]> {
  const { db, now } = ctx;
  const [member, banners] = await Promise.all([loadOrCreateMember(ctx), fetchAll<Banner & { _id: string }>(db, COLLECTIONS.banners, { 'window.to': db.command.gte(bannerWindowFloor(now)) })]);
  const shown = bannersFor(banners, buyerOf(member, now), now);
  const urls = await tempUrls(shown.map((b) => b.imageFileId));
  return shown.flatMap((b) => {
    const imageUrl = urls.get(b.imageFileId);
    return imageUrl ? [{ bannerId: b.bannerId, title: b.title, imageUrl, link: bannerLink(b.link) }] : [];
  });
}
