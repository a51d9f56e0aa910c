import { z } from 'zod';
import { fen, id, isoInstant } from './common';
import { defineContract } from './define';
import type { CampaignState } from './vocabulary';

const tierPrices = z.object({ silver: fen.optional(), gold: fen.optional(), diamond: fen.optional() }).strict();
const weight = z.number().int().min(0).max(100);
const count = z.number().int().min(0).max(100_000);
const days = z.number().int().min(0).max(3650);
const windowEdge = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), isoInstant]);
/** A cloud-storage file id, as uploadFile answers it. */
const fileId = z.string().max(300).regex(/^cloud:\/\/\S+$/, '请上传图片');

export const entitySchemas = {
  store: z
    .object({
      storeId: id,
      name: z.string().min(1).max(40),
      address: z.string().min(1).max(120),
      hours: z.string().max(40).optional(),
      /** 门店电话: digits, spaces and -, as dialled (0755-8888 6666, 13800138000). */
      phone: z.string().regex(/^[0-9+][0-9 -]{4,19}$/, '电话号码格式不正确').optional(),
      location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional(),
      sort: z.number().int().min(0).max(9999).optional(),
    })
    .strict(),
  staff: z.object({ openid: id, storeId: id, role: z.enum(['clerk', 'manager', 'admin']), active: z.boolean(), name: z.string().max(20).optional() }).strict(),
  product: z
    .object({
      skuId: id,
      name: z.string().min(1).max(40),
      category: id,
      unit: z.string().min(1).max(20),
      listPriceFen: fen.min(1),
      memberPriceFen: tierPrices.optional(),
      paidPriceFen: fen.min(1).optional(),
      noExtraDiscount: z.boolean().optional(),
      onSale: z.boolean().optional(),
      image: z.string().max(300).optional(),
      /** The photo in cloud storage (cloud://…); the shop shows it through a temporary URL. */
      imageFileId: fileId.optional(),
      description: z.string().max(300).optional(),
    })
    .strict(),
  priceList: z
    .object({
      priceListId: id,
      name: z.string().min(1).max(40),
      audience: z.object({ type: z.enum(['group', 'segment', 'tier', 'paid', 'new']), values: z.array(z.string().min(1).max(64)).max(50).optional() }).strict(),
      window: z.object({ from: windowEdge, to: windowEdge, weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional() }).strict(),
      items: z
        .array(z.object({ skuId: id, priceFen: fen.min(1), totalQty: z.number().int().min(1).optional(), perMemberQty: z.number().int().min(1).optional() }).strict())
        .min(1)
        .max(200),
      active: z.boolean().optional(),
    })
    .strict(),
  couponTemplate: z
    .object({
      templateId: id,
      name: z.string().min(1).max(40),
      kind: z.enum(['cash', 'threshold', 'discount', 'gift']),
      valueFen: fen.min(1).optional(),
      thresholdFen: fen.optional(),
      payPercent: z.number().int().min(1).max(99).optional(),
      maxDiscountFen: fen.min(1).optional(),
      giftSkuId: id.optional(),
      validity: z.union([z.object({ from: windowEdge, to: windowEdge }).strict(), z.object({ days: z.number().int().min(1).max(3650) }).strict()]),
      scope: z.object({ categories: z.array(id).max(50).optional(), skuIds: z.array(id).max(500).optional() }).strict().optional(),
      audience: z.object({ type: z.enum(['group', 'segment', 'tier', 'paid', 'new']), values: z.array(z.string().min(1).max(64)).max(50).optional() }).strict().optional(),
      totalStock: z.number().int().min(0).max(100_000_000).optional(),
      perMemberLimit: z.number().int().min(1).max(1000).optional(),
      pointsCost: z.number().int().min(1).max(10_000_000).optional(),
      claimable: z.boolean().optional(),
      active: z.boolean().optional(),
    })
    .strict()
    .superRefine((t, ctx) => {
      // Each names the field to fix, so a form can show it beside that field.
      const need = (ok: boolean, field: string, message: string) => ok || ctx.addIssue({ code: 'custom', message, path: [field] });
      if (t.kind === 'cash') need(t.valueFen !== undefined, 'valueFen', '无门槛券需要填写面额');
      if (t.kind === 'threshold') need(t.valueFen !== undefined && t.thresholdFen !== undefined && t.thresholdFen > t.valueFen, 'thresholdFen', '满减券需要填写门槛和面额，且门槛须高于面额');
      if (t.kind === 'discount') need(t.payPercent !== undefined, 'payPercent', '折扣券需要填写折扣（75 即 75折）');
      if (t.kind === 'gift') need(t.giftSkuId !== undefined, 'giftSkuId', '赠品券需要选择赠品');
    }),
  liveSession: z
    .object({
      sessionId: id,
      title: z.string().min(1).max(60),
      roomId: z.string().min(1).max(64),
      startAt: isoInstant,
      endAt: isoInstant,
      /** The stream the room plays (an https or rtmp address). */
      streamUrl: z.string().max(500).regex(/^(https|rtmp):\/\/\S+$/, '直播流地址须以 https:// 或 rtmp:// 开头').optional(),
      audience: z.object({ type: z.enum(['group', 'segment', 'tier', 'paid', 'new']), values: z.array(z.string().min(1).max(64)).max(50).optional() }).strict().optional(),
      rewards: z
        .array(z.object({ trigger: z.enum(['reserve', 'enter', 'watch', 'share', 'missed']), minutes: z.number().int().min(1).max(600).optional(), templateId: id }).strict())
        .max(20),
    })
    .strict()
    .refine((s) => Date.parse(s.endAt) > Date.parse(s.startAt), { message: '结束时间必须晚于开始时间', path: ['endAt'] }),
  plan: z
    .object({
      plan: z.enum(['lite', 'premium']),
      name: z.string().min(1).max(20).optional(),
      priceFen: fen.min(1),
      monthlyPack: z.array(id).max(20),
      weeklyGift: z.array(id).max(20),
      birthdayTemplateId: id.optional(),
    })
    .strict(),
  tierBenefit: z.object({ tier: z.enum(['silver', 'gold', 'diamond']), upgradePack: z.array(id).max(20), birthdayTemplateId: id.optional() }).strict(),
  /** The RFM+X thresholds; each part left out keeps its default. Applies from the next week's run. */
  segmentRules: z
    .object({
      windowDays: z.number().int().min(7).max(730).optional(),
      xWeights: z.object({ invitee: weight, order: weight, visitor: weight }).strict().optional(),
      S5: z.object({ minX: count }).strict().optional(),
      S1: z.object({ maxR: days, minF: count, minMFen: fen }).strict().optional(),
      S2: z.object({ maxR: days, minF: count, minMFen: fen }).strict().optional(),
      S3: z.object({ maxR: days, minF: count, minX: count }).strict().optional(),
      S6: z.object({ minRExclusive: days }).strict().optional(),
    })
    .strict(),
  /**
   * 千人千券: who gets what, from when. Audience conditions must all hold (`all` alone: everyone);
   * each run gives every member in the audience each benefit once. `repeat: "weekly"` runs again each
   * week after the Monday segmentation; `notify` sends the campaignGift message to those subscribed.
   */
  campaign: z
    .object({
      campaignId: id,
      name: z.string().min(1).max(40),
      audience: z
        .object({
          segments: z.array(z.enum(['S1', 'S2', 'S3', 'S4', 'S5', 'S6'])).min(1).max(6).optional(),
          tiers: z.array(z.enum(['normal', 'silver', 'gold', 'diamond'])).min(1).max(4).optional(),
          paid: z.boolean().optional(),
          groups: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
          new: z.boolean().optional(),
          all: z.literal(true).optional(),
        })
        .strict()
        .refine((a) => Object.keys(a).length > 0, '请选择活动人群'),
      benefits: z
        .array(z.discriminatedUnion('kind', [z.object({ kind: z.literal('coupon'), templateId: id }).strict(), z.object({ kind: z.literal('points'), points: z.number().int().min(1).max(100_000) }).strict()]))
        .min(1, '请至少添加一项权益')
        .max(10),
      startAt: isoInstant,
      repeat: z.literal('weekly').optional(),
      notify: z.boolean().optional(),
    })
    .strict(),
  /** A banner of the shop's home (首页轮播), for an audience and a time window. */
  banner: z
    .object({
      bannerId: id,
      title: z.string().min(1).max(30),
      imageFileId: fileId,
      /** The page it opens: a mini-program path (pages/product/index?skuId=…). */
      link: z.string().max(200).regex(/^\/?(pages|packages)\/[A-Za-z0-9_/-]+(\?[A-Za-z0-9_.:=&%-]*)?$/, '请填写小程序页面路径，如 pages/product/index?skuId=…'),
      audience: z.object({ type: z.enum(['group', 'segment', 'tier', 'paid', 'new']), values: z.array(z.string().min(1).max(64)).max(50).optional() }).strict().optional(),
      window: z.object({ from: windowEdge, to: windowEdge }).strict(),
      sort: z.number().int().min(0).max(9999).optional(),
      active: z.boolean().optional(),
    })
    .strict(),
  /** What an invitation pays when the invitee's first order is paid: a coupon each. */
  referralRule: z.object({ inviterTemplateId: id, inviteeTemplateId: id }).strict(),
} as const;

