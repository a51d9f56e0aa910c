import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
};

/** Serves the H5 preview build. The hash router means every page is index.html. */
export function serveStatic(res: ServerResponse, rootDir: string | undefined, urlPath: string): boolean {
  if (!rootDir || !existsSync(rootDir)) return false;
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let file = join(rootDir, relative);
  if (!file.startsWith(rootDir)) return false;
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(rootDir, 'index.html');
  if (!existsSync(file)) return false;
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
  });
  createReadStream(file).pipe(res);
  return true;
}
