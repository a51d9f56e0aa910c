import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CouponResponses, WalletCouponView } from '@contract/coupon';
import type { Result } from '@contract/errors';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { FIVE_OFF, upsertTemplate } from '@test/support/coupons';
import { documents, errorOf, okData, profile, setClock } from '@test/support/shop';

const claim = (cloud: EmulatorInstance, openid: string, templateId: string) => cloud.call<Result<WalletCouponView>>('coupon', { action: 'claim', templateId }, openid);
const wallet = async (cloud: EmulatorInstance, openid: string, status?: string) =>
  okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet', ...(status ? { status } : {}) }, openid)).coupons;

describe('coupon', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, '2026-11-26T04:00:00.000Z');
    await cloud.post('/__dev/reset', { seed: 'demo' });
  });

  test('claim: lands in the wallet with its validity, and shows as expired after it', async () => {
    await upsertTemplate(cloud, FIVE_OFF);
    const coupon = okData(await claim(cloud, 'demo-member', 'tpl-five'));
    assert.equal(coupon.summary, '无门槛减¥5.00');
    assert.equal(coupon.validTo, '2026-12-02T16:00:00.000Z'); // end of the 7th Shanghai day
    assert.deepEqual((await wallet(cloud, 'demo-member')).map((c) => [c.couponId, c.status]), [[coupon.couponId, 'unused']]);
    await setClock(cloud, '2026-12-03T00:00:00.000Z');
    assert.equal((await wallet(cloud, 'demo-member', 'expired')).length, 1);
    assert.equal((await wallet(cloud, 'demo-member', 'unused')).length, 0);
  });

  test('claim: 64 concurrent claims on a stock of 1 issue exactly 1', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-one', totalStock: 1 });
    const results = await Promise.all(Array.from({ length: 64 }, (_, i) => claim(cloud, `fan-${i}`, 'tpl-one')));
    assert.equal(results.filter((r) => r.ok).length, 1);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'SOLD_OUT');
    assert.equal((await documents(cloud, 'coupons')).length, 1);
    const [template] = await documents<{ issued: number }>(cloud, 'couponTemplates');
    assert.equal(template.issued, 1);
    await assertInvariants(cloud);
  });

  test('claim: 50 concurrent claims by one member with a limit of 1 issue exactly 1', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-limit', totalStock: 100, perMemberLimit: 1 });
    const results = await Promise.all(Array.from({ length: 50 }, () => claim(cloud, 'demo-member', 'tpl-limit')));
    assert.equal(results.filter((r) => r.ok).length, 1);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'LIMIT_REACHED');
    assert.equal((await wallet(cloud, 'demo-member')).length, 1);
    const [template] = await documents<{ issued: number }>(cloud, 'couponTemplates');
    assert.equal(template.issued, 1);
    await assertInvariants(cloud);
  });

  test('claim: an audience keeps others out; a template that is not claimable cannot be claimed', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-gold', audience: { type: 'tier', values: ['gold'] } });
    assert.equal(errorOf(await claim(cloud, 'demo-member', 'tpl-gold')).code, 'NOT_ELIGIBLE');
    okData(await claim(cloud, 'demo-gold', 'tpl-gold'));
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-hidden', claimable: false });
    assert.equal(errorOf(await claim(cloud, 'demo-gold', 'tpl-hidden')).code, 'NOT_ELIGIBLE');
    assert.equal(errorOf(await claim(cloud, 'demo-gold', 'tpl-none')).code, 'NOT_FOUND');
  });

  test('centre: lists what the member may take and why not', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, perMemberLimit: 1, totalStock: 10 });
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-gold', name: '金卡专享券', audience: { type: 'tier', values: ['gold'] } });
    okData(await claim(cloud, 'demo-member', 'tpl-five'));
    const { offers } = okData(await cloud.call<Result<CouponResponses['centre']>>('coupon', { action: 'centre' }, 'demo-member'));
    const byId = new Map(offers.map((o) => [o.templateId, o]));
    assert.equal(byId.get('tpl-five')?.blockedReason, '已领取');
    assert.equal(byId.get('tpl-five')?.remaining, 9);
    assert.equal(byId.get('tpl-gold')?.blockedReason, '仅限指定会员领取');
  });

  test('exchange: points are deducted exactly once, never below zero, under concurrent exchanges', async () => {
    await upsertTemplate(cloud, { templateId: 'tpl-mall', name: '满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: { days: 30 }, pointsCost: 500 });
    // demo-member has 1260 points: two exchanges fit, the third does not.
    const results = await Promise.all(Array.from({ length: 6 }, () => cloud.call<Result<WalletCouponView & { pointsLeft: number }>>('coupon', { action: 'exchange', templateId: 'tpl-mall' }, 'demo-member')));
    const ok = results.filter((r) => r.ok);
    assert.equal(ok.length, 2);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'NOT_ELIGIBLE');
    assert.equal((await profile(cloud, 'demo-member')).points, 260);
    assert.equal((await wallet(cloud, 'demo-member')).length, 2);
    const ledger = await documents<{ openid: string; key: string; delta: number }>(cloud, 'ledger');
    assert.deepEqual(ledger.filter((e) => e.key.startsWith('points:exchange:')).map((e) => e.delta), [-500, -500]);
    const [template] = await documents<{ issued: number }>(cloud, 'couponTemplates');
    assert.equal(template.issued, 2);
    await assertInvariants(cloud);
  });

  test('grant: an operator grant with a grantId issues once however often it is sent', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, claimable: false });
    const grant = { action: 'grant', openid: 'demo-normal', kind: 'coupon', templateId: 'tpl-five', grantId: 'ops-20261126-001' };
    const results = await Promise.all(Array.from({ length: 5 }, () => cloud.call<Result<{ couponId: string }>>('admin', grant, 'demo-admin')));
    assert.equal(new Set(results.map((r) => okData(r).couponId)).size, 1);
    assert.equal((await wallet(cloud, 'demo-normal')).length, 1);
    assert.equal(errorOf(await cloud.call<Result<unknown>>('admin', grant, 'demo-member')).code, 'FORBIDDEN');
  });

  test('grant: points with a grantId are credited once however often the request is sent', async () => {
    const grant = { action: 'grant', openid: 'demo-normal', kind: 'points', points: 300, reason: '客服补偿', grantId: 'ops-points-0001' };
    const results = await Promise.all(Array.from({ length: 4 }, () => cloud.call<Result<{ points: number }>>('admin', grant, 'demo-admin')));
    for (const r of results) okData(r);
    assert.equal((await profile(cloud, 'demo-normal')).points, 120 + 300);
  });

  test('upsert: editing a template keeps what it has issued, so its stock cannot be handed out again', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, totalStock: 1 });
    okData(await claim(cloud, 'demo-member', 'tpl-five'));
    await upsertTemplate(cloud, { ...FIVE_OFF, name: '无门槛5元券（改）', totalStock: 1 });
    assert.equal(errorOf(await claim(cloud, 'demo-gold', 'tpl-five')).code, 'SOLD_OUT');
  });

  test('wallet: a member with more than a page pages through every coupon once, newest first, with the tabs counted on the server', async () => {
    await upsertTemplate(cloud, { ...FIVE_OFF, templateId: 'tpl-many' });
    for (let i = 0; i < 230; i += 23) await Promise.all(Array.from({ length: 23 }, () => claim(cloud, 'demo-gold', 'tpl-many')).map(async (r) => okData(await r)));
    const page = async (cursor?: string, status?: string) => okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet', ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) }, 'demo-gold'));
    const seen: WalletCouponView[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const p = await page(cursor);
      if (!cursor) assert.deepEqual(p.counts, { unused: 230, used: 0, expired: 0 });
      else assert.equal(p.counts, null, 'counts come with the first page only');
      sizes.push(p.coupons.length);
      seen.push(...p.coupons);
      if (!p.cursor) break;
      cursor = p.cursor;
    }
    assert.deepEqual(sizes, [100, 100, 30]);
    assert.equal(new Set(seen.map((c) => c.couponId)).size, 230, 'no coupon twice, none left out');
    const times = seen.map((c) => Date.parse(c.validFrom)); // a 7-day coupon is valid from its issue
    assert.ok(times.every((t, i) => i === 0 || t <= times[i - 1]), 'newest issued first');
    // A status pages the same way; past their end they count (and list) as 已失效.
    await setClock(cloud, '2026-12-03T00:00:00.000Z');
    const expired = await page(undefined, 'expired');
    assert.deepEqual([expired.coupons.length, expired.counts], [100, { unused: 0, used: 0, expired: 230 }]);
    assert.equal((await page(undefined, 'unused')).coupons.length, 0);
    assert.equal(errorOf(await cloud.call<Result<unknown>>('coupon', { action: 'wallet', cursor: 'not-a-cursor' }, 'demo-gold')).code, 'INVALID_ARGUMENT');
  });
});
