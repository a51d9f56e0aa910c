// Makes demo-stream.webm, the clip the H5 preview's live room plays in place of a real stream (the
// mini-program plays the session's streamUrl). Our own drawing, CC0: an animated canvas recorded by
// Debian's Chromium (VP8 WebM, which it plays headless without proprietary codecs). Run once:
//   node src/packages/live/assets/makeDemoStream.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-stream.webm');
const SECONDS = 6;

// Runs in the page: draws fruit bobbing on a counter and records it with MediaRecorder.
const RECORD = `(async (seconds) => {
  const canvas = document.createElement('canvas');
  canvas.width = 320; canvas.height = 180;
  document.body.appendChild(canvas);
  const g = canvas.getContext('2d');
  const fruits = [['#f5484d', 60], ['#ff8a3d', 125], ['#f2c94c', 190], ['#1fa463', 255]];
  const started = performance.now();
  const draw = () => {
    const t = (performance.now() - started) / 1000;
    const sky = g.createLinearGradient(0, 0, 0, 180);
    sky.addColorStop(0, '#e7f6ee'); sky.addColorStop(1, '#fff1e6');
    g.fillStyle = sky; g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#c8a27a'; g.fillRect(0, 130, 320, 50);
    fruits.forEach(([colour, x], i) => {
      const y = 105 + Math.sin(t * 2 + i) * 10;
      g.fillStyle = colour; g.beginPath(); g.arc(x, y, 24, 0, Math.PI * 2); g.fill();
      g.fillStyle = '#12804a'; g.fillRect(x - 2, y - 32, 4, 10);
    });
    g.fillStyle = '#f5484d'; g.fillRect(12, 12, 52, 22);
    g.fillStyle = '#fff'; g.font = 'bold 14px sans-serif'; g.fillText('LIVE', 20, 28);
    g.fillStyle = '#1f2a22'; g.font = 'bold 16px sans-serif'; g.fillText('GuoLi Fresh', 200, 28);
    if (t < seconds) requestAnimationFrame(draw);
  };
  draw();
  const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 250000 });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
  return Array.from(bytes);
})`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const page = await browser.newPage();
  const bytes = await page.evaluate(`${RECORD}(${SECONDS})`);
  writeFileSync(OUT, Buffer.from(bytes));
  console.log(`${OUT}: ${bytes.length} bytes`);
} finally {
  await browser.close();
}
