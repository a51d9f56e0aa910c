import { beforeEach, describe, it, jest } from '@jest/globals';
import assert from '@test/support/assert';

/**
 * runAction (src/services/action.ts), the one place a user action's outcome becomes a toast. Taro's
 * UI calls are recorded, and the cloud transport answers as a cloud function would: callCloud is
 * the real one.
 */
const ui: Array<[string, Record<string, unknown>?]> = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    showToast: (options: Record<string, unknown>) => void ui.push(['showToast', options]),
    showLoading: (options: Record<string, unknown>) => void ui.push(['showLoading', options]),
    hideLoading: () => void ui.push(['hideLoading']),
  },
}));

let answer: unknown;
jest.mock('@/services/transport', () => ({
  invokeFunction: async () => {
    if (answer instanceof Error) throw answer;
    return answer;
  },
}));

import { ERROR_TOAST_MS, runAction, withLoading } from '@/services/action';
import { callCloud, CloudCallError } from '@/services/cloud';

const claim = () => callCloud('coupon', { action: 'claim', templateId: 'tpl-1' });
const COUPON = { couponId: 'c-1', name: '满49减10' };

beforeEach(() => {
  ui.length = 0;
  answer = undefined;
});

describe('runAction', () => {
  it('a refused call: a toast with the server’s Chinese message, and the error to branch on', async () => {
    answer = { ok: false, error: { code: 'SOLD_OUT', message: '券已抢光' } };
    const result = await runAction(claim);
    assert.deepEqual(ui, [['showToast', { title: '券已抢光', icon: 'none', duration: ERROR_TOAST_MS }]]);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.ok(result.error instanceof CloudCallError);
      assert.equal(result.error.code, 'SOLD_OUT');
    }
  });

  it('a call that never got an answer: the generic Chinese message, never the transport’s English', async () => {
    answer = new Error('cloud.callFunction:fail timeout');
    const result = await runAction(claim);
    assert.equal(ui.length, 1);
    const [, toast] = ui[0];
    assert.match(String(toast?.title), /[\u4e00-\u9fff]/);
    assert.doesNotMatch(String(toast?.title), /timeout|fail/);
    assert.equal(result.ok ? null : result.error.code, 'INTERNAL');
  });

  it('success: no toast unless asked, and the answer', async () => {
    answer = { ok: true, data: COUPON };
    const result = await runAction(claim);
    assert.deepEqual(ui, []);
    assert.deepEqual(result, { ok: true, data: COUPON });
  });

  it('success with a notice: the text from the answer, or the ✓ toast', async () => {
    answer = { ok: true, data: COUPON };
    await runAction(claim, { success: (coupon) => `已领取 ${coupon.name}` });
    await runAction(claim, { success: { title: '已领取', icon: 'success' } });
    assert.deepEqual(ui, [
      ['showToast', { title: '已领取 满49减10', icon: 'none' }],
      ['showToast', { title: '已领取', icon: 'success' }],
    ]);
  });

  it('a failure says nothing of the success notice; the screen may reword it, or tell it itself', async () => {
    answer = { ok: false, error: { code: 'NOT_ELIGIBLE', message: '该券仅限指定会员领取' } };
    await runAction(claim, { success: '已领取' });
    await runAction(claim, { error: (error) => (error.code === 'NOT_ELIGIBLE' ? '下单后再来领取' : error.message) });
    const silent = await runAction(claim, { error: false });
    assert.deepEqual(
      ui.map(([, options]) => options?.title),
      ['该券仅限指定会员领取', '下单后再来领取'],
    );
    assert.equal(silent.ok ? null : silent.error.message, '该券仅限指定会员领取');
  });

  it('loading: shown while the action runs and hidden before the outcome’s toast, success or failure', async () => {
    answer = { ok: true, data: COUPON };
    await runAction(claim, { loading: '领取中…', success: '已领取' });
    answer = { ok: false, error: { code: 'LIMIT_REACHED', message: '已达领取上限' } };
    await runAction(claim, { loading: '领取中…' });
    assert.deepEqual(
      ui.map(([name, options]) => `${name}${options?.title ? ` ${String(options.title)}` : ''}`),
      ['showLoading 领取中…', 'hideLoading', 'showToast 已领取', 'showLoading 领取中…', 'hideLoading', 'showToast 已达领取上限'],
    );
  });

  it('never rejects, whatever the action throws', async () => {
    const result = await runAction(() => Promise.reject('not even an Error'));
    assert.equal(result.ok, false);
    assert.equal(ui.length, 1);
  });
});

describe('withLoading', () => {
  it('hides the loading even when the work throws, and passes the error on', async () => {
    await assert.rejects(withLoading('确认支付结果…', () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(
      ui.map(([name]) => name),
      ['showLoading', 'hideLoading'],
    );
  });
});
