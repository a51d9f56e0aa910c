import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { LiveSessionView } from '@contract/live';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const SESSION: LiveSessionView = {
  sessionId: 'live-weekend',
  title: '周六鲜果直播',
  roomId: 'sph-guoli-fresh',
  startAt: '2099-11-28T12:00:00.000Z',
  endAt: '2099-11-28T14:00:00.000Z',
  phase: 'upcoming',
  rewards: [{ trigger: 'share', minutes: null, templateId: 'live-share', name: '分享10元', summary: '无门槛减¥10.00', couponId: null }],
  reserved: false,
  entered: false,
  watchedSeconds: 0,
};
const SHARE_ID = 'L1veCard00000001';

interface Wx {
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
}

describe('live room share (compiled weapp): the share reward and the share card', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const toasts: string[] = [];

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'live' && data.action === 'sessions') return { ok: true, data: { sessions: [SESSION], now: '2099-11-28T11:00:00.000Z' } };
        if (name === 'live' && data.action === 'share') return { ok: true, data: { granted: [] } };
        if (name === 'member' && data.action === 'share') {
          return { ok: true, data: { shareId: SHARE_ID, path: `/packages/live/pages/room/index?sessionId=${SESSION.sessionId}&shareId=${SHARE_ID}` } };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    page = app.renderPage('packages/live/pages/room/index', { sessionId: SESSION.sessionId });
    await page.waitFor(() => page.byClass('live-room') !== null, 'the room');
  });

  afterAll(() => page?.detach());

  it('the room offers the share button (open-type share: miniprogram-simulate does not render the attribute)', () => {
    const button = page.byClass('live-room__btn--ghost');
    assert.ok(button);
    assert.match(button.className, /share-button/);
    assert.equal((button.textContent ?? '').trim(), '分享');
  });

  it('sharing asks for the share reward (live.share) and sends a live card with the member’s share id', async () => {
    const message = page.trigger('onShareAppMessage', { from: 'button' }) as { title: string; path: string; promise: Promise<{ path: string }> };
    assert.equal(message.title, '周六鲜果直播 · 果粒鲜选直播');
    assert.equal(message.path, `/packages/live/pages/room/index?sessionId=${SESSION.sessionId}`);
    assert.equal((await message.promise).path, `/packages/live/pages/room/index?sessionId=${SESSION.sessionId}&shareId=${SHARE_ID}`);
    const calls = app.cloudCalls.filter((c) => c.data.action === 'share');
    assert.deepEqual(
      calls.map((c) => [c.name, c.data]),
      [
        ['live', { action: 'share', sessionId: SESSION.sessionId }],
        ['member', { action: 'share', kind: 'live', targetId: SESSION.sessionId }],
      ],
    );
    await page.waitFor(() => toasts.includes('感谢分享'), 'the thank-you toast');
  });
});
