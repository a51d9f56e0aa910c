import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { LedgerPage, MemberCode, MemberProfile } from '@contract/member';
import type { HandoverView, StaffResponses } from '@contract/staff';
import { upsertTemplate } from '@test/support/coupons';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, documents, errorOf, okData, profile, setClock } from '@test/support/shop';

/**
 * The counter: the member code (会员码), receipts credited and refunded at the till, gift coupons
 * handed over, the store's day, the handover card, and the member's name, avatar and phone. One local
 * cloud, a few long tests, each ending with the invariant checker.
 */
describe('in store', () => {
  let cloud: EmulatorInstance;
  const staff = <A extends keyof StaffResponses>(action: A, data: Record<string, unknown>, openid = 'demo-clerk-1') =>
    cloud.call<Result<StaffResponses[A]>>('staff', { action, ...data }, openid);
  const member = <T>(action: string, data: Record<string, unknown>, openid: string) => cloud.call<Result<T>>('member', { action, ...data }, openid);
  const codeOf = async (openid: string) => okData(await member<MemberCode>('code', {}, openid));
  /** Database requests the block makes (the local cloud counts them). */
  const requests = async (block: () => Promise<unknown>) => {
    await cloud.post('/__dev/stats/reset');
    await block();
    return (await cloud.get<{ database: { total: number } }>('/__dev/stats')).body.database.total;
  };

  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
    await setClock(cloud, '2026-11-26T04:00:10.000Z');
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('member code: signed, one request to show, valid two minutes; digits resolve and are rationed; forged or old codes refused', async () => {
    let shown: MemberCode | undefined;
    assert.equal(await requests(async () => (shown = await codeOf('demo-member'))), 1);
    const first = shown!;
    assert.match(first.digits, /^\d{12}$/);
    assert.equal(first.refreshAt, '2026-11-26T04:01:00.000Z');
    assert.equal(first.expiresAt, '2026-11-26T04:02:00.000Z');
    assert.ok(!first.code.includes('demo-member'), 'the QR carries no openid');
    assert.deepEqual(await codeOf('demo-member'), first, 'the same minute shows the same code');
    assert.notEqual((await codeOf('demo-gold')).digits, first.digits);

    for (const memberCode of [first.code, first.digits, `${first.digits.slice(0, 4)} ${first.digits.slice(4, 8)} ${first.digits.slice(8)}`]) {
      const seen = okData(await staff('member', { memberCode }));
      assert.deepEqual(seen, { memberName: '张*明', phoneTail: '8002', tier: 'silver', gifts: [] });
    }
    // A right code typed gives its place back: the clerk's ration is untouched.
    assert.deepEqual((await documents<{ recent: string[] }>(cloud, 'redeemAttempts')).flatMap((r) => r.recent), []);
    assert.equal(errorOf(await staff('member', { memberCode: first.code }, 'demo-gold')).code, 'FORBIDDEN');
    const tampered = first.code.replace(first.digits, (await codeOf('demo-gold')).digits);
    assert.equal(errorOf(await staff('member', { memberCode: tampered })).code, 'VOUCHER_INVALID');
    assert.equal(errorOf(await staff('member', { memberCode: `${first.code.slice(0, -4)}AAAA` })).code, 'VOUCHER_INVALID');
    assert.equal(errorOf(await staff('member', { memberCode: 'not a code' })).code, 'VOUCHER_INVALID');

    // A minute later a new code; the first still works until the end of its second minute.
    await setClock(cloud, '2026-11-26T04:01:30.000Z');
    const second = await codeOf('demo-member');
    assert.notEqual(second.digits, first.digits);
    assert.equal(okData(await staff('member', { memberCode: first.digits })).phoneTail, '8002');
    await setClock(cloud, '2026-11-26T04:02:00.000Z');
    assert.equal(errorOf(await staff('member', { memberCode: first.code })).code, 'VOUCHER_EXPIRED');
    assert.equal(errorOf(await staff('member', { memberCode: first.digits })).code, 'VOUCHER_EXPIRED');
    assert.equal(okData(await staff('member', { memberCode: second.code })).memberName, '张*明');

    // Wrong digits are rationed with the clerk's voucher short codes (staff.test.ts races them): the 11th in ten minutes waits.
    for (let i = 0; i < 10; i += 1) assert.equal(errorOf(await staff('member', { memberCode: String(100_000_000_000 + i) }, 'demo-clerk-2')).code, 'VOUCHER_INVALID');
    const refused = errorOf(await staff('member', { memberCode: second.digits }, 'demo-clerk-2'));
    assert.equal(refused.code, 'TOO_MANY_ATTEMPTS');
    assert.match(refused.message, /会员码输错次数过多，请 10 分钟后再输入，或直接扫码/);
    // …and a scanned code is never refused.
    assert.equal(okData(await staff('member', { memberCode: second.code }, 'demo-clerk-2')).tier, 'silver');
  });

  test('creditInStore ×20 and refundInStore ×10 at once: credited once, reversed once, tier up and down, ledger and segments follow', async () => {
    await setClock(cloud, '2026-11-26T05:00:00.000Z');
    const before = await profile(cloud, 'demo-normal');
    const code = (await codeOf('demo-normal')).code;
    const credit = { memberCode: code, receiptNo: 'r-1001', amountFen: 40_050 };
    const results = await Promise.all(Array.from({ length: 20 }, () => staff('creditInStore', credit)));
    const credited = results.map((r) => okData(r));
    for (const c of credited) assert.deepEqual(c, credited[0], 'every scan answers the one credit');
    assert.deepEqual({ ...credited[0], creditedAt: '' }, { receiptNo: 'R-1001', amountFen: 40_050, memberName: '李*雨', growthEarned: 400, pointsEarned: 400, growth: before.growth + 400, points: before.points + 400, tier: 'silver', creditedAt: '' });
    const after = await profile(cloud, 'demo-normal');
    assert.equal(after.growth, before.growth + 400);
    assert.equal(after.tier, 'silver');
    assert.equal((await documents(cloud, 'inStoreReceipts')).length, 1);
    const growthLines = okData(await member<LedgerPage>('ledger', { kind: 'growth' }, 'demo-normal')).entries;
    assert.deepEqual(growthLines.filter((e) => e.reason.includes('小票')).map((e) => [e.delta, e.reason]), [[400, '到店消费 小票 R-1001']]);
    assert.ok(growthLines.some((e) => e.kind === 'tier' && e.reason.startsWith('成长值升级')));

    // The same receipt again: same member and amount → the first credit; otherwise refused, nothing moves.
    let again: unknown;
    const repeatRequests = await requests(async () => (again = okData(await staff('creditInStore', { ...credit, receiptNo: 'R-1001' }))));
    assert.deepEqual(again, credited[0]);
    const otherAmount = errorOf(await staff('creditInStore', { ...credit, amountFen: 40_000 }));
    assert.equal(otherAmount.code, 'NOT_ELIGIBLE');
    assert.match(otherAmount.message, /已按 ¥400\.50 积分/);
    const otherMember = errorOf(await staff('creditInStore', { ...credit, memberCode: (await codeOf('demo-gold')).code }));
    assert.equal(otherMember.code, 'NOT_ELIGIBLE');
    assert.match(otherMember.message, /另一位会员/);
    // Another store's till numbers are its own.
    okData(await staff('creditInStore', { ...credit, memberCode: (await codeOf('demo-gold')).code, amountFen: 1_000 }, 'demo-clerk-2'));

    // One credit's requests: clerk, code, then the transaction (receipt, member, receipt, member, 3 lines).
    const gold = await codeOf('demo-gold');
    const creditRequests = await requests(async () => okData(await staff('creditInStore', { memberCode: gold.code, receiptNo: 'G-0001', amountFen: 2_000 })));

    // The till refunds it: ten taps at once reverse it once, and the tier goes back.
    const refunds = (await Promise.all(Array.from({ length: 10 }, () => staff('refundInStore', { receiptNo: 'R-1001' })))).map((r) => okData(r));
    for (const r of refunds) assert.deepEqual(r, refunds[0]);
    assert.deepEqual({ ...refunds[0], refundedAt: '' }, { receiptNo: 'R-1001', growthReversed: 400, pointsReversed: 400, growth: before.growth, points: before.points, tier: 'normal', refundedAt: '' });
    assert.equal((await profile(cloud, 'demo-normal')).tier, 'normal');
    assert.equal(errorOf(await staff('creditInStore', credit)).code, 'NOT_ELIGIBLE', 'a refunded receipt is not credited again');
    assert.equal(errorOf(await staff('refundInStore', { receiptNo: 'G-0001' }, 'demo-clerk-2')).code, 'NOT_FOUND', 'another store cannot find it');
    assert.equal(errorOf(await staff('refundInStore', { receiptNo: 'R-404' })).code, 'NOT_FOUND');

    // In-store spend counts for segments, net of refunds: a shopper who only bought at the till has one.
    for (const [openid, receiptNo] of [['demo-till-only', 'T-0001'], ['demo-till-refunded', 'T-0002']] as const) {
      await profile(cloud, openid);
      okData(await staff('creditInStore', { memberCode: (await codeOf(openid)).code, receiptNo, amountFen: 8_800 }));
    }
    const refundRequests = await requests(async () => okData(await staff('refundInStore', { receiptNo: 'T-0002' })));
    await setClock(cloud, '2026-11-30T19:30:00.000Z');
    okData(await cloud.call<Result<unknown>>('admin', { action: 'runSegmentation' }, 'demo-admin'));
    assert.equal((await profile(cloud, 'demo-till-only')).segment, 'S4');
    assert.equal((await profile(cloud, 'demo-till-refunded')).segment, null);
    await assertInvariants(cloud);
    console.log(`requests: creditInStore ${creditRequests}, a repeated receipt ${repeatRequests}, refundInStore ${refundRequests}`);
  });

  test('redeemGift ×10 at once hands a gift over once; today lists pickups, receipts and gifts; handover shows the member', async () => {
    await setClock(cloud, '2026-12-01T03:00:00.000Z');
    await upsertTemplate(cloud, { templateId: 'gift-milk', name: '赠鲜牛奶', kind: 'gift', giftSkuId: 'dairy-milk-950', validity: { days: 30 } });
    await upsertTemplate(cloud, { templateId: 'cash-5', name: '无门槛5元券', kind: 'cash', valueFen: 500, validity: { days: 30 } });
    for (const templateId of ['gift-milk', 'cash-5']) okData(await cloud.call<Result<unknown>>('admin', { action: 'grant', openid: 'demo-member', kind: 'coupon', templateId }, 'demo-admin'));
    const code = (await codeOf('demo-member')).code;
    let seen: StaffResponses['member'] | undefined;
    const memberRequests = await requests(async () => (seen = okData(await staff('member', { memberCode: code }))));
    const { gifts } = seen!;
    assert.deepEqual(gifts.map((g) => [g.name, g.skuId, g.productName.length > 0]), [['赠鲜牛奶', 'dairy-milk-950', true]]);
    const taps = await Promise.all(Array.from({ length: 10 }, () => staff('redeemGift', { memberCode: code, couponId: gifts[0].couponId })));
    assert.equal(taps.filter((t) => t.ok).length, 1);
    for (const t of taps) if (!t.ok) assert.equal(t.error.code, 'ALREADY_REDEEMED');
    const again = errorOf(await staff('redeemGift', { memberCode: code, couponId: gifts[0].couponId }));
    assert.deepEqual(again.details?.redeemedBy, '小林');
    assert.equal(okData(await staff('member', { memberCode: code })).gifts.length, 0);
    const [stored] = (await documents<{ _id: string; status: string; usedInStore?: { storeId: string; staffOpenid: string } }>(cloud, 'coupons')).filter((c) => c._id === gifts[0].couponId);
    assert.equal(stored.status, 'used');
    assert.deepEqual([stored.usedInStore?.storeId, stored.usedInStore?.staffOpenid], ['store-flagship', 'demo-clerk-1']);
    const cash = (await documents<{ _id: string; templateId: string }>(cloud, 'coupons')).find((c) => c.templateId === 'cash-5')!;
    assert.equal(errorOf(await staff('redeemGift', { memberCode: code, couponId: cash._id })).code, 'NOT_FOUND', 'only gift coupons are handed over');

    // A pickup, with the member's masked name and phone tail on the card; then the day.
    const order = await buy(cloud, 'demo-member', [{ skuId: 'fruit-strawberry', qty: 2 }]);
    let card: HandoverView | undefined;
    const lookupRequests = await requests(async () => (card = okData(await staff('lookup', { code: order.voucher!.code }))));
    assert.deepEqual([card!.memberName, card!.phoneTail, card!.refundedLines], ['张*明', '8002', []]);
    okData(await staff('redeem', { code: order.voucher!.code }));
    okData(await staff('creditInStore', { memberCode: code, receiptNo: 'D-0001', amountFen: 1_234 }));
    let day: StaffResponses['today'] | undefined;
    const todayRequests = await requests(async () => (day = okData(await staff('today', {}))));
    assert.equal(day!.date, '2026-12-01');
    assert.deepEqual(day!.pickups.map((p) => [p.orderId, p.by, p.lines.map((l) => l.qty)]), [[order.orderId, '小林', [2]]]);
    assert.deepEqual(day!.credits.map((c) => [c.receiptNo, c.memberName, c.growthEarned]), [['D-0001', '张*明', 12]]);
    assert.deepEqual(day!.gifts.map((g) => [g.couponId, g.memberName]), [[gifts[0].couponId, '张*明']]);
    assert.deepEqual(okData(await staff('today', {}, 'demo-clerk-2')).credits, [], 'another store\'s day is its own');
    await assertInvariants(cloud);
    console.log(`requests: member with a gift ${memberRequests}, lookup ${lookupRequests}, today ${todayRequests}`);
  });

  test('member profile: name, avatar, phone tail and coupon count; the phone comes from WeChat, only its tail goes back', async () => {
    let shown: MemberProfile | undefined;
    const profileRequests = await requests(async () => (shown = await profile(cloud, 'demo-gold')));
    assert.deepEqual([shown!.nickName, shown!.phoneTail, shown!.avatarUrl, shown!.couponCount], ['王芳', '8003', null, 0]);
    assert.equal(profileRequests, 1, 'one request: the member joined with the count of its usable coupons');
    const bound = okData(await member<{ phoneTail: string }>('bindPhone', { cloudID: 'dev-cloudid:{"phoneNumber":"+86 139-0000-1234","purePhoneNumber":"13900001234","countryCode":"86"}' }, 'demo-new-phone'));
    assert.deepEqual(bound, { phoneTail: '1234' });
    assert.equal(errorOf(await member('bindPhone', { cloudID: 'forged' }, 'demo-new-phone')).code, 'INVALID_ARGUMENT');
    assert.equal(errorOf(await member('bindPhone', { cloudID: 'dev-cloudid:{"phoneNumber":"0755-1234"}' }, 'demo-new-phone')).code, 'INVALID_ARGUMENT');
    const named = okData(await member<MemberProfile>('setProfile', { nickName: ' 小果 ' }, 'demo-new-phone'));
    assert.deepEqual([named.nickName, named.phoneTail, named.avatarUrl], ['小果', '1234', null]);
    assert.ok(!JSON.stringify(named).includes('13900001234'));
    const form = new FormData();
    form.append('cloudPath', 'avatars/demo-new-phone.svg');
    form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }), 'a.svg');
    const { fileID } = (await (await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
    const pictured = okData(await member<MemberProfile>('setProfile', { avatarFileId: fileID }, 'demo-new-phone'));
    assert.equal(pictured.nickName, '小果');
    assert.match(String(pictured.avatarUrl), /^http/);
    assert.equal(errorOf(await member('setProfile', {}, 'demo-new-phone')).code, 'INVALID_ARGUMENT');
    // The gift handed over is used, the cash coupon is counted.
    assert.equal((await profile(cloud, 'demo-member')).couponCount, 1);
    console.log(`requests: profile ${profileRequests}`);
  });
});
