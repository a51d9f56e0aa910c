/**
 * Nine weeks of shop life played into a fresh demo cloud through the real functions (`npm start`
 * does it once per data directory): members buying and picking up, cards shared and opened, friends
 * invited, a live session watched, and each Monday's segmentation run in between — so the members
 * fall into every segment, the weeks show moves, and the dashboard has figures. The cloud's clock is
 * set to each moment in turn and given back to real time at the end. Everything goes through the
 * functions as the app and the clerks would call them, so every figure and ledger line is consistent.
 *
 * `npx tsx ops/demoHistory.ts http://127.0.0.1:9800`
 */
import { businessWeekStart } from '@core/businessTime';

type Items = Array<{ skuId: string; qty: number }>;
type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const DAY = 86_400_000;
const FLAGSHIP = 'store-flagship';
const CLERK = 'demo-clerk-1';
const ADMIN = 'demo-admin';

/** Carts in rotation (different SKUs, so no shelf runs dry), by rough size. */
const CARTS: Record<'big' | 'mid' | 'small', Items[]> = {
  big: [
    [{ skuId: 'gift-fruit-box', qty: 1 }, { skuId: 'dairy-milk-950', qty: 2 }],
    [{ skuId: 'imported-cherry', qty: 1 }, { skuId: 'fruit-durian', qty: 1 }],
    [{ skuId: 'gift-milk-box', qty: 1 }, { skuId: 'imported-kiwi', qty: 1 }, { skuId: 'fruit-grape', qty: 1 }],
  ],
  mid: [
    [{ skuId: 'imported-cherry', qty: 1 }],
    [{ skuId: 'gift-milk-box', qty: 1 }, { skuId: 'fruit-strawberry', qty: 1 }],
    [{ skuId: 'imported-blueberry', qty: 1 }, { skuId: 'fruit-citrus', qty: 1 }],
  ],
  small: [[{ skuId: 'dairy-milk-950', qty: 1 }], [{ skuId: 'yogurt-greek', qty: 1 }], [{ skuId: 'fruit-pear', qty: 1 }], [{ skuId: 'veg-tomato', qty: 1 }]],
};

interface Shopper {
  openid: string;
  size: keyof typeof CARTS;
  /** Days before now of each order. */
  orders: number[];
}

/** Who buys what and when (days before now), chosen so that each lands in its segment by the last Monday. */
const SHOPPERS: Shopper[] = [
  // S1 钻石核心: 8+ orders in 180 days, the last within 14, ¥1,500+.
  { openid: 'demo-diamond', size: 'big', orders: [120, 95, 70, 52, 40, 28, 16, 9, 2] },
  ...['demo-m01', 'demo-m02', 'demo-m03'].map((openid, i) => ({ openid, size: 'big' as const, orders: [150, 110, 80, 60, 45, 30, 20, 10 - i, 4 + i] })),
  // S2 忠诚复购: 4+ orders, the last within 30, ¥400+.
  { openid: 'demo-gold', size: 'mid', orders: [58, 41, 26, 12, 6] },
  ...['demo-m04', 'demo-m05', 'demo-m06', 'demo-m07'].map((openid, i) => ({ openid, size: 'mid' as const, orders: [70 - i * 5, 44, 30, 19 - i, 8 + i] })),
  // S3 高潜成长: 2+ orders within 60 days, and friends who opened their cards (below).
  { openid: 'demo-member', size: 'small', orders: [52, 33] },
  ...['demo-m08', 'demo-m09'].map((openid, i) => ({ openid, size: 'small' as const, orders: [55 - i * 3, 38 + i] })),
  // S4 价格敏感: a few small orders, not recent.
  { openid: 'demo-normal', size: 'small', orders: [110, 75] },
  ...['demo-m10', 'demo-m11', 'demo-m12', 'demo-m13', 'demo-m14'].map((openid, i) => ({ openid, size: 'small' as const, orders: [130 - i * 6, 90 - i * 4, 66 + i] })),
  // S6 沉睡新客: one order, more than 30 days ago.
  ...['demo-m15', 'demo-m16', 'demo-m17', 'demo-m18'].map((openid, i) => ({ openid, size: 'small' as const, orders: [40 + i * 12] })),
  // S5 KOC: one order of their own; their invitees below.
  { openid: 'demo-paid', size: 'mid', orders: [24] },
];

