import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it, jest } from '@jest/globals';
import type { LiveResponses, LiveRewardView, LiveSessionView } from '@contract/live';
import { HEARTBEAT_INTERVAL_MS } from '@/packages/live/pages/room/model';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const WATCH_COUPON = 'cp-live-watch-1';

const ENTER_REWARD: LiveRewardView = { trigger: 'enter', minutes: null, templateId: 'live-enter', name: '进场5元', summary: '满¥39.00减¥5.00', couponId: 'cp-live-enter-1' };
const WATCH_REWARD: LiveRewardView = { trigger: 'watch', minutes: 10, templateId: 'live-watch', name: '看满10分钟15元', summary: '满¥99.00减¥15.00', couponId: null };

/** On air, played by <live-player> (an RTMP stream), entered before: 9 of the 10 minutes watched. */
const SESSION: LiveSessionView = {
  sessionId: 'live-weekend',
  title: '周六鲜果直播',
  roomId: 'sph-guoli-fresh',
  streamUrl: 'rtmp://live.example.com/guoli/weekend',
  startAt: '2099-11-28T12:00:00.000Z',
  endAt: '2099-11-28T14:00:00.000Z',
  phase: 'live',
  rewards: [ENTER_REWARD, WATCH_REWARD],
  reserved: true,
  entered: true,
  watchedSeconds: 540,
};

interface Wx {
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
}

/**
 * The heartbeats run on a 60 s interval: only setInterval / clearInterval are faked, so the page's
 * rendering, the cloud stub and waitFor keep real time while the test moves the beats on by hand.
 */
const REAL_TIMERS = [
  'Date',
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setTimeout',
  'clearTimeout',
] as const;

describe('live room stall (compiled weapp): a heartbeat answered after the picture stalled', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const toasts: string[] = [];
  let granted = false;
  /** Resolves the heartbeat the page is waiting on (the answer held back until the stream has stalled). */
  let answerHeartbeat: ((answer: LiveResponses['heartbeat']) => void) | undefined;
  const count = (action: string) => app.cloudCalls.filter((c) => c.name === 'live' && c.data.action === action).length;
  /** The <live-player> reports a state code (WeChat's statechange). */
  const playerState = async (code: number) => {
    const player = page.component.querySelector('.live-player__stream');
    assert.ok(player, 'the <live-player> is rendered');
    player.dispatchEvent('statechange', { detail: { code } });
    await new Promise((ok) => setTimeout(ok, 0));
  };

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'live') return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}` } };
        if (data.action === 'sessions') {
          const rewards = [ENTER_REWARD, { ...WATCH_REWARD, couponId: granted ? WATCH_COUPON : null }];
          return { ok: true, data: { sessions: [{ ...SESSION, rewards, watchedSeconds: granted ? 600 : 540 }], now: '2099-11-28T12:30:00.000Z' } };
        }
        if (data.action === 'enter') return { ok: true, data: { granted: [], watchedSeconds: 540 } };
        if (data.action === 'heartbeat') {
          return new Promise((resolve) => {
            answerHeartbeat = (answer) => resolve({ ok: true, data: answer });
          });
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected live.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    jest.useFakeTimers({ doNotFake: [...REAL_TIMERS] });
    page = app.renderPage('packages/live/pages/room/index', { sessionId: SESSION.sessionId });
    await page.waitFor(() => page.byClass('watch-progress') !== null, 'the room with its watch progress');
    await page.waitFor(() => count('enter') === 1, 'live.enter on show');
  });

  afterAll(() => {
    page?.detach();
    jest.useRealTimers();
  });

  it('announces the watch coupon the late heartbeat granted, and beats no more while the picture stands still', async () => {
    // Playing: the beats start; a minute on, the heartbeat goes out and its answer is held.
    assert.ok(page.byClass('watch-progress__paused'), 'not counting before the picture moves');
    await playerState(2004);
    await page.waitFor(() => page.byClass('watch-progress__paused') === null, 'the progress counting while the picture moves');
    jest.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    await page.waitFor(() => count('heartbeat') === 1 && answerHeartbeat !== undefined, 'the first heartbeat');

    // A short lag (2105) while that heartbeat is on its way: the overlay says so, but the member is
    // still watching, so the count goes on and nothing restarts the server's clock when it clears.
    await playerState(2105);
    await page.waitFor(() => /网络不佳，正在缓冲…/.test(page.textOf('live-player__overlay') ?? ''), 'the buffering overlay');
    assert.equal(page.byClass('watch-progress__paused'), null, 'a short lag still counts');
    await playerState(2004);
    await page.waitFor(() => page.byClass('live-player__overlay') === null, 'the picture moving again');
    assert.equal(count('enter'), 1, 'no enter after a short lag');

    // The connection drops (2103: reconnecting): the beats stop at once.
    await playerState(2103);
    await page.waitFor(() => page.byClass('watch-progress__paused') !== null, 'the progress waiting for the picture');
    assert.match(page.textOf('live-player__overlay') ?? '', /网络断开，正在重连…/);
    assert.match(page.textOf('reward-list__row--granted') ?? '', /进场礼/);
    assert.equal(page.text().includes('✓ 已获得 看满10分钟15元'), false);

    // The server counted the 10th minute and granted the watch coupon: the member is told.
    granted = true;
    answerHeartbeat!({ watchedSeconds: 600, granted: [WATCH_COUPON] });
    await page.waitFor(() => toasts.includes('获得 看满10分钟15元'), 'the grant toast naming the watch coupon', 1500);
    await page.waitFor(() => page.text().includes('✓ 已获得 看满10分钟15元'), 'the progress saying the watch coupon is the member’s', 1500);
    assert.equal(count('sessions'), 2); // the page's load, then the refresh that names the coupon
    const rows = page.component.dom.querySelectorAll('.page--reward-list__row--granted');
    assert.equal(rows.length, 2);
    assert.match(rows[1].textContent ?? '', /观看满10分钟.*看满10分钟15元.*✓ 已获得/);
    assert.equal(page.textOf('watch-progress__headline'), '✓ 已获得 看满10分钟15元');

    // Still stalled: minutes pass and no heartbeat (nor enter) is sent.
    jest.advanceTimersByTime(3 * HEARTBEAT_INTERVAL_MS);
    await new Promise((ok) => setTimeout(ok, 20));
    assert.equal(count('heartbeat'), 1);
    assert.equal(count('enter'), 1);
  });
});
