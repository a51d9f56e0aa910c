// The H5 preview's JavaScript must stay within 1 MB (issue 14), counted as `npm start` serves it: minified.
// npm test builds the preview unminified (TARO_MINIFY=off: terser would be a third of that build), so this
// check minifies the test build's files with esbuild, which takes under a second, and holds the result to
// a budget set from the two minifiers measured on the same sources: esbuild's output is 6% larger than the
// terser build's (1,018,338 against 962,692 bytes), so 1,050,000 esbuild bytes stand for about 993 KB served.
// The usual way over budget is a module copied into every page chunk again: config/index.ts (h5SplitChunks).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transform } from 'esbuild';
import { ROOT } from './run.mjs';

export const H5_MINIFIED_BUDGET_BYTES = 1_050_000;

function jsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFilesUnder(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

/** Bytes of each JavaScript file of the H5 build, as built and minified by esbuild. */
export async function h5ScriptSizes(distDir = join(ROOT, 'dist', 'h5')) {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`no H5 build at ${distDir}: run npm run build:h5`);
  return Promise.all(
    jsFilesUnder(distDir).map(async (file) => {
      const code = readFileSync(file, 'utf8');
      // Like terser's output: no comments, UTF-8 text kept as is (esbuild escapes it by default).
      const minified = await transform(code, { minify: true, legalComments: 'none', charset: 'utf8' });
      return { file: relative(distDir, file), bytes: Buffer.byteLength(code), minified: Buffer.byteLength(minified.code) };
    }),
  );
}

export async function checkH5Budget() {
  const files = await h5ScriptSizes();
  const built = files.reduce((sum, f) => sum + f.bytes, 0);
  const minified = files.reduce((sum, f) => sum + f.minified, 0);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`H5 preview JavaScript: ${files.length} files, ${built} bytes as built (${kb(built)}), ${minified} bytes minified (${kb(minified)}), budget ${H5_MINIFIED_BUDGET_BYTES} bytes`);
  for (const f of files.sort((a, b) => b.minified - a.minified).slice(0, 5)) console.log(`  ${f.file}: ${kb(f.minified)} minified`);
  if (minified > H5_MINIFIED_BUDGET_BYTES) throw new Error(`H5 preview JavaScript is ${minified} bytes minified, over the ${H5_MINIFIED_BUDGET_BYTES}-byte budget`);
  return { files, built, minified };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await checkH5Budget();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