export type EntityName = keyof typeof entitySchemas;

export const adminRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('upsert'), entity: z.enum(['store', 'staff', 'product', 'priceList', 'couponTemplate', 'liveSession', 'plan', 'tierBenefit', 'segmentRules', 'referralRule', 'campaign', 'banner']), doc: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ action: z.literal('setStock'), storeId: id, skuId: id, stock: z.number().int().min(0).max(1_000_000) }).strict(),
  z
    .object({
      action: z.literal('grant'),
      openid: id,
      kind: z.enum(['points', 'coupon', 'paid', 'trial']),
      plan: z.enum(['lite', 'premium']).optional(),
      days: z.number().int().min(1).max(3660).optional(),
      points: z.number().int().min(-1_000_000).max(1_000_000).optional(),
      reason: z.string().min(1).max(100).optional(),
      templateId: id.optional(),
      /** Makes a repeated grant (a retried request) issue once; the operator tool sends one per click. */
      grantId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
    })
    .strict()
    .superRefine((g, ctx) => {
      if (g.kind === 'points' && (g.points === undefined || !g.reason)) ctx.addIssue({ code: 'custom', message: '发放积分需要填写积分数和原因', path: ['points'] });
      if (g.kind === 'coupon' && !g.templateId) ctx.addIssue({ code: 'custom', message: '发放优惠券需要选择券', path: ['templateId'] });
      if ((g.kind === 'paid' || g.kind === 'trial') && (!g.plan || !g.days)) ctx.addIssue({ code: 'custom', message: '发放会员卡需要选择卡种和天数', path: ['plan'] });
    }),
  /** Runs (or resumes) this week's segmentation for up to ~12 s; call again while `done` is false. */
  z.object({ action: z.literal('runSegmentation') }).strict(),
  /** Starts (or resumes) the campaign's current run now, whatever its start time; works for up to ~12 s, call again while `done` is false. */
  z.object({ action: z.literal('runCampaign'), campaignId: id }).strict(),
  /** Stops the campaign between pages; runCampaign resumes it where it stopped. */
  z.object({ action: z.literal('pauseCampaign'), campaignId: id }).strict(),
  z.object({ action: z.literal('campaignStatus'), campaignId: id }).strict(),
  /** Every admin write, newest first, AUDIT_PAGE_SIZE a page; pass back `cursor` for older ones. */
  z.object({ action: z.literal('audit'), cursor: z.string().min(1).max(100).nullable().optional() }).strict(),
  /** An entity's documents by id, LIST_PAGE_SIZE a page, for the console's lists. */
  z.object({ action: z.literal('list'), entity: z.enum(['store', 'staff', 'product', 'priceList', 'couponTemplate', 'liveSession', 'plan', 'tierBenefit', 'segmentRules', 'referralRule', 'campaign', 'banner']), cursor: z.string().min(1).max(100).nullable().optional() }).strict(),
  /** The operators' figures: segment weeks are the last `weeks` runs; orders, GMV, coupons and lives count the last `weeks` × 7 days. */
  z.object({ action: z.literal('dashboard'), weeks: z.number().int().min(1).max(52).optional() }).strict(),
]);

