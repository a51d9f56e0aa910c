import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { LedgerLine, LedgerPage } from '@contract/member';
import type { MemberProfile } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const GOLD: MemberProfile = {
  openid: 'o-test-gold',
  tier: 'gold',
  growth: 2600,
  nextTier: 'diamond',
  growthToNext: 2400,
  tierExpiresAt: '2027-02-01T04:00:00.000Z',
  keepTierGrowth: 400,
  points: 3400,
  paid: null,
  segment: null,
  birthday: null,
  groups: [],
  inviteCode: null,
  subscriptions: { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 },
  nickName: null,
  avatarUrl: null,
  phoneTail: null,
  couponCount: 0,
};

const line = (at: string, delta: number, balance: number, reason: string, extra: Partial<LedgerLine> = {}): LedgerLine => ({ at, delta, balance, reason, ref: `o-${balance}`, kind: 'growth', ...extra });

// One payment writes the growth line and the upgrade at the same instant.
const FIRST: LedgerPage = {
  entries: [
    line('2026-11-27T04:00:00.000Z', 0, 2600, '成长值升级：银卡→金卡', { kind: 'tier', fromTier: 'silver', toTier: 'gold' }),
    line('2026-11-27T04:00:00.000Z', 600, 2600, '订单支付'),
    line('2026-11-20T16:30:00.000Z', -120, 2000, '订单退款扣回'),
  ],
  cursor: 'cursor-page-2',
};

const SECOND: LedgerPage = { entries: [line('2026-10-01T02:00:00.000Z', 2120, 2120, '订单支付')], cursor: null };

describe('ledger page (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const ledgerCalls = () => app.cloudCalls.filter((c) => c.name === 'member' && c.data.action === 'ledger').map((c) => c.data);
  const rows = () => page.component.dom.querySelectorAll('.page--ledger-row').length;
  const rowText = (i: number) => (page.component.dom.querySelectorAll('.page--ledger-row')[i]?.textContent ?? '').replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'member' && data.action === 'profile') return { ok: true, data: GOLD };
        if (name === 'member' && data.action === 'ledger' && data.kind === 'growth') return { ok: true, data: data.cursor === 'cursor-page-2' ? SECOND : FIRST };
        if (name === 'member' && data.action === 'ledger' && data.kind === 'points') return { ok: true, data: { entries: [], cursor: null } };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    page = app.renderPage('packages/member/pages/ledger/index', { kind: 'growth' });
    await page.waitFor(() => rows() === 3, 'the first page of the growth history');
  });

  afterAll(() => page?.detach());

  it('growth: asks for the first page without a cursor and shows the balance', () => {
    assert.deepEqual(ledgerCalls()[0], { action: 'ledger', kind: 'growth' });
    assert.equal(page.textOf('ledger__summary-value'), '2600');
    assert.equal(page.textOf('ledger__tab--active'), '果粒值');
  });

  it('lines: reason, Shanghai time, a signed and coloured change, the balance; a tier line shows 银卡 → 金卡', () => {
    assert.equal(rowText(0), '成长值升级银卡 → 金卡2026-11-27 12:00果粒值 2600');
    assert.equal(rowText(1), '订单支付2026-11-27 12:00+600余额 2600');
    assert.equal(rowText(2), '订单退款扣回2026-11-21 00:30-120余额 2000');
    assert.ok(page.byClass('ledger-row__delta--plus'));
    assert.ok(page.byClass('ledger-row__delta--minus'));
    assert.ok(page.byClass('ledger-row__tier--up'));
  });

  it('infinite scroll: reaching the bottom asks for the next page with the cursor, until there is none', async () => {
    page.trigger('onReachBottom');
    await page.waitFor(() => rows() === 4, 'the second page');
    assert.deepEqual(ledgerCalls()[1], { action: 'ledger', kind: 'growth', cursor: 'cursor-page-2' });
    assert.equal(page.textOf('ledger__footer'), '没有更早的记录了');
    page.trigger('onReachBottom');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(ledgerCalls().length, 2);
  });

  it('tabs: 积分 loads its own history; an empty one says how to earn', async () => {
    const tabs = (page.component as unknown as { querySelectorAll(s: string): Array<{ dispatchEvent(name: string): void }> }).querySelectorAll('.ledger__tab');
    tabs[1].dispatchEvent('tap');
    await page.waitFor(() => page.byClass('ledger__empty') !== null, 'the empty points history');
    assert.deepEqual(ledgerCalls()[2], { action: 'ledger', kind: 'points' });
    assert.equal(page.textOf('ledger__summary-value'), '3400');
    assert.match(page.textOf('ledger__empty') ?? '', /还没有积分记录/);
  });
});
