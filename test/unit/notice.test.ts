import { describe, test } from '@jest/globals';
import fc from 'fast-check';
import assert from '@test/support/assert';
import { addAccepts, campaignGiftNotice, couponExpiringNotice, NOTICE_KEYS, NOTICE_TEMPLATES, paidNotice, refundDoneNotice, subscriptionCounts, thing, tierChangedNotice, tierExpiringNotice, type Notice } from '@core/notice';

const AT = new Date('2026-12-01T02:05:00.000Z');

/** WeChat's rules for the keyword types our templates use. */
const RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  amount: (v) => /^¥\d{1,10}\.\d{2}$/.test(v),
  time: (v) => /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(v),
};

const fits = (notice: Notice) => {
  const fields = NOTICE_TEMPLATES[notice.key];
  assert.deepEqual(Object.keys(notice.data).sort(), Object.keys(fields).sort());
  for (const [keyword, type] of Object.entries(fields)) assert.ok(RULES[type](notice.data[keyword].value), `${notice.key}.${keyword}=${notice.data[keyword].value}`);
};

describe('subscribe messages', () => {
  test('each accept allows one more message of its kind; rejects and bans change nothing; inputs stay as they were', () => {
    const before = { paid: 1 };
    const after = addAccepts(before, { paid: 'accept', refundDone: 'reject', tierChanged: 'ban', liveStarting: 'accept' });
    assert.deepEqual(after, { paid: 2, liveStarting: 1 });
    assert.deepEqual(before, { paid: 1 });
    assert.deepEqual(Object.keys(subscriptionCounts(undefined)), [...NOTICE_KEYS]);
    assert.equal(subscriptionCounts({ paid: -1 }).paid, 0);
  });

  test('a thing longer than 20 characters ends in an ellipsis at 20 (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => [...thing(s)].length <= 20));
    assert.equal(thing('周六鲜果直播 · 阳光玫瑰葡萄产地直发专场特惠'), '周六鲜果直播 · 阳光玫瑰葡萄产地直发…');
  });

  test('every message fits its template’s keyword rules, in Shanghai time, and opens its page', () => {
    const paid = paidNotice({ orderId: 'OD20261201ABC', payableFen: 12_345, storeName: '果粒鲜选·深圳湾旗舰店（万象城负一层生鲜区）', shortCode: '382915', paidAt: AT });
    fits(paid);
    assert.equal(paid.data.amount2.value, '¥123.45');
    assert.equal(paid.data.time5.value, '2026年12月1日 10:05');
    assert.equal(paid.page, 'pages/order/index?orderId=OD20261201ABC');
    fits(tierExpiringNotice({ tier: 'gold', tierExpiresAt: AT, keepTierGrowth: 120 }, 30));
    assert.equal(tierExpiringNotice({ tier: 'gold', tierExpiresAt: AT, keepTierGrowth: 120 }, 7).data.thing3.value, '再消费¥120.00即可保级');
    assert.notEqual(tierExpiringNotice({ tier: 'gold', tierExpiresAt: AT, keepTierGrowth: 0 }, 30).ref, tierExpiringNotice({ tier: 'gold', tierExpiresAt: AT, keepTierGrowth: 0 }, 7).ref);
    fits(couponExpiringNotice({ couponId: 'CP1', name: '三日鲜果券', summary: '满¥59.00减¥10.00', validTo: AT }));
    fits(refundDoneNotice({ orderId: 'OD1', refundFen: 990, at: AT, ref: 'OD1' }));
    const up = tierChangedNotice({ from: 'silver', to: 'gold', at: AT, ref: 'pay:OD1' });
    fits(up);
    assert.equal(up.data.thing4.value, '恭喜升级，新权益已到账');
    assert.equal(tierChangedNotice({ from: 'gold', to: 'silver', at: AT, ref: 'x' }).data.thing4.value, '多多消费即可重回原等级');
    fits(campaignGiftNotice({ runId: 'c1@once', name: '价格敏感回流礼', benefits: '满¥59.00减¥10.00 + 200积分', at: AT }));
  });
});