/** The KOC's friends: each opens the card, becomes an invitee and pays a first order within a day. */
const KOC_INVITEES = ['demo-f01', 'demo-f02', 'demo-f03', 'demo-f04', 'demo-f05', 'demo-f06'];
/** Friends who open S3 members' cards and browse (new customers who have not ordered yet). */
const S3_VISITORS = ['demo-v01', 'demo-v02', 'demo-v03', 'demo-v04', 'demo-v05'];

export interface DemoHistoryOutcome {
  orders: number;
  weeks: string[];
  ms: number;
}

export async function playDemoHistory(baseUrl: string, now = new Date()): Promise<DemoHistoryOutcome> {
  const started = Date.now();
  const post = async <T>(path: string, body: unknown, openid?: string): Promise<T> => {
    const res = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) }, body: JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const call = async <T>(fn: string, data: Record<string, unknown>, openid: string): Promise<T> => {
    const { result } = await post<{ result: Result<T> }>(`/functions/${fn}`, { data }, openid);
    if (!result.ok) throw new Error(`${fn}.${String(data.action)} as ${openid}: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  const setClock = (at: Date | null) => post('/__dev/clock', { now: at ? at.toISOString() : null });

  let requestNo = 0;
  let ordersPlaced = 0;
  const rotation = { big: 0, mid: 0, small: 0 };
  /** Orders, pays and (an hour later) picks up, as the member, WeChat Pay and the clerk would. */
  async function buy(openid: string, items: Items, at: Date, extra: Record<string, unknown> = {}): Promise<void> {
    await setClock(at);
    requestNo += 1;
    const created = await call<{ orderId: string; outTradeNo: string; status: string }>('order', { action: 'create', storeId: FLAGSHIP, items, requestId: `demo-history-${String(requestNo).padStart(5, '0')}`, ...extra }, openid);
    if (created.status !== 'paid') await post(`/__dev/pay/${created.outTradeNo}`, { result: 'SUCCESS', times: 1 });
    const order = await call<{ voucher: { shortCode: string } | null }>('order', { action: 'detail', orderId: created.orderId }, openid);
    await setClock(new Date(at.getTime() + 3_600_000));
    if (order.voucher) await call('staff', { action: 'redeem', code: order.voucher.shortCode }, CLERK);
    ordersPlaced += 1;
  }
  const cart = (size: keyof typeof CARTS) => CARTS[size][rotation[size]++ % CARTS[size].length];
  const daysBefore = (days: number, hour = 12) => new Date(now.getTime() - days * DAY + (hour - 12) * 3_600_000);

  // Everything that happens, in time order; the Mondays' runs go in between.
  const events: Array<{ at: Date; run: () => Promise<void> }> = [];
  for (const shopper of SHOPPERS) for (const d of shopper.orders) events.push({ at: daysBefore(d), run: () => buy(shopper.openid, cart(shopper.size), daysBefore(d)) });
  // S3: each shares a card a few weeks ago; new friends open it.
  ['demo-member', 'demo-m08', 'demo-m09'].forEach((sharer, i) =>
    events.push({
      at: daysBefore(30 - i),
      run: async () => {
        await setClock(daysBefore(30 - i));
        const card = await call<{ shareId: string }>('member', { action: 'share', kind: 'product', targetId: 'fruit-strawberry' }, sharer);
        for (const visitor of S3_VISITORS) await call('member', { action: 'openShare', shareId: card.shareId }, visitor);
      },
    }),
  );
  // S5: the KOC's invitation card, opened by six friends who each pay a first order the next morning.
  events.push({
    at: daysBefore(20),
    run: async () => {
      await setClock(daysBefore(20));
      const card = await call<{ shareId: string }>('member', { action: 'share', kind: 'invite' }, 'demo-paid');
      for (const friend of KOC_INVITEES) await call('member', { action: 'openShare', shareId: card.shareId }, friend);
      for (const [i, friend] of KOC_INVITEES.entries()) await buy(friend, cart('small'), daysBefore(19.9 - i * 0.001));
    },
  });
  // A friend spends the 新人礼 coupon the invitation gave her.
  events.push({
    at: daysBefore(10),
    run: async () => {
      const { coupons } = await call<{ coupons: Array<{ couponId: string; source: string; status: string }> }>('coupon', { action: 'wallet' }, KOC_INVITEES[0]);
      const gift = coupons.find((c) => c.source === 'referral' && c.status === 'unused');
      await buy(KOC_INVITEES[0], cart('big'), daysBefore(10), gift ? { couponId: gift.couponId } : {});
    },
  });
  // A live session twelve days ago: reserved, entered, watched, bought from.
  events.push({ at: daysBefore(13), run: () => playLive(daysBefore(12, 20)) });

  const weeks: string[] = [];
  const firstMonday = mondayAt3(new Date(now.getTime() - 9 * 7 * DAY));
  for (let monday = firstMonday; monday.getTime() <= now.getTime(); monday = new Date(monday.getTime() + 7 * DAY)) {
    const at = monday;
    events.push({
      at,
      run: async () => {
        await setClock(at);
        const res = await post<{ result: { week: string; done: boolean } }>('/__dev/trigger/segmentation', {});
        if (!res.result.done) throw new Error(`segmentation of ${res.result.week} did not finish in one run`);
        weeks.push(res.result.week);
      },
    });
  }
  // 千人千券: after the latest Monday's segmentation, a weekly campaign gives S4 (price-sensitive
  // members) a 满59减10 back-to-shop coupon; the campaigns timer repeats it each week from then.
  const campaignAt = new Date(Math.max(...events.map((e) => e.at.getTime())) + 3_600_000);
  events.push({ at: campaignAt, run: () => playCampaign(campaignAt) });
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  try {
    for (const event of events) await event.run();
  } finally {
    await setClock(null);
  }
  return { orders: ordersPlaced, weeks, ms: Date.now() - started };

  async function playCampaign(at: Date): Promise<void> {
    await setClock(at);
    const validity = { days: 14 };
    await call('admin', { action: 'upsert', entity: 'couponTemplate', doc: { templateId: 'demo-back-59', name: '回流满减券', kind: 'threshold', valueFen: 1000, thresholdFen: 5900, validity, perMemberLimit: 10 } }, ADMIN);
    const campaign = { campaignId: 'demo-s4-weekly', name: '价格敏感会员回流礼', audience: { segments: ['S4'] }, benefits: [{ kind: 'coupon', templateId: 'demo-back-59' }], startAt: at.toISOString(), repeat: 'weekly', notify: true };
    await call('admin', { action: 'upsert', entity: 'campaign', doc: campaign }, ADMIN);
    for (let i = 0; i < 10; i += 1) {
      const status = await call<{ done: boolean }>('admin', { action: 'runCampaign', campaignId: campaign.campaignId }, ADMIN);
      if (status.done) return;
    }
    throw new Error('the demo campaign did not finish');
  }

  async function playLive(startAt: Date): Promise<void> {
    const sessionId = 'live-demo-past';
    const endAt = new Date(startAt.getTime() + 2 * 3_600_000);
    await setClock(new Date(startAt.getTime() - DAY));
    await call('admin', { action: 'upsert', entity: 'liveSession', doc: { sessionId, title: '周五鲜果直播间·车厘子专场', roomId: 'demo-room', startAt: startAt.toISOString(), endAt: endAt.toISOString(), rewards: [] } }, ADMIN);
    const viewers = ['demo-m04', 'demo-m05', 'demo-m10', 'demo-m11', 'demo-m12', 'demo-normal'];
    for (const v of viewers) await call('live', { action: 'reserve', sessionId }, v);
    const entering = viewers.slice(0, 5);
    for (const v of entering) {
      await setClock(new Date(startAt.getTime() + 60_000));
      await call('live', { action: 'enter', sessionId }, v);
    }
    // Three stay for ten minutes (a heartbeat a minute).
    for (let minute = 1; minute <= 11; minute += 1) {
      await setClock(new Date(startAt.getTime() + (minute + 1) * 60_000));
      for (const v of entering.slice(0, 3)) await call('live', { action: 'heartbeat', sessionId }, v);
    }
    for (const v of entering.slice(0, 2)) await buy(v, [{ skuId: 'imported-cherry', qty: 1 }], new Date(startAt.getTime() + 20 * 60_000), { liveSessionId: sessionId });
  }
}

/** Monday 03:00 in Shanghai of the week holding `instant` (the segmentation timer's first firing). */
function mondayAt3(instant: Date): Date {
  return new Date(`${businessWeekStart(instant)}T03:00:00+08:00`);
}

if (require.main === module) {
  const url = process.argv[2];
  if (!url) {
    console.error('usage: tsx ops/demoHistory.ts <local cloud url>');
    process.exit(2);
  }
  playDemoHistory(url)
    .then((r) => console.log(`demo history: ${r.orders} orders, segmentation weeks ${r.weeks[0]}…${r.weeks[r.weeks.length - 1]}, ${r.ms} ms`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
