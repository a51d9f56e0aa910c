import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { WalletCouponView } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { InvitesView, OpenedShare, ShareCard } from '@contract/member';
import type { OrderView } from '@contract/order';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, createOrder, detail, documents, errorOf, okData, pay, profile, setClock } from '@test/support/shop';

const NOON = '2026-11-28T04:00:00.000Z';
const later = (hours: number) => new Date(Date.parse(NOON) + hours * 3_600_000).toISOString();
const MILK = [{ skuId: 'dairy-milk-950', qty: 2 }];

describe('sharing and invitations (邀请有礼)', () => {
  let cloud: EmulatorInstance;
  const member = (openid: string, data: Record<string, unknown>) => cloud.call<Result<unknown>>('member', data, openid);
  const share = async (openid: string, kind = 'shop', targetId?: string) => okData((await member(openid, { action: 'share', kind, ...(targetId ? { targetId } : {}) })) as Result<ShareCard>);
  const open = async (openid: string, shareId: string) => okData((await member(openid, { action: 'openShare', shareId })) as Result<OpenedShare>);
  const invites = async (openid: string) => okData((await member(openid, { action: 'invites' })) as Result<InvitesView>);
  const wallet = async (openid: string): Promise<WalletCouponView[]> => okData(await cloud.call<Result<{ coupons: WalletCouponView[] }>>('coupon', { action: 'wallet' }, openid)).coupons;
  const referralCoupons = async (openid: string) => (await wallet(openid)).filter((c) => c.source === 'referral');
  const memberDoc = async (openid: string) => (await documents<{ _id: string; invitedBy?: string; lastShare?: { sharer: string } }>(cloud, 'members')).find((m) => m._id === openid);

  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, NOON);
    await cloud.post('/__dev/reset', { seed: 'demo' });
  });

  test('a card carries its page and share id; opening it records the visit and makes a new customer the sharer\'s invitee, once', async () => {
    const product = await share('inv-a', 'product', 'fruit-strawberry');
    assert.match(product.path, /^\/pages\/product\/index\?skuId=fruit-strawberry&shareId=[A-Za-z0-9]{16}$/);
    assert.equal(errorOf(await member('inv-a', { action: 'share', kind: 'product', targetId: 'no-such-sku' })).code, 'NOT_FOUND');
    assert.equal(errorOf(await member('inv-a', { action: 'share', kind: 'live' })).code, 'INVALID_ARGUMENT');
    okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'product', doc: { skuId: 'off-sale', name: '下架商品', category: 'fruit', unit: '个', listPriceFen: 100, onSale: false } }, 'demo-admin'));
    assert.equal(errorOf(await member('inv-a', { action: 'share', kind: 'product', targetId: 'off-sale' })).code, 'NOT_FOUND');

    const opened = await open('inv-new', product.shareId);
    assert.deepEqual(opened, { kind: 'product', targetId: 'fruit-strawberry', bound: true });
    assert.equal((await memberDoc('inv-new'))?.invitedBy, 'inv-a');
    // Another member's card later: a visit, but the inviter stays the first.
    const other = await share('inv-b');
    assert.equal((await open('inv-new', other.shareId)).bound, false);
    assert.equal((await memberDoc('inv-new'))?.invitedBy, 'inv-a');
    // One's own card counts nothing.
    assert.equal((await open('inv-a', product.shareId)).bound, false);
    const visits = await documents<{ sharer: string; visitor: string }>(cloud, 'shareVisits');
    assert.deepEqual(visits.map((v) => `${v.sharer}>${v.visitor}`).sort(), ['inv-a>inv-new', 'inv-b>inv-new']);
    // Opening the same card again is still one visitor.
    await open('inv-new', product.shareId);
    assert.equal((await documents(cloud, 'shareVisits')).length, 2);
    assert.equal(errorOf(await member('inv-new', { action: 'openShare', shareId: 'A'.repeat(16) })).code, 'NOT_FOUND');
  });

  test('an invite code typed in binds only a new customer, never to oneself, once', async () => {
    const { inviteCode } = await invites('inv-a');
    assert.match(inviteCode, /^[2-9A-HJKMNP-Z]{6}$/);
    assert.equal((await invites('inv-a')).inviteCode, inviteCode, 'the code is the member\'s for good');
    assert.equal((await profile(cloud, 'inv-a')).inviteCode, inviteCode);
    assert.deepEqual((await invites('inv-a')).offer, { inviter: '无门槛减¥10.00', invitee: '满¥59.00减¥10.00' }, 'the defaults');
    assert.deepEqual([(await invites('inv-x')).canBindInviter, (await invites('inv-x')).hasInviter], [true, false]);
    assert.equal(errorOf(await member('inv-a', { action: 'bindInviter', inviteCode })).code, 'NOT_ELIGIBLE');
    assert.equal(errorOf(await member('inv-x', { action: 'bindInviter', inviteCode: 'ZZZZZZ' })).code, 'NOT_FOUND');
    assert.equal(errorOf(await member('inv-x', { action: 'bindInviter', inviteCode: 'abc' })).code, 'INVALID_ARGUMENT');
    // Lower case and spaces are forgiven.
    assert.deepEqual(okData(await member('inv-x', { action: 'bindInviter', inviteCode: ` ${inviteCode.toLowerCase()} ` })), { bound: true });
    assert.deepEqual([(await invites('inv-x')).canBindInviter, (await invites('inv-x')).hasInviter], [false, true]);
    // Asked again (an answer lost on the way): still bound, to the same inviter.
    assert.deepEqual(okData(await member('inv-x', { action: 'bindInviter', inviteCode })), { bound: true });
    const { inviteCode: other } = await invites('inv-b');
    const again = errorOf(await member('inv-x', { action: 'bindInviter', inviteCode: other }));
    assert.equal(again.code, 'NOT_ELIGIBLE');
    assert.equal(again.message, '已绑定过邀请人');
    // A member who has already paid an order cannot be invited.
    await buy(cloud, 'inv-paid', MILK);
    assert.equal(errorOf(await member('inv-paid', { action: 'bindInviter', inviteCode })).message, '已下过单的会员不能再绑定邀请人');
    assert.equal((await invites('inv-paid')).canBindInviter, false);
  });

  test('the invitee\'s first paid order pays both rewards exactly once, even with the callback delivered five times at once', async () => {
    const card = await share('inv-a', 'invite');
    await open('inv-new', card.shareId);
    const created = okData(await createOrder(cloud, 'inv-new', MILK));
    await pay(cloud, created.outTradeNo, 5);
    const inviter = await referralCoupons('inv-a');
    const invitee = await referralCoupons('inv-new');
    assert.equal(inviter.length, 1);
    assert.equal(invitee.length, 1);
    assert.equal(inviter[0].valueFen, 1000, 'default: ¥10 no threshold');
    assert.equal(invitee[0].thresholdFen, 5900, 'default: 满59减10');
    // A second paid order pays nothing more.
    await buy(cloud, 'inv-new', MILK);
    assert.equal((await referralCoupons('inv-a')).length, 1);
    assert.equal((await referralCoupons('inv-new')).length, 1);
    const view = await invites('inv-a');
    assert.equal(view.invitees.length, 1);
    assert.match(view.invitees[0].name, /^会员 \*\*\*/);
    assert.ok(view.invitees[0].firstPaidAt);
    assert.deepEqual(view.rewards, [inviter[0].couponId]);
    assert.equal(view.shares.cards, 1);
    assert.equal(view.shares.visits, 1);
    assert.equal(view.shares.orders, 2, 'both orders within 24 h of opening the card');
    const report = await checkLocalCloud(cloud.url);
    assert.deepEqual(report.violations, []);
  });

  test('operators set the rewards; a refund of that first order takes back both while unused, and a used one stays used', async () => {
    await upsertTemplate(cloud, { templateId: 'ref-in', name: '邀请奖励 ¥20', kind: 'cash', valueFen: 2000, validity: { days: 30 } });
    await upsertTemplate(cloud, { templateId: 'ref-new', name: '新人 ¥5', kind: 'cash', valueFen: 500, validity: { days: 30 } });
    okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'referralRule', doc: { inviterTemplateId: 'ref-in', inviteeTemplateId: 'ref-new' } }, 'demo-admin'));
    assert.deepEqual((await invites('inv-a')).offer, { inviter: '无门槛减¥20.00', invitee: '无门槛减¥5.00' });
    await open('inv-new', (await share('inv-a', 'invite')).shareId);
    await open('inv-new2', (await share('inv-a', 'invite')).shareId);
    const first = await buy(cloud, 'inv-new', MILK);
    const first2 = await buy(cloud, 'inv-new2', MILK);
    const [reward, reward2] = await referralCoupons('inv-a');
    assert.deepEqual([reward.templateId, reward2.templateId], ['ref-in', 'ref-in']);
    // The inviter spends one of the two rewards.
    await buy(cloud, 'inv-a', [{ skuId: 'gift-fruit-box', qty: 1 }], { couponId: reward.couponId });
    for (const [openid, order] of [['inv-new', first], ['inv-new2', first2]] as const) {
      const refunded = okData(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: order.orderId }, openid));
      assert.equal(refunded.status, 'refunded');
    }
    // The wallet shows a revoked coupon as 已失效, with why.
    const REVOKED = '邀请的首单已退款，邀请奖励已收回';
    const inviterAfter = await referralCoupons('inv-a');
    assert.deepEqual(inviterAfter.map((c) => `${c.status}:${c.invalidReason ?? ''}`).sort(), [`expired:${REVOKED}`, 'used:']);
    assert.equal((await referralCoupons('inv-new'))[0].invalidReason, REVOKED);
    assert.equal((await referralCoupons('inv-new2'))[0].invalidReason, REVOKED);
    const stored = await documents<{ source: string; status: string }>(cloud, 'coupons');
    assert.equal(stored.filter((c) => c.source === 'referral' && c.status === 'revoked').length, 3);
    const order = await detail(cloud, 'inv-new', first.orderId);
    assert.equal(order.status, 'refunded');
    const report = await checkLocalCloud(cloud.url);
    assert.deepEqual(report.violations, []);
  });

  test('an order within 24 hours of opening a card is the sharer\'s; later, or from one\'s own card, it is nobody\'s', async () => {
    const card = await share('inv-a', 'product', 'dairy-milk-950');
    await open('inv-b', card.shareId);
    await setClock(cloud, later(23));
    const within = await buy(cloud, 'inv-b', MILK);
    await setClock(cloud, later(25));
    const after = await buy(cloud, 'inv-b', MILK);
    const mine = await share('inv-b', 'shop');
    await open('inv-b', mine.shareId);
    const own = await buy(cloud, 'inv-b', MILK);
    const orders = await documents<{ _id: string; attribution?: { sharer: string } | null }>(cloud, 'orders');
    const attribution = (id: string) => orders.find((o) => o._id === id)?.attribution ?? null;
    assert.equal(attribution(within.orderId)?.sharer, 'inv-a');
    assert.equal(attribution(after.orderId), null);
    assert.equal(attribution(own.orderId), null);
    assert.equal((await invites('inv-a')).shares.orders, 1);
  });
});
