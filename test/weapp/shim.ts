/**
 * Renders pages of the compiled mini-program (dist/weapp) in miniprogram-simulate.
 *
 * Taro's page code waits for the runtime that app.js starts, so a page cannot be loaded alone.
 * This shim plays the parts of WeChat's base library that miniprogram-simulate does not:
 * `App`, `getApp`, `Page`, `getCurrentPages`, `requirePlugin`, `__wxConfig` and `wx.cloud`.
 * `Page(cfg)` registers the page as a custom component (its functions become methods; `onLoad`
 * runs when it is attached, `onShow`/`onReady` when it is ready).
 *
 * Limits (miniprogram-simulate 1.6.2): load each page at most once per process (jest gives
 * each test file its own module registry); the official (Linux) WXML compiler is required.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const DIST_WEAPP = path.resolve(__dirname, '..', '..', 'dist', 'weapp');

/** What a stubbed `wx.cloud.callFunction` answers: the value `main` returned (becomes `res.result`). */
export type CloudHandler = (name: string, data: Record<string, unknown>) => unknown;

export interface CloudCall {
  name: string;
  data: Record<string, unknown>;
}

/** What WeChat passes to App onLaunch / onShow (and answers wx.getEnterOptionsSync with). */
export interface LaunchOptions {
  path: string;
  query: Record<string, string>;
  scene: number;
  /** Present when a share card was opened from a group chat (scene 1044). */
  shareTicket?: string;
}

export interface WeappHarness {
  distDir: string;
  /** Every `wx.cloud.callFunction` the app made, in order. */
  cloudCalls: CloudCall[];
  /** What the app passed to `wx.cloud.init`. */
  cloudInit: unknown[];
  /** Replace how `wx.cloud.callFunction` answers from now on. */
  setCloudHandler(handler: CloudHandler): void;
  /** Renders page `route` (e.g. "pages/member/index"), attached and ready. */
  renderPage(route: string, query?: Record<string, string>): RenderedPage;
  /** Brings the app to the foreground again as WeChat would (App onShow), e.g. from another share card. */
  showApp(options: LaunchOptions): void;
}

export interface RenderedPage {
  /** miniprogram-simulate's component wrapper (see its docs: dom, querySelector, setData, …). */
  component: SimulatedComponent;
  /** The page's whole text, a space between text nodes. */
  text(): string;
  /**
   * First element carrying this class (a BEM name such as "tier-card__tier"). miniprogram-simulate
   * prefixes a component's classes with its tag ("page--tier-card__tier") and does not render
   * `id`s as DOM attributes, so classes are what tests can find.
   */
  byClass(className: string): Element | null;
  /** Text of the first element with this class, whitespace collapsed; null if absent. */
  textOf(className: string): string | null;
  /** Waits until `predicate()` holds (polling the rendered DOM), or fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Taps the first element with this class (a tap event the Taro event handler receives). */
  tap(className: string): Promise<void>;
  /** Runs one of the page's lifecycle handlers as WeChat would (e.g. "onPullDownRefresh"). */
  trigger(handler: string, ...args: unknown[]): unknown;
  detach(): void;
}

export interface SimulatedComponent {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): { dispatchEvent(name: string, options?: unknown): void; dom: HTMLElement } | undefined;
}

interface Simulate {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimulatedComponent;
  sleep(ms?: number): Promise<void>;
}

const g = globalThis as Record<string, unknown>;
let booted: WeappHarness | undefined;

function installDom(): void {
  if (g.window) return;
  // jsdom arrives with @tarojs/webpack5-runner; miniprogram-simulate renders into a DOM.
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options?: Record<string, unknown>) => { window: Window } };
  const { window } = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  g.window = window;
  const w = window as unknown as Record<string, unknown>;
  for (const key of ['document', 'Element', 'HTMLElement', 'Node', 'MutationObserver', 'getComputedStyle']) {
    if (g[key] === undefined) g[key] = w[key];
  }
  // Node has its own Event and CustomEvent, which jsdom's dispatchEvent rejects: taps need jsdom's.
  for (const key of ['Event', 'CustomEvent', 'TouchEvent']) g[key] = w[key];
}

/** The text of a subtree, one space between text nodes (sibling <text>s have no whitespace between them). */
function textOfNode(node: Node | null): string {
  if (!node) return '';
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      const t = (n.textContent ?? '').trim();
      if (t) parts.push(t);
    }
    n.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ');
}

/**
 * Boots the compiled app once per process: installs the stand-ins, loads dist/weapp/app.js and
 * runs its onLaunch. Fails with a clear message when the build is missing.
 */
