import assert from '@test/support/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { DIST_WEAPP } from './shim';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('mini-program bundle (dist/weapp)', () => {
  if (!existsSync(path.join(DIST_WEAPP, 'app.json'))) {
    throw new Error(`${DIST_WEAPP} is missing: build the mini-program first (npx taro build --type weapp)`);
  }
  const appJson = JSON.parse(readFileSync(path.join(DIST_WEAPP, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const subpackageRoots = (appJson.subPackages ?? []).map((p) => path.join(DIST_WEAPP, p.root) + path.sep);
  const files = filesUnder(DIST_WEAPP);
  // The main package's 600 KB budget is checked by scripts/weapp-budget.mjs in npm test.

  it('subpackages: the staff workbench is built inside its subpackage, not the main package', () => {
    const workbench = path.join(DIST_WEAPP, 'packages/staff/pages/workbench/index.js');
    assert.ok(existsSync(workbench));
    assert.ok(subpackageRoots.some((root) => workbench.startsWith(root)));
  });

  it('persona switcher: no demo persona or gateway header reaches the mini-program', () => {
    const offenders = files.filter((f) => /demo-(normal|member|gold|paid|new|clerk-1|admin)|x-openid|guoli\.persona/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('share preview: the H5 preview’s group simulation (devGroup, dev CloudIDs, the share panel) stays out of the mini-program', () => {
    const offenders = files.filter((f) => /dev-cloudid|devGroup|gid-fresh|share-preview|预览模拟/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('app.json: WeUI 2 styles, a sitemap in the package, and the location API declared with the reason WeChat shows', () => {
    const app = appJson as { style?: string; sitemapLocation?: string; requiredPrivateInfos?: string[]; permission?: Record<string, { desc?: string }> };
    assert.equal(app.style, 'v2');
    assert.equal(app.sitemapLocation, 'sitemap.json');
    const sitemap = JSON.parse(readFileSync(path.join(DIST_WEAPP, 'sitemap.json'), 'utf8')) as { rules: Array<{ action: string; page: string }> };
    assert.deepEqual(sitemap.rules.at(-1), { action: 'disallow', page: '*' });
    // Every location API the code calls is declared, and nothing it does not call.
    const calls = new Set(files.filter((f) => f.endsWith('.js')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b(getLocation|getFuzzyLocation|chooseLocation|choosePoi|chooseAddress|startLocationUpdate)\(/g)].map((m) => m[1])));
    assert.deepEqual(app.requiredPrivateInfos, ['getLocation']);
    assert.ok(calls.has('getLocation'));
    assert.match(app.permission?.['scope.userLocation']?.desc ?? '', /门店/);
  });

  it('contract: zod schemas stay out of the mini-program (the app imports contract types only)', () => {
    const offenders = files.filter((f) => f.endsWith('.js') && /ZodType|zod\/v4|\$ZodError/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
