import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from '@jest/globals';
import assert from '@test/support/assert';

/**
 * No text in the app is smaller than 12 px on a phone: 24 design px (rpx, 750 wide). Every
 * `font-size` in src/**\/*.scss, and every size given to the `figure` mixin, is read as written or
 * through the design tokens of src/styles/_variables.scss; relative sizes (em, %) below 1 are refused
 * because their size cannot be known here.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SMALLEST = 24;

function scssFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return scssFiles(rel);
    return rel.endsWith('.scss') ? [rel] : [];
  });
}

const tokens = new Map([...readFileSync(path.join(ROOT, 'src/styles/_variables.scss'), 'utf8').matchAll(/^\$([\w-]+):\s*(\d+(?:\.\d+)?)px;/gm)].map((m) => [m[1], Number(m[2])]));

/** The size in design px, or null when it is not a size to check (inherit, a mixin's own parameter). */
function designPx(value: string): number | null {
  const v = value.trim();
  const token = v.match(/^\$([\w-]+)$/);
  if (token) return tokens.get(token[1]) ?? null;
  const absolute = v.match(/^(\d+(?:\.\d+)?)(px|rpx)$/);
  if (absolute) return Number(absolute[1]);
  const relative = v.match(/^(\d*\.?\d+)(em|rem|%)$/);
  if (relative) return Number(relative[1]) / (relative[2] === '%' ? 100 : 1) >= 1 ? SMALLEST : 0;
  return null;
}

function smallSizes(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const values = [...text.matchAll(/font-size:\s*([^;]+);/g), ...text.matchAll(/@include\s+figure\(\s*([^,)]+)/g)].map((m) => m[1].trim());
  return values.filter((v) => {
    const px = designPx(v);
    return px !== null && px < SMALLEST;
  });
}

test('font sizes: nothing in src/**/*.scss is below 24 design px (12 px on a phone)', () => {
  assert.ok((tokens.get('font-xs') ?? 0) >= SMALLEST, 'the smallest token, $font-xs, is at least 24px');
  const found: Record<string, string[]> = {};
  for (const file of scssFiles('src')) {
    const small = smallSizes(file);
    if (small.length) found[file] = small;
  }
  assert.deepEqual(found, {}, 'font sizes below 24px (12 px): use $font-xs or larger');
});