export function bootWeapp(options: {
  distDir?: string;
  cloud: CloudHandler;
  /** What the app is opened with (by default the shop from the 小程序 list). */
  launch?: LaunchOptions;
  /** Stubs wx APIs before the app starts (what App onLaunch / onShow call, e.g. wx.getShareInfo). */
  setupWx?: (wx: Record<string, unknown>) => void;
}): WeappHarness {
  if (booted) throw new Error('bootWeapp: the app is already booted in this process (one boot per test file)');
  const distDir = options.distDir ?? DIST_WEAPP;
  const appJs = path.join(distDir, 'app.js');
  if (!existsSync(appJs)) {
    throw new Error(`${appJs} is missing: build the mini-program first (npx taro build --type weapp; the weapp test script does this)`);
  }
  const appJson = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { pages: string[]; window?: unknown };

  installDom();
  const simulate = require('miniprogram-simulate') as Simulate; // defines global Component and wx

  let cloudHandler = options.cloud;
  const cloudCalls: CloudCall[] = [];
  const cloudInit: unknown[] = [];
  const wx = g.wx as Record<string, unknown>;
  wx.cloud = {
    init(config: unknown) {
      cloudInit.push(config);
    },
    async callFunction({ name, data }: { name: string; data: Record<string, unknown> }) {
      cloudCalls.push({ name, data });
      const result = await cloudHandler(name, data);
      return { errMsg: 'cloud.callFunction:ok', result, requestID: `test-${cloudCalls.length}` };
    },
  };

  let app: Record<string, unknown> | undefined;
  const pageStack: Record<string, unknown>[] = [];
  let loadingRoute = '';

  g.__wxConfig = { envVersion: 'develop', platform: 'devtools', pages: appJson.pages, global: { window: appJson.window ?? {} } };
  g.App = (config: Record<string, unknown>) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [...pageStack];
  g.requirePlugin = () => ({});
  g.Page = (config: Record<string, unknown>) => {
    const route = loadingRoute;
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) if (typeof value === 'function') methods[key] = value;
    const Component = g.Component as (definition: Record<string, unknown>) => void;
    Component({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = route;
          this.__route__ = route;
          this.options = this.__query ?? {};
          pageStack.push(this);
          (methods.onLoad as ((q: unknown) => void) | undefined)?.call(this, this.options);
        },
        ready(this: Record<string, unknown>) {
          (methods.onShow as (() => void) | undefined)?.call(this);
          (methods.onReady as (() => void) | undefined)?.call(this);
        },
        detached(this: Record<string, unknown>) {
          (methods.onUnload as (() => void) | undefined)?.call(this);
          const i = pageStack.indexOf(this);
          if (i >= 0) pageStack.splice(i, 1);
        },
      },
    });
  };

  // wx.getLaunchOptionsSync / getEnterOptionsSync answer what the app was opened with (by default the
  // shop, from the 小程序 list: scene 1001).
  let entered: LaunchOptions = options.launch ?? { path: appJson.pages[0], query: {}, scene: 1001 };
  const launched = entered;
  wx.getLaunchOptionsSync = () => ({ ...launched });
  wx.getEnterOptionsSync = () => ({ ...entered });
  options.setupWx?.(wx);

  require(appJs);
  if (!app) throw new Error(`${appJs} did not call App()`);
  const appConfig = app;
  (appConfig.onLaunch as (o: unknown) => void).call(appConfig, { ...launched });
  (appConfig.onShow as ((o: unknown) => void) | undefined)?.call(appConfig, { ...launched });

  const loaded = new Set<string>();

  booted = {
    distDir,
    cloudCalls,
    cloudInit,
    showApp(showOptions) {
      entered = showOptions;
      (appConfig.onShow as ((o: unknown) => void) | undefined)?.call(appConfig, { ...showOptions });
    },
    setCloudHandler(handler) {
      cloudHandler = handler;
    },
    renderPage(route, query = {}) {
      if (loaded.has(route)) throw new Error(`renderPage: ${route} was already loaded in this process (miniprogram-simulate cannot load a page twice)`);
      loaded.add(route);
      loadingRoute = route;
      const id = simulate.load(path.join(distDir, route), 'page', { rootPath: distDir });
      const component = simulate.render(id);
      (component.instance as Record<string, unknown>).__query = query;
      const parent = (g.document as Document).createElement('div');
      (g.document as Document).body.appendChild(parent);
      component.attach(parent);
      return wrapPage(component, simulate, 'page');
    },
  };
  return booted;
}

function wrapPage(component: SimulatedComponent, simulate: Simulate, tagName: string): RenderedPage {
  const byClass = (className: string) => component.dom.querySelector(`.${tagName}--${className}`);
  return {
    component,
    text: () => textOfNode(component.dom),
    byClass,
    textOf: (className) => {
      const el = byClass(className);
      return el ? textOfNode(el) : null;
    },
    async waitFor(predicate, what, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; page text: "${textOfNode(component.dom)}"`);
        await simulate.sleep(10);
      }
    },
    async tap(className) {
      const target = component.querySelector(`.${className}`);
      if (!target) throw new Error(`tap: no element .${className}`);
      target.dispatchEvent('tap');
      await simulate.sleep(0);
    },
    trigger(handler, ...args) {
      const fn = component.instance[handler];
      if (typeof fn !== 'function') throw new Error(`trigger: the page has no ${handler}`);
      return (fn as (...a: unknown[]) => unknown).apply(component.instance, args);
    },
    detach: () => component.detach(),
  };
}
