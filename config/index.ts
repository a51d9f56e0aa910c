import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
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
    terser: { enable: process.env.TARO_MINIFY !== 'off' },
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
