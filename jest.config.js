/**
 * jest, one project per test layer (`npx jest --selectProjects functions`, or `npx jest <path>` for
 * one file). Tests are TypeScript, compiled by ts-jest without type checking (npm test typechecks
 * the whole project before).
 */
/** tsconfig.json's path aliases (`@core/money` → core/money), the one map tsx, esbuild, Taro and jest read. */
const aliases = Object.entries(require('./tsconfig.json').compilerOptions.paths).map(([alias, [target]]) => [
  alias.replace(/\/\*$/, ''),
  target.replace(/^\.\//, '').replace(/\/\*$/, ''),
]);

const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };

const layer = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/fixtures/', '/node_modules/'],
  transform,
  // Sources import each other ESM-style (`./host.js` for host.ts), as tsx and esbuild resolve them.
    moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    ...Object.fromEntries(
      aliases.map(([alias, dir]) => [`^${alias}/(.*?)(\\.js)?$`, `<rootDir>/${dir}/$1`]),
    ),
  },
});

/** @type {import('jest').Config} */
module.exports = {
  projects: ['unit', 'weapp', 'emulator', 'functions', 'e2e'].map(layer),
  // Longest files first (test/durations.json), so that two workers finish together.
  testSequencer: '<rootDir>/test/sequencer.js',
  // One file at a time when run by hand (`npx jest`): the emulator and browser layers start processes
  // of their own. npm test runs those layers two files at a time (scripts/test.mjs).
  maxWorkers: 1,
  // test.concurrent (the crash-point scenarios) runs two at a time.
  maxConcurrency: 2,
  // The layers that start local clouds and browsers take minutes per test at most (crash points: ~15 s
  // a scenario); a hang still ends.
  testTimeout: 300_000,
  verbose: true,
  // Coverage of the pure core, from the tests that run it in process (npm test adds --coverage). The
  // functions run inside local clouds; npm test measures them there (scripts/coverage.mjs).
  collectCoverageFrom: ['<rootDir>/core/**/*.ts'],
  coverageProvider: 'v8',
  coverageDirectory: '<rootDir>/.coverage/jest',
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: { './core/': { lines: 90 } },
};
