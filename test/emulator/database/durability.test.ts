import assert from '@test/support/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from '@jest/globals';
import { openDatabase } from '@emulator/database';

const repoRoot = join(__dirname, '..', '..', '..');
const childScript = join(__dirname, 'durability-child.ts');

describe('durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-db-durability-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('kill -9: every acknowledged write is there after reopening', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let lastAck = -1;
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => reject(new Error(`child exited before being killed: ${stderr}`)));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const match = /^ack (\d+)$/.exec(line);
          if (match) lastAck = Number(match[1]);
        }
        // Kill mid-stream: the child is still writing when the signal lands.
        if (lastAck >= 150) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    assert.equal(await exited, 'SIGKILL');

    const reopened = openDatabase({ dataDir, now: () => new Date(), schema: { collections: { acks: {}, counters: {} } } });
    try {
      const ids = new Set(reopened.dump('acks').map((doc) => doc._id));
      for (let i = 0; i <= lastAck; i++) {
        assert.ok(ids.has(`a${i}`), `acknowledged insert a${i} is missing`);
        if (i % 10 === 0) assert.ok(ids.has(`tx${i}`), `acknowledged transaction tx${i} is missing`);
      }
      const [counter] = reopened.dump('counters');
      assert.ok((counter.n as number) >= lastAck + 1, `counter ${counter.n} lost acknowledged increments (${lastAck + 1})`);
      assert.ok(reopened.dump('acks').every((doc) => doc.at === undefined || doc.at instanceof Date));
    } finally {
      reopened.close();
    }
  });
});
