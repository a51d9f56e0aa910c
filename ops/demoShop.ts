/**
 * What makes the demo shop look alive on a fresh `npm start`, put in through the operators' API like
 * an operator would (so the audit log has it too): product photos and banners in cloud storage
 * (drawings, see demoPhotos.ts), coupons in the claim centre and the points mall, a live session on
 * air now and one tomorrow, and a campaign for new customers.
 *
 *   npx tsx ops/demoShop.ts <local cloud url>
 */
import type { Result } from '@contract/errors';
import { DEMO_PRODUCTS } from '../database/seeds/demoCatalog';
import { bannerDrawing, productDrawing } from './demoPhotos';

const ADMIN = 'demo-admin';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoShopOutcome {
  photos: number;
  templates: number;
  sessions: number;
  banners: number;
  ms: number;
}

export async function playDemoShop(baseUrl: string, now = new Date()): Promise<DemoShopOutcome> {
  const started = Date.now();
  const call = async <T>(fn: string, data: Record<string, unknown>, openid = ADMIN): Promise<T> => {
    const res = await fetch(`${baseUrl}/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify({ data }) });
    const { result } = (await res.json()) as { result: Result<T> };
    if (!result.ok) throw new Error(`${fn}.${String(data.action)}: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  const upsert = (entity: string, doc: Record<string, unknown>) => call('admin', { action: 'upsert', entity, doc });
  /** As the console uploads in the preview: the local cloud's stand-in for wx.cloud.uploadFile. */
  const upload = async (cloudPath: string, svg: string): Promise<string> => {
    const form = new FormData();
    form.append('cloudPath', cloudPath);
    form.append('file', new Blob([svg], { type: 'image/svg+xml' }), cloudPath.split('/').pop());
    const res = await fetch(`${baseUrl}/__dev/storage/upload`, { method: 'POST', body: form });
    if (!res.ok) throw new Error(`upload ${cloudPath}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { fileID: string }).fileID;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = now.getTime();

  for (const product of DEMO_PRODUCTS) {
    const imageFileId = await upload(`products/${product.skuId}.svg`, productDrawing(product));
    await upsert('product', { ...product, imageFileId });
  }

  const days = (n: number) => ({ days: n });
  const templates: Array<Record<string, unknown>> = [
    { templateId: 'demo-claim-5', name: '新鲜到家5元券', kind: 'cash', valueFen: 500, validity: days(7), claimable: true, totalStock: 500, perMemberLimit: 1 },
    { templateId: 'demo-claim-fruit', name: '水果满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: days(14), scope: { categories: ['fruit', 'imported'] }, claimable: true, totalStock: 300, perMemberLimit: 1 },
    { templateId: 'demo-claim-dairy', name: '乳品85折', kind: 'discount', payPercent: 85, maxDiscountFen: 2000, validity: days(7), scope: { categories: ['dairy', 'yogurt'] }, claimable: true, totalStock: 200, perMemberLimit: 1 },
    { templateId: 'demo-claim-silver', name: '银卡专享满199减30', kind: 'threshold', valueFen: 3000, thresholdFen: 19900, validity: days(14), audience: { type: 'tier', values: ['silver'] }, claimable: true, totalStock: 100, perMemberLimit: 1 },
    { templateId: 'demo-points-10', name: '积分兑10元券', kind: 'cash', valueFen: 1000, validity: days(30), pointsCost: 1000, totalStock: 1000 },
    { templateId: 'demo-points-milk', name: '积分兑鲜牛奶', kind: 'gift', giftSkuId: 'dairy-milk-950', validity: days(14), pointsCost: 1500, totalStock: 200, perMemberLimit: 2 },
    { templateId: 'demo-live-enter', name: '直播进场5元券', kind: 'cash', valueFen: 500, validity: days(3) },
    { templateId: 'demo-live-watch', name: '看播10分钟满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: days(3) },
    { templateId: 'demo-live-reserve', name: '预约礼3元', kind: 'cash', valueFen: 300, validity: days(7) },
    { templateId: 'demo-new-10', name: '新客见面礼满59减10', kind: 'threshold', valueFen: 1000, thresholdFen: 5900, validity: days(14) },
  ];
  for (const template of templates) await upsert('couponTemplate', template);

  await upsert('liveSession', {
    sessionId: 'live-demo-now',
    title: '周二鲜果直播 · 阳光玫瑰专场',
    roomId: 'demo-room',
    startAt: iso(at - 0.5 * HOUR),
    endAt: iso(at + 1.5 * HOUR),
    rewards: [
      { trigger: 'enter', templateId: 'demo-live-enter' },
      { trigger: 'watch', minutes: 10, templateId: 'demo-live-watch' },
    ],
  });
  await upsert('liveSession', {
    sessionId: 'live-demo-tomorrow',
    title: '明晚8点 · 进口水果品鉴会',
    roomId: 'demo-room',
    startAt: iso(at + DAY + 2 * HOUR),
    endAt: iso(at + DAY + 4 * HOUR),
    rewards: [{ trigger: 'reserve', templateId: 'demo-live-reserve' }],
  });

  const product = (skuId: string) => DEMO_PRODUCTS.find((p) => p.skuId === skuId)!;
  const banners = [
    { bannerId: 'demo-banner-fruit', title: '当季鲜果 · 草莓上新', colours: ['#ff7a59', '#ffb199'] as [string, string], items: ['fruit-strawberry', 'fruit-grape', 'fruit-citrus'], link: 'pages/product/index?skuId=fruit-strawberry' },
    // For members from 银卡 up (those who shop often enough for the card to pay): a new customer does not see it.
    { bannerId: 'demo-banner-paid', title: '心享会员 · 全场95折', colours: ['#1fa463', '#7fd1a6'] as [string, string], items: ['dairy-milk-950', 'yogurt-greek', 'gift-fruit-box'], link: 'packages/member/pages/membership/index', audience: { type: 'tier', values: ['silver'] } },
    { bannerId: 'demo-banner-invite', title: '邀请好友 · 各得好礼', colours: ['#5b6cff', '#a5b0ff'] as [string, string], items: ['imported-cherry', 'imported-blueberry', 'fruit-mango'], link: 'packages/member/pages/invite/index' },
  ];
  for (const [i, b] of banners.entries()) {
    const imageFileId = await upload(`banners/${b.bannerId}.svg`, bannerDrawing(b.colours, b.items.map(product)));
    await upsert('banner', { bannerId: b.bannerId, title: b.title, imageFileId, link: b.link, ...('audience' in b ? { audience: b.audience } : {}), window: { from: iso(at - DAY), to: iso(at + 60 * DAY) }, sort: i });
  }

  // 新客见面礼: everyone who has not paid yet gets a first-order coupon, and hears about it if subscribed.
  await upsert('campaign', { campaignId: 'demo-new-welcome', name: '新客见面礼', audience: { new: true }, benefits: [{ kind: 'coupon', templateId: 'demo-new-10' }], startAt: iso(at), notify: true });
  for (let i = 0; i < 10; i += 1) {
    const status = await call<{ done: boolean }>('admin', { action: 'runCampaign', campaignId: 'demo-new-welcome' });
    if (status.done) break;
  }
  return { photos: DEMO_PRODUCTS.length + banners.length, templates: templates.length, sessions: 2, banners: banners.length, ms: Date.now() - started };
}

if (require.main === module) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: tsx ops/demoShop.ts <local cloud url>');
    process.exit(2);
  }
  playDemoShop(url)
    .then((r) => console.log(`demo shop: ${r.photos} drawings, ${r.templates} coupon templates, ${r.sessions} live sessions, ${r.banners} banners, ${r.ms} ms`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
