import type { CouponPerk, CouponSource } from '@core/couponTemplate';
import type { Member, PaidPlan } from '@core/member';
import { PLAN_NAMES, PLAN_PRICES_FEN } from '@core/membership';
import { TIERS, tierRank, type Tier } from '@core/tier';
import { COLLECTIONS, rowsOf } from '../platform/collections';
import { issueCoupon, type CouponRecord } from './couponIssue';
import type { Database } from '../platform/handler';
import { loadTemplates } from '../data/liveData';
import { memberInTx } from '../data/ledger';
import { currentKey, packSlots, REVOKE_REASONS, revokeUnusedInTx, slotId } from './rewards';
import { withTransaction, type Transaction } from '../platform/transaction';

/** A plan as operators configure it; an empty environment still offers both at the docs/domain.md prices. */
export interface PlanConfig {
  plan: PaidPlan;
  name: string;
  priceFen: number;
  monthlyPack: string[];
  weeklyGift: string[];
  birthdayTemplateId?: string;
}

export interface TierBenefitConfig {
  tier: Tier;
  upgradePack: string[];
  birthdayTemplateId?: string;
}

export async function loadPlans(db: Database): Promise<Record<PaidPlan, PlanConfig>> {
  const rows = rowsOf<Partial<PlanConfig> & { plan: PaidPlan }>(await db.collection(COLLECTIONS.plans).limit(10).get());
  const plan = (p: PaidPlan): PlanConfig => {
    const row = rows.find((r) => r.plan === p);
    return { plan: p, name: row?.name ?? PLAN_NAMES[p], priceFen: row?.priceFen ?? PLAN_PRICES_FEN[p], monthlyPack: row?.monthlyPack ?? [], weeklyGift: row?.weeklyGift ?? [], birthdayTemplateId: row?.birthdayTemplateId };
  };
  return { lite: plan('lite'), premium: plan('premium') };
}

export async function loadTierBenefits(db: Database): Promise<Map<Tier, TierBenefitConfig>> {
  const rows = rowsOf<TierBenefitConfig>(await db.collection(COLLECTIONS.tierBenefits).limit(10).get());
  return new Map(rows.map((r) => [r.tier, r]));
}

/**
 * Issues each template once for this key through the one issuance path (a template listed twice is
 * two coupons; `perk` marks coupons that are a paid card's benefit; `revoked` moves a slot whose coupon a refund took back to a fresh key). A template that
 * is gone or sold out is skipped (the member keeps the rest); answers the coupons this call created.
 */
export async function grantTemplates(
  db: Database,
  templateIds: readonly string[],
  openid: string,
  source: CouponSource,
  sourceKey: string,
  now: Date,
  options: { revoked?: readonly string[]; perk?: CouponPerk } = {},
): Promise<{ created: CouponRecord[]; existing: CouponRecord[] }> {
  const templates = await loadTemplates(db, [...templateIds]);
  const created: CouponRecord[] = [];
  const existing: CouponRecord[] = [];
  for (const slot of packSlots(templateIds, sourceKey)) {
    const template = templates.get(slot.templateId);
    if (!template || template.active === false) continue;
    try {
      const result = await issueCoupon(db, { template, openid, source, sourceKey: currentKey(slot, options.revoked), now, perk: options.perk });
      (result.created ? created : existing).push(result.coupon);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SOLD_OUT' && code !== 'LIMIT_REACHED') throw err;
    }
  }
  return { created, existing };
}

/** Tiers an upgrade from `from` to `to` reached, skipped ones included (银卡 → 钻卡 reaches 金卡 and 钻卡). */
export function tiersReached(from: Tier, to: Tier): Tier[] {
  return TIERS.filter((t) => tierRank(t) > tierRank(from) && tierRank(t) <= tierRank(to));
}

export const packKey = (tier: Tier) => `tier:${tier}`;

type PackMember = Pick<Member, 'tier' | 'upgradePacksDue' | 'revokedRewards'>;

/**
 * 升级礼包, once per member per tier reached. The tiers are recorded on the member
 * (`upgradePacksDue`) in the same transaction as the upgrade; this issues what is due (keyed by tier,
 * so a repeat issues nothing) and then clears it. Any later call finishes what a crash left. A refund
 * that took the tier away while this ran (it saw the tier due before the refund committed) is caught
 * by reading the member again: what was just issued for a tier no longer held is taken back.
 */
export async function grantDueUpgradePacks(db: Database, openid: string, now: Date): Promise<number> {
  const readMember = async () => rowsOf<PackMember>(await db.collection(COLLECTIONS.members).where({ _id: openid }).limit(1).get())[0];
  const member = await readMember();
  const due = member?.upgradePacksDue ?? [];
  if (!due.length) return 0;
  const benefits = await loadTierBenefits(db);
  const issued: Array<{ tier: Tier; coupons: CouponRecord[] }> = [];
  for (const tier of due) {
    const pack = benefits.get(tier)?.upgradePack ?? [];
    if (pack.length) issued.push({ tier, coupons: (await grantTemplates(db, pack, openid, 'upgrade', packKey(tier), now, { revoked: member.revokedRewards })).created });
  }
  await db.collection(COLLECTIONS.members).doc(openid).update({ data: { upgradePacksDue: db.command.pullAll(due) } });
  const created = issued.flatMap((i) => i.coupons);
  if (!created.length) return 0;
  const after = await readMember();
  const lost = issued.filter((i) => tierRank(i.tier) > tierRank(after.tier)).flatMap((i) => i.coupons);
  if (lost.length) await revokeIssued(db, openid, lost, REVOKE_REASONS.tier, now);
  return created.length - lost.length;
}

/** Takes back coupons just issued for a cause that is gone, recording their slots for a later regrant. */
async function revokeIssued(db: Database, openid: string, coupons: readonly CouponRecord[], reason: string, now: Date): Promise<void> {
  await withTransaction(db, async (tx: Transaction) => {
    const member = await memberInTx(tx, openid);
    const slots: string[] = [];
    for (const c of coupons) if (await revokeUnusedInTx(tx, c.couponId, reason, now)) slots.push(slotOfKey(c.templateId, c.sourceKey));
    if (slots.length) await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { revokedRewards: [...(member.revokedRewards ?? []), ...slots] } });
  });
}

/** The slot a coupon was issued for, from its key (`tier:gold:r1` → `tier:gold|<template>`). */
export function slotOfKey(templateId: string, sourceKey: string): string {
  return slotId({ templateId, baseKey: sourceKey.replace(/:r\d+$/, '') });
}
