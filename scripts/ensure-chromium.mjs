#!/usr/bin/env node
// Makes sure a Chromium for Playwright (playwright-core, no bundled browser) is on this machine.
// Playwright's own download cannot work here (only npm and Debian are reachable), so we install
// Debian's `chromium` package with apt-get. Prints the path it found; exits 1 if none.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

function find() {
  return CANDIDATES.find((p) => existsSync(p));
}

/** Chinese text needs a CJK font, or screenshots show boxes; the tests do not depend on it. */
function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

function ensureCjkFont() {
  if (hasCjkFont()) return;
  console.log('ensure-chromium: no CJK font; running apt-get install -y fonts-wqy-microhei');
  try {
    execSync('apt-get install -y --no-install-recommends fonts-wqy-microhei || (apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei)', {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch (err) {
    console.error(`ensure-chromium: could not install a CJK font (${err.message}); screenshots will show boxes`);
  }
}

let found = find();
if (found) {
  console.log(`ensure-chromium: found ${found}`);
  ensureCjkFont();
  process.exit(0);
}

console.log('ensure-chromium: no Chromium found; running apt-get update && apt-get install -y chromium');
const started = Date.now();
try {
  execSync('apt-get update && apt-get install -y --no-install-recommends chromium', {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch (err) {
  console.error(`ensure-chromium: apt-get failed: ${err.message}`);
}
found = find();
if (!found) {
  console.error(`ensure-chromium: still no Chromium at ${CANDIDATES.join(', ')}`);
  process.exit(1);
}
ensureCjkFont();
console.log(`ensure-chromium: installed ${found} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
