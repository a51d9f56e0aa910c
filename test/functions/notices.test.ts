import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { acceptNotices, messages, templateOf } from '@test/support/notices';
import { buy, createOrder, detail, errorOf, okData, pay, profile, setClock } from '@test/support/shop';

/** Tuesday 1 December 2026, 10:00 in Shanghai. */
const NOW = Date.parse('2026-12-01T02:00:00.000Z');
const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const MILK = [{ skuId: 'dairy-milk-950', qty: 1 }];

/**
 * Subscribe messages through the unchanged functions and the local cloud's subscribeMessage.send,
 * which refuses (43101) a message nobody accepted and checks every field against its template.
 */
describe('subscribe messages: sent once per accept, never to one who refused, never twice', () => {
  let cloud: EmulatorInstance;
  const admin = async (data: Record<string, unknown>) => okData(await cloud.call<Result<unknown>>('admin', data, 'demo-admin'));
  const trigger = async (name: string) => (await cloud.post<{ result: Record<string, { sent: number }> }>(`/__dev/trigger/${name}`)).body.result;

  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
    await setClock(cloud, iso(NOW));
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('a paid order sends one 支付成功 message to the member who accepted it, none to one who refused, and none for a second order', async () => {
    await acceptNotices(cloud, 'demo-member', ['paid', 'refundDone']);
    const refused = okData(await cloud.call<Result<{ subscriptions: Record<string, number> }>>('member', { action: 'subscribe', results: { paid: 'reject', refundDone: 'ban' } }, 'demo-normal'));
    assert.equal(refused.subscriptions.paid, 0);
    assert.equal((await profile(cloud, 'demo-member')).subscriptions.paid, 1);

    // Paid through cloud payment's callback, delivered three times at once: one message.
    const created = okData(await createOrder(cloud, 'demo-member', MILK));
    await pay(cloud, created.outTradeNo, 3);
    const order = await detail(cloud, 'demo-member', created.orderId);
    await buy(cloud, 'demo-normal', MILK);
    const paid = await messages(cloud, { key: 'paid' });
    assert.equal(paid.length, 1);
    const [message] = paid;
    const voucher = (await detail(cloud, 'demo-member', order.orderId)).voucher;
    assert.equal(message.touser, 'demo-member');
    assert.equal(message.templateId, templateOf('paid'));
    assert.equal(message.key, 'paid');
    assert.equal(message.page, `pages/order/index?orderId=${order.orderId}`);
    assert.equal(message.data.character_string1.value, order.orderId);
    assert.equal(message.data.character_string4.value, voucher?.shortCode);
    assert.equal(message.data.amount2.value, '¥' + (order.payableFen / 100).toFixed(2));
    assert.equal(message.data.time5.value, '2026年12月1日 10:00');
    assert.equal((await profile(cloud, 'demo-member')).subscriptions.paid, 0, 'the accept was used');

    // No accept left: the next order is paid without a message (and WeChat was not asked).
    await buy(cloud, 'demo-member', MILK);
    assert.equal((await messages(cloud, { key: 'paid' })).length, 1);

    // Its refund: one 退款成功 with the amount.
    okData(await cloud.call<Result<unknown>>('order', { action: 'refund', orderId: order.orderId }, 'demo-member'));
    okData(await cloud.call<Result<unknown>>('order', { action: 'refund', orderId: order.orderId }, 'demo-member'));
    const refunds = await messages(cloud, { key: 'refundDone' });
    assert.equal(refunds.length, 1);
    assert.equal(refunds[0].data.amount2.value, message.data.amount2.value);

    const bad = errorOf(await cloud.call<Result<unknown>>('member', { action: 'subscribe', results: { birthday: 'accept' } }, 'demo-member'));
    assert.equal(bad.code, 'INVALID_ARGUMENT');
  });

  test('notify: 开播提醒 ten minutes before, to those who reserved and accepted; repeated firings send nothing twice', async () => {
    await upsertTemplate(cloud, { templateId: 'nt-reserve', name: '预约礼', kind: 'cash', valueFen: 300, validity: { days: 7 } });
    const session = { sessionId: 'live-nt', title: '周六鲜果直播 · 阳光玫瑰葡萄产地直发专场特惠', roomId: 'room-nt', startAt: iso(NOW + 60 * MINUTE), endAt: iso(NOW + 180 * MINUTE), rewards: [{ trigger: 'reserve', templateId: 'nt-reserve' }] };
    await admin({ action: 'upsert', entity: 'liveSession', doc: session });
    await acceptNotices(cloud, 'demo-gold', ['liveStarting']);
    for (const openid of ['demo-gold', 'demo-diamond']) okData(await cloud.call<Result<unknown>>('live', { action: 'reserve', sessionId: 'live-nt' }, openid));
    await trigger('notify');
    assert.equal((await messages(cloud, { key: 'liveStarting' })).length, 0, 'an hour before: not yet');
    await setClock(cloud, iso(NOW + 52 * MINUTE));
    await Promise.all([trigger('notify'), trigger('notify')]);
    await trigger('notify');
    const sent = await messages(cloud, { key: 'liveStarting' });
    assert.deepEqual(sent.map((m) => m.touser), ['demo-gold']);
    assert.equal(sent[0].page, 'packages/live/pages/room/index?sessionId=live-nt');
    // WeChat's 20-character rule for a thing: the long title is shortened, not refused.
    assert.equal([...sent[0].data.thing1.value].length, 20);
    assert.equal(sent[0].data.time2.value, '2026年12月1日 11:00');
  });

  test('notify daily: 优惠券到期 three days before (once per coupon), 等级到期 30 and 7 days before with what keeps the tier', async () => {
    await setClock(cloud, iso(NOW));
    await upsertTemplate(cloud, { templateId: 'nt-short', name: '三日鲜果券', kind: 'cash', valueFen: 500, validity: { from: iso(NOW - DAY), to: iso(NOW + 3 * DAY - 6 * 3600_000) } });
    await admin({ action: 'grant', openid: 'demo-diamond', kind: 'coupon', templateId: 'nt-short', grantId: 'nt-short-1' });
    await admin({ action: 'grant', openid: 'demo-paid', kind: 'coupon', templateId: 'nt-short', grantId: 'nt-short-2' });
    await acceptNotices(cloud, 'demo-diamond', ['couponExpiring']);
    await acceptNotices(cloud, 'demo-diamond', ['couponExpiring']);
    // The daily firing dies in the middle of its coupon run (the page read, nothing recorded or sent
    // yet); the next 10-minute firing carries the day's run on from its cursor.
    await cloud.post('/__dev/crash', { function: 'notify', afterDatabaseRequests: 10 });
    assert.equal((await cloud.post('/__dev/trigger/notifyDaily')).status, 500, 'the firing died with its instance');
    assert.equal((await messages(cloud, { key: 'couponExpiring' })).length, 0);
    assert.equal((await trigger('notify')).couponExpiring.sent, 1);
    await Promise.all([trigger('notifyDaily'), trigger('notifyDaily')]);
    await trigger('notifyDaily');
    const coupons = await messages(cloud, { key: 'couponExpiring' });
    assert.deepEqual(coupons.map((m) => m.touser), ['demo-diamond'], 'once for the one coupon, though two accepts were left');
    assert.equal(coupons[0].data.thing2.value, '无门槛减¥5.00');
    assert.equal((await profile(cloud, 'demo-diamond')).subscriptions.couponExpiring, 1);

    const gold = await profile(cloud, 'demo-gold');
    const expires = Date.parse(gold.tierExpiresAt!);
    await acceptNotices(cloud, 'demo-gold', ['tierExpiring']);
    await acceptNotices(cloud, 'demo-gold', ['tierExpiring']);
    for (const lead of [30, 7]) {
      await setClock(cloud, iso(expires - lead * DAY + 3600_000));
      await trigger('notifyDaily');
      await trigger('notifyDaily');
    }
    const tier = await messages(cloud, { key: 'tierExpiring' });
    assert.equal(tier.length, 2);
    assert.ok(tier.every((m) => m.touser === 'demo-gold' && m.page === 'pages/member/index'));
    assert.equal(tier[0].data.thing1.value, '金卡会员');
    assert.equal(tier[0].data.thing3.value, `再消费¥${gold.keepTierGrowth}.00即可保级`);

    // The period ends without the spend: tierExpiry moves the tier and says so, once.
    await acceptNotices(cloud, 'demo-gold', ['tierChanged']);
    await setClock(cloud, iso(expires + MINUTE));
    await trigger('tierExpiry');
    await trigger('tierExpiry');
    const changed = await messages(cloud, { key: 'tierChanged' });
    assert.equal(changed.length, 1);
    assert.deepEqual([changed[0].data.thing1.value, changed[0].data.thing2.value], ['金卡', '银卡']);
  });
});
