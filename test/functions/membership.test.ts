import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { randomUUID } from 'node:crypto';
import type { CouponResponses } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { MembershipResponses } from '@contract/membership';
import type { CreatedOrder } from '@contract/order';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { upsertTemplate } from '@test/support/coupons';
import { buy, documents, errorOf, okData, pay, profile, quote, setClock } from '@test/support/shop';

const FRIDAY = '2026-11-27T04:00:00.000Z';
const DAY = 86_400_000;

describe('membership', () => {
  let cloud: EmulatorInstance;
  const call = <T>(openid: string, data: Record<string, unknown>) => cloud.call<Result<T>>('membership', data, openid);
  const admin = async (data: Record<string, unknown>) => okData(await cloud.call<Result<unknown>>('admin', data, 'demo-admin'));
  const wallet = async (openid: string) => okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, openid)).coupons;
  async function purchase(openid: string, plan: 'lite' | 'premium') {
    const created = okData(await call<CreatedOrder>(openid, { action: 'purchase', plan, requestId: randomUUID().replace(/-/g, '') }));
    await pay(cloud, created.outTradeNo, 3);
    return created;
  }

  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, FRIDAY);
    await cloud.post('/__dev/reset', { seed: 'demo' });
    await upsertTemplate(cloud, { templateId: 'pack-10', name: '月度无门槛10元', kind: 'cash', valueFen: 1000, validity: { days: 31 } });
    await upsertTemplate(cloud, { templateId: 'pack-99-20', name: '月度满99减20', kind: 'threshold', valueFen: 2000, thresholdFen: 9900, validity: { days: 31 } });
    await upsertTemplate(cloud, { templateId: 'gift-weekly', name: '每周惊喜5元', kind: 'cash', valueFen: 500, validity: { days: 7 } });
    await upsertTemplate(cloud, { templateId: 'bday-75', name: '生日75折', kind: 'discount', payPercent: 75, maxDiscountFen: 5000, validity: { days: 30 } });
    await admin({ action: 'upsert', entity: 'plan', doc: { plan: 'premium', priceFen: 19900, monthlyPack: ['pack-10', 'pack-99-20'], weeklyGift: ['gift-weekly'], birthdayTemplateId: 'bday-75' } });
  });

  test('plans: an empty environment still offers both cards at 99 and 199', async () => {
    const plans = okData(await call<MembershipResponses['plans']>('demo-normal', { action: 'plans' }));
    assert.deepEqual(plans.map((p) => [p.plan, p.priceFen, 'kind' in p.forMe ? p.forMe.kind : null]), [
      ['lite', 9900, 'new'],
      ['premium', 19900, 'new'],
    ]);
  });

  test('purchase → pay: the card is active once, and a Friday checkout pays 85% of the member price', async () => {
    const created = await purchase('demo-gold', 'premium');
    assert.equal(created.payableFen, 19900);
    const me = await profile(cloud, 'demo-gold');
    assert.equal(me.paid?.plan, 'premium');
    assert.equal(me.paid?.expiresAt, '2027-11-27T04:00:00.000Z');
    const q = okData(await quote(cloud, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }]));
    assert.equal(q.lines[0].unitPriceFen, 3990); // gold member price
    assert.equal(q.paidMemberPercent, 85);
    assert.equal(q.payableFen, 7980 - Math.floor((7980 * 15 + 50) / 100));
    await buy(cloud, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }]);
    const status = okData(await call<MembershipResponses['status']>('demo-gold', { action: 'status' }));
    assert.equal(status.card?.term?.feeFen, 19900);
    assert.equal(status.card?.term?.savedFen, 7980 - q.payableFen);
  });

  test('开卡保本: a monthly-pack coupon used on an order counts as the card\'s saving; a claim-centre coupon does not', async () => {
    await purchase('demo-gold', 'premium');
    okData(await call('demo-gold', { action: 'claimMonthlyPack' }));
    const pack = (await wallet('demo-gold')).find((c) => c.templateId === 'pack-10')!;
    const before = okData(await call<MembershipResponses['status']>('demo-gold', { action: 'status' })).card!.term!.savedFen;
    const paid = await buy(cloud, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }], { couponId: pack.couponId });
    const after = okData(await call<MembershipResponses['status']>('demo-gold', { action: 'status' })).card!.term!.savedFen;
    assert.equal(after - before, paid.paidMemberDiscountFen + paid.couponDiscountFen);
    assert.ok(paid.couponDiscountFen > 0);
    await upsertTemplate(cloud, { templateId: 'claim-10', name: '领券10元', kind: 'cash', valueFen: 1000, validity: { days: 7 }, claimable: true });
    const claimed = okData(await cloud.call<Result<CouponResponses['claim']>>('coupon', { action: 'claim', templateId: 'claim-10' }, 'demo-gold'));
    const other = await buy(cloud, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }], { couponId: claimed.couponId });
    const last = okData(await call<MembershipResponses['status']>('demo-gold', { action: 'status' })).card!.term!.savedFen;
    assert.equal(last - after, other.paidMemberDiscountFen);
  });

  test('claimMonthlyPack: once per calendar month, however many taps arrive at once', async () => {
    await purchase('demo-gold', 'premium');
    const results = await Promise.all(Array.from({ length: 10 }, () => call<MembershipResponses['claimMonthlyPack']>('demo-gold', { action: 'claimMonthlyPack' })));
    assert.equal(results.filter((r) => r.ok).length, 1);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'LIMIT_REACHED');
    assert.equal((await wallet('demo-gold')).length, 2);
    await setClock(cloud, '2026-12-01T04:00:00.000Z');
    okData(await call('demo-gold', { action: 'claimMonthlyPack' }));
    assert.equal((await wallet('demo-gold')).length, 4);
    okData(await call('demo-gold', { action: 'claimWeeklyGift' }));
    assert.equal(errorOf(await call('demo-gold', { action: 'claimWeeklyGift' })).code, 'LIMIT_REACHED');
    assert.equal(errorOf(await call('demo-normal', { action: 'claimMonthlyPack' })).code, 'NOT_ELIGIBLE');
    await assertInvariants(cloud);
  });

  test('purchase: renewal extends from the current end; lite → premium charges the pro-rata difference', async () => {
    await purchase('demo-gold', 'premium');
    await purchase('demo-gold', 'premium');
    assert.equal((await profile(cloud, 'demo-gold')).paid?.expiresAt, '2028-11-27T04:00:00.000Z');

    await purchase('demo-normal', 'lite');
    await setClock(cloud, new Date(Date.parse(FRIDAY) + 182 * DAY).toISOString());
    const plans = okData(await call<MembershipResponses['plans']>('demo-normal', { action: 'plans' }));
    const premium = plans.find((p) => p.plan === 'premium')!.forMe;
    assert.ok('kind' in premium && premium.kind === 'upgrade');
    assert.equal(premium.priceFen, 19900 - Math.floor((9900 * 183) / 365));
    const up = await purchase('demo-normal', 'premium');
    assert.equal(up.payableFen, premium.priceFen);
    assert.equal((await profile(cloud, 'demo-normal')).paid?.plan, 'premium');
    assert.equal(errorOf(await call('demo-normal', { action: 'purchase', plan: 'lite', requestId: 'lite-after-premium' })).code, 'NOT_ELIGIBLE');
  });

  test('membershipSettle: at the end of a year with low savings, the shortfall comes back as a cash coupon, once', async () => {
    await purchase('demo-gold', 'premium');
    await buy(cloud, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }]);
    const saved = okData(await call<MembershipResponses['status']>('demo-gold', { action: 'status' })).card!.term!.savedFen;
    await setClock(cloud, '2027-11-27T05:00:00.000Z');
    const settled = await cloud.post<{ result: { refunded: number; refundedFen: number } }>('/__dev/trigger/membershipSettle');
    // demo-gold's year and the seeded demo-paid's year have both ended by now.
    assert.equal(settled.body.result.refunded, 2);
    const guarantee = (await wallet('demo-gold')).filter((c) => c.source === 'guarantee');
    assert.deepEqual(guarantee.map((c) => [c.kind, c.valueFen]), [['cash', 19900 - saved]]);
    const again = await cloud.post<{ result: { refunded: number } }>('/__dev/trigger/membershipSettle');
    assert.equal(again.body.result.refunded, 0);
    assert.equal((await profile(cloud, 'demo-gold')).paid, null);
  });

  test('birthdayCoupons: 75折 for paid members and the tier coupon from silver, once a year; 29 February on the 28th', async () => {
    await upsertTemplate(cloud, { templateId: 'bday-silver', name: '银卡生日券', kind: 'cash', valueFen: 1000, validity: { days: 30 } });
    await admin({ action: 'upsert', entity: 'tierBenefit', doc: { tier: 'silver', upgradePack: [], birthdayTemplateId: 'bday-silver' } });
    await admin({ action: 'upsert', entity: 'tierBenefit', doc: { tier: 'gold', upgradePack: [], birthdayTemplateId: 'bday-silver' } });
    okData(await cloud.call<Result<unknown>>('member', { action: 'setBirthday', birthday: '1996-02-29' }, 'demo-gold'));
    await purchase('demo-gold', 'premium');
    await setClock(cloud, '2027-02-28T02:00:00.000Z');
    const run = await cloud.post<{ result: { issued: number } }>('/__dev/trigger/birthdayCoupons');
    assert.equal(run.body.result.issued, 2);
    assert.deepEqual((await wallet('demo-gold')).map((c) => c.name).sort(), ['生日75折', '银卡生日券']);
    const rerun = await cloud.post<{ result: { issued: number } }>('/__dev/trigger/birthdayCoupons');
    assert.equal(rerun.body.result.issued, 0);
  });

  test('birthdayCoupons and membershipSettle: killed in the middle of a page and fired again, each member gets each coupon exactly once', async () => {
    // Twelve members with a birthday today and a card (a 75折 each), and two paid years ending later.
    const born = Array.from({ length: 12 }, (_, i) => `bday-crash-${String(i).padStart(2, '0')}`);
    for (const openid of born) {
      okData(await cloud.call<Result<unknown>>('member', { action: 'setBirthday', birthday: '1990-11-27' }, openid));
      await admin({ action: 'grant', openid, kind: 'trial', plan: 'premium', days: 30 });
    }
    // The instance dies after its 10th database request (the page's stock taken, no coupon in yet),
    // then after its 10th on the resumed run (the coupons in, the stock's mark not settled); the third
    // firing finishes.
    for (const after of [10, 10]) {
      await cloud.post('/__dev/crash', { function: 'birthdayCoupons', afterDatabaseRequests: after });
      assert.equal((await cloud.post('/__dev/trigger/birthdayCoupons')).status, 500, 'the firing died with its instance');
    }
    const run = await cloud.post<{ result: { issued: number; done: boolean } }>('/__dev/trigger/birthdayCoupons');
    assert.equal(run.body.result.done, true);
    const bday = (await documents<{ openid: string; templateId: string }>(cloud, 'coupons')).filter((c) => c.templateId === 'bday-75');
    assert.deepEqual(bday.map((c) => c.openid).sort(), born);
    assert.equal((await cloud.post<{ result: { issued: number } }>('/__dev/trigger/birthdayCoupons')).body.result.issued, 0);
    await assertInvariants(cloud);

    await purchase('demo-gold', 'premium');
    await purchase('demo-member', 'premium');
    await setClock(cloud, '2027-11-28T05:00:00.000Z');
    // The same two moments: after the stock was taken (9th request), after the coupons went in (9th of the resumed run).
    for (const after of [9, 9]) {
      await cloud.post('/__dev/crash', { function: 'membershipSettle', afterDatabaseRequests: after });
      assert.equal((await cloud.post('/__dev/trigger/membershipSettle')).status, 500, 'the firing died with its instance');
    }
    const settled = await cloud.post<{ result: { done: boolean } }>('/__dev/trigger/membershipSettle');
    assert.equal(settled.body.result.done, true);
    const guarantee = (await documents<{ openid: string; source: string }>(cloud, 'coupons')).filter((c) => c.source === 'guarantee');
    // demo-gold's and demo-member's years, and the seeded demo-paid's: one coupon each.
    assert.deepEqual(guarantee.map((c) => c.openid).sort(), ['demo-gold', 'demo-member', 'demo-paid']);
    assert.equal((await cloud.post<{ result: { refunded: number } }>('/__dev/trigger/membershipSettle')).body.result.refunded, 0);
    await assertInvariants(cloud);
  });

  test('upgrade gift packs: once per tier reached, skipped tiers included', async () => {
    await upsertTemplate(cloud, { templateId: 'up-gold', name: '金卡升级礼', kind: 'cash', valueFen: 2000, validity: { days: 30 } });
    await upsertTemplate(cloud, { templateId: 'up-diamond', name: '钻卡升级礼', kind: 'cash', valueFen: 5000, validity: { days: 30 } });
    await admin({ action: 'upsert', entity: 'tierBenefit', doc: { tier: 'gold', upgradePack: ['up-gold'] } });
    await admin({ action: 'upsert', entity: 'tierBenefit', doc: { tier: 'diamond', upgradePack: ['up-diamond'] } });
    await admin({ action: 'setStock', storeId: 'store-flagship', skuId: 'gift-fruit-box', stock: 1000 });
    // 银卡 800 + 25 × ¥198 = 5750 growth: straight to 钻卡.
    await buy(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 25 }]);
    assert.equal((await profile(cloud, 'demo-member')).tier, 'diamond');
    assert.deepEqual((await wallet('demo-member')).map((c) => c.name).sort(), ['金卡升级礼', '钻卡升级礼'].sort());
    await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }]);
    assert.equal((await wallet('demo-member')).length, 2);
  });

  test('admin.grant: a 3-day trial card; no guarantee for it', async () => {
    await admin({ action: 'grant', openid: 'demo-normal', kind: 'trial', plan: 'lite', days: 3 });
    assert.equal((await profile(cloud, 'demo-normal')).paid?.plan, 'lite');
    await setClock(cloud, new Date(Date.parse(FRIDAY) + 4 * DAY).toISOString());
    assert.equal((await profile(cloud, 'demo-normal')).paid, null);
    const settled = await cloud.post<{ result: { refunded: number; settled: number } }>('/__dev/trigger/membershipSettle');
    assert.equal(settled.body.result.refunded, 0);
    assert.equal(settled.body.result.settled, 1);
  });
});