/** Members per segment in one week's run; `none`: members who never paid. */
export type SegmentCountsView = Record<'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'none', number>;

export interface DashboardView {
  /** ISO instant the figures were computed at. */
  asOf: string;
  /** Finished segmentation weeks, oldest first. */
  segments: Array<{ week: string; counts: SegmentCountsView }>;
  /** Members by (segment the week before → segment in the latest week); `none` for no segment. */
  moves: { from: string | null; to: string | null; list: Array<{ from: string; to: string; members: number }> };
  /** Paid orders of the window (net of refunds) by the buyer's segment when ordering; `members` is the latest week's size. */
  bySegment: Array<{ segment: string; members: number; orders: number; gmvFen: number; couponsUsed: number }>;
  /** Coupons issued in the window by template, how many are used, and what the used ones took off. */
  coupons: Array<{ templateId: string; issued: number; used: number; discountFen: number }>;
  /**
   * Live sessions that ended in the window or are still to end: members who reserved, entered,
   * watched 10 minutes, got one of its coupons, ordered from it (orders) and shared it, and the GMV of
   * its orders.
   */
  live: Array<{ sessionId: string; reserved: number; entered: number; watched: number; claimed: number; ordered: number; shared: number; gmvFen: number }>;
  /** Paid cards running now, and what 开卡保本 has given back. */
  paid: { active: number; lite: number; premium: number; guaranteeFen: number };
  /** The ten members whose share cards brought the most paid orders in the window (net of refunds). */
  sharers: Array<{ openid: string; orders: number; gmvFen: number }>;
  /** Every campaign's latest run, and what its coupons brought: coupons used and the GMV of the paid orders that used them (net of refunds). */
  campaigns: Array<{ campaignId: string; matched: number; issued: number; skipped: number; used: number; gmvFen: number }>;
}

