import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

/** A coupon template as admin.list answers it: what upsert took, plus the issued count the functions keep. */
const TEMPLATE = {
  templateId: 'tpl-cash-10',
  name: '无门槛10元',
  kind: 'cash',
  valueFen: 1000,
  validity: { days: 30 },
  totalStock: 100,
  perMemberLimit: 1,
  claimable: true,
  issued: 37,
};

interface Wx {
  showModal(options: { title?: string; content?: string; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
  navigateBack(options: { success?: (r: unknown) => void }): void;
  redirectTo(options: { url: string; success?: (r: unknown) => void }): void;
}

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

describe('operators’ console (compiled weapp)', () => {
  let app: WeappHarness;
  let upsertAnswer: Answer = { ok: true, data: { id: TEMPLATE.templateId } };
  const modals: string[] = [];
  const toasts: string[] = [];
  const redirects: string[] = [];
  const upserts = () => app.cloudCalls.filter((c) => c.name === 'admin' && c.data.action === 'upsert');

  beforeAll(() => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'admin' && data.action === 'list') return { ok: true, data: { items: data.entity === 'couponTemplate' ? [TEMPLATE] : [], cursor: null } };
        if (name === 'admin' && data.action === 'upsert') return upsertAnswer;
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.showModal = (options) => {
      modals.push(`${options.title}|${options.content}`);
      options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.navigateBack = (options) => options.success?.({ errMsg: 'navigateBack:ok' });
    wx.redirectTo = (options) => {
      redirects.push(options.url);
      options.success?.({ errMsg: 'redirectTo:ok' });
    };
  });

  describe('the coupon list', () => {
    let page: RenderedPage;
    beforeAll(async () => {
      page = app.renderPage('packages/ops/pages/entities/index', { entity: 'couponTemplate' });
      await page.waitFor(() => page.byClass('entity-row') !== null, 'the coupon row');
    });
    afterAll(() => page?.detach());

    it('list: each template in a line of Chinese: terms, validity, stock issued, limit, where it is offered', () => {
      assert.match(page.textOf('entity-row') ?? '', /无门槛10元 tpl-cash-10 无门槛 ¥10\.00 · 领取后 30 天有效 已发 37 \/ 100 张 · 每人限 1 张 领券中心/);
    });

    it('停用: asks first, then saves the template with active false and without its issued count', async () => {
      await page.tap('on-off');
      await page.waitFor(() => upserts().length === 1, 'the upsert');
      assert.equal(modals[0], '停用优惠券|确定停用「无门槛10元」？券将不再可领、不再发放，已发出的券仍可使用');
      const { issued: _issued, ...own } = TEMPLATE;
      assert.deepEqual(upserts()[0].data, { action: 'upsert', entity: 'couponTemplate', doc: { ...own, active: false } });
      await page.waitFor(() => /停用/.test(page.textOf('entity-row__state') ?? ''), 'the switch off');
    });
  });

  describe('the coupon form', () => {
    let page: RenderedPage;
    beforeAll(async () => {
      page = app.renderPage('packages/ops/pages/edit/index', { entity: 'couponTemplate', id: TEMPLATE.templateId });
      await page.waitFor(() => page.byClass('entity-form') !== null, 'the form');
    });
    afterAll(() => page?.detach());

    it('form: shows the saved template, money in yuan, and the issued count as a fact', () => {
      assert.equal(page.textOf('ops-edit__fact'), '已发放 37 张 / 共 100 张');
      assert.match(page.text(), /券编号 \* tpl-cash-10/);
    });

    it('save: the server’s message stands beside the field details.field names', async () => {
      upsertAnswer = { ok: false, error: { code: 'INVALID_ARGUMENT', message: '面额不能大于 100000000', details: { field: 'valueFen' } } };
      const before = upserts().length;
      await page.tap('ops-edit__save');
      await page.waitFor(() => page.byClass('field-row__error') !== null, 'the field error');
      assert.equal(upserts().length, before + 1);
      // (The input's own value is not a text node in the simulator.)
      assert.equal(page.textOf('field-row--error'), '面额 * 元 面额不能大于 100000000');
      assert.equal(upserts()[before].data.doc && (upserts()[before].data.doc as Record<string, unknown>).valueFen, 1000);
      assert.equal('issued' in (upserts()[before].data.doc as Record<string, unknown>), false);
    });

    it('save: once the server takes it, 已保存 and back to the list (opened alone, the form redirects to it)', async () => {
      upsertAnswer = { ok: true, data: { id: TEMPLATE.templateId } };
      await page.tap('ops-edit__save');
      await page.waitFor(() => toasts.includes('已保存') && redirects.length === 1, 'the 已保存 toast and the list');
      assert.equal(redirects[0], '/packages/ops/pages/entities/index?entity=couponTemplate');
    });
  });
});
