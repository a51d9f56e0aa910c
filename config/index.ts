import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { Configuration, Module } from 'webpack';
import devConfig from './dev';
import prodConfig from './prod';

const repoRoot = path.resolve(__dirname, '..');

/**
 * The app imports shared code from outside src/: core/ (pure domain: money, tiers) and contract/
 * (types, plus ERROR_MESSAGES). Taro only transpiles src/ and Taro's own packages by default.
 */
const sharedSources = [path.join(repoRoot, 'core'), path.join(repoRoot, 'contract')];

/** tsconfig.json's path aliases (`@/components/…`, `@core/money`), so webpack resolves what tsc checks. */
const { paths } = (JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions;
const alias = Object.fromEntries(
  Object.entries(paths).map(([name, [target]]) => [name.replace(/\/\*$/, ''), path.join(repoRoot, target.replace(/\/\*$/, ''))]),
);

/**
 * How the H5 preview shares code between its pages. Taro's default splits only the entry's initial
 * chunk (`chunks: 'initial'`), while every page is its own lazy chunk: each page chunk carried its own
 * copy of @tarojs/components, dayjs, our services and components — 25 copies, 70% of the
 * JavaScript. Code used by two pages or more now lives in one shared chunk, loaded once; what a single
 * page uses stays in that page's lazy chunk. The QR library and the operators' console code get chunks
 * of their own, so a member's page does not load them.
 */
const nodeModules = /[\\/]node_modules[\\/]/;
const opsPackage = /[\\/]src[\\/]packages[\\/]ops[\\/]/;
const h5SplitChunks: Exclude<NonNullable<Configuration['optimization']>['splitChunks'], false | undefined> = {
  chunks: 'async',
  minSize: 0,
  cacheGroups: {
    default: false,
    defaultVendors: false,
    // The pickup voucher and the member code (order detail, 会员码): not the rest of the shop.
    qrcode: { name: 'qrcode', test: /[\\/]node_modules[\\/](qrcode|dijkstrajs|pngjs|encode-utf8)[\\/]/, minChunks: 2, priority: 30 },
    // @tarojs/components, the H5 APIs the pages call, dayjs, Babel's helpers.
    vendors: { name: 'vendors', test: nodeModules, minChunks: 2, priority: 20 },
    // Our components, services, hooks, core/ and contract/ code used by several pages.
    common: { name: 'common', test: (module: Module) => !opsPackage.test(module.nameForCondition() ?? ''), minChunks: 2, priority: 10 },
    // What the 运营 pages share with each other (only they import it). Ranked after common so that its
    // styles load after the shared components' ones, as a page's own styles do.
    ops: { name: 'ops', test: opsPackage, minChunks: 2, priority: 5 },
  },
};

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'guoli-private-store',
    date: '2025-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp for WeChat devtools (project.config.json points there), dist/h5 for the emulator's gateway.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // app.json's sitemapLocation: WeChat reads sitemap.json from the mini-program's root (the preview has no use for it).
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    alias,
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // npm test's H5 build skips minifying (TARO_MINIFY=off): the browser tests need the same code, not
    // its size, and terser is a third of that build. npm start and the mini-program are always minified.
    // For the preview, unquoted keys and a second compress pass take 3% off its JavaScript (Taro quotes
    // every key, which only ES3 engines need; its keep_fnames stays).
    terser: { enable: process.env.TARO_MINIFY !== 'off', config: process.env.TARO_ENV === 'h5' ? { output: { quote_keys: false }, compress: { passes: 2 } } : {} },
    csso: { enable: process.env.TARO_MINIFY !== 'off' },
    mini: {
      compile: { include: sharedSources },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: sharedSources },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // A preview served from localhost: webpack's 244 KiB advice is noise here.
      webpackChain(chain) {
        chain.performance.hints(false);
        chain.optimization.splitChunks(h5SplitChunks);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