/** A campaign's latest run: members in its audience so far, benefits issued, members left without one, messages sent. */
export interface CampaignStatusView {
  campaignId: string;
  state: CampaignState;
  /** `once`, or the ISO week of a weekly campaign's run; null before the first run. */
  runKey: string | null;
  matched: number;
  /** Coupons and points grants given (a member with two benefits counts twice). */
  issued: number;
  /** Benefits a member in the audience did not get: the template's stock or the member's limit ran out. */
  skipped: number;
  notified: number;
  /** The run has gone through the whole audience. */
  done: boolean;
}

export const AUDIT_PAGE_SIZE = 20;
export const LIST_PAGE_SIZE = 50;

/** One admin write: who, when, which action on which document, and the document before and after. */
export interface AuditEntry {
  /** ISO instant. */
  at: string;
  /** The operator's openid. */
  by: string;
  action: string;
  entity: string;
  id: string;
  /** null for a document that did not exist. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface AdminResponses {
  upsert: { id: string };
  setStock: { storeId: string; skuId: string; stock: number };
  grant: { openid: string; points?: number; couponId?: string; paidExpiresAt?: string };
  runSegmentation: { week: string; members: number; changed: number; done: boolean };
  dashboard: DashboardView;
  runCampaign: CampaignStatusView;
  pauseCampaign: CampaignStatusView;
  campaignStatus: CampaignStatusView;
  audit: { entries: AuditEntry[]; cursor: string | null };
  list: { items: Array<Record<string, unknown>>; cursor: string | null };
}

export const adminContract = defineContract<AdminResponses>()('admin', adminRequest);
