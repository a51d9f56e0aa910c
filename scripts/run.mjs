// Small helpers shared by the start and test scripts: run a command, time it, fail loudly.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(new URL('..', import.meta.url).pathname);
const bin = (name) => resolve(ROOT, 'node_modules', '.bin', name);

export function run(command, args, { env = {}, quiet = false } = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(command.includes('/') ? command : bin(command), args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code === 0) ok(output);
      else {
        if (quiet) process.stderr.write(output);
        fail(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      }
    });
  });
}

export async function step(name, fn) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = await fn();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`✔ ${name} (${seconds} s)\n`);
  return { name, seconds: Number(seconds), result };
}

/** A production build of one target; `env` adds variables (TARO_MINIFY=off: no minifying, for test builds). */
export const taroBuild = (type, env = {}) => run('taro', ['build', '--type', type], { quiet: true, env: { NODE_ENV: 'production', BROWSERSLIST_IGNORE_OLD_DATA: '1', ...env } });
