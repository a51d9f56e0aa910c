// 5,000 callers at once (the claim-storm benchmark's load): every call must be answered, none reset.
// Two halves: the test client's keep-alive agent queues calls over a bounded set of sockets, and the
// server's listen backlog holds 5,000 raw connections opened at the same instant by clients with no
// agent at all.
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { CLIENT_MAX_SOCKETS, startEmulator, type EmulatorInstance } from '@test/support/emulator';

const FIXTURES = join(__dirname, 'gateway-fixtures');
const STORM = 5000;
/** The function host's warm instances per function (its default). */
const INSTANCES = 8;

interface Stats {
  database: { total: number };
  invocations: Record<string, number>;
  connections: { open: number; peak: number; accepted: number; sdk: number };
}

/** A Linux file's number, or undefined where there is none (another OS, a locked-down /proc). */
function procNumber(file: string, pick: (text: string) => string | undefined): number | undefined {
  try {
    const value = Number(pick(readFileSync(file, 'utf8')));
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const somaxconn = () => procNumber('/proc/sys/net/core/somaxconn', (t) => t.trim());

/** The kernel's count of connections dropped because a listen queue was full (machine-wide). */
const listenOverflows = () =>
  procNumber('/proc/net/netstat', (t) => {
    const [names, values] = t.split('\n').filter((l) => l.startsWith('TcpExt:')).map((l) => l.split(/\s+/));
    return names && values ? values[names.indexOf('ListenOverflows')] : undefined;
  });

/** The backlog the kernel gave the listening socket (ss prints it as Send-Q), if ss is installed. */
function listenBacklog(port: string): number | undefined {
  try {
    const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
    return Number(line.split(/\s+/)[2]);
  } catch {
    return undefined;
  }
}

/** One HTTP/1.1 call on a socket of its own, opened now; the socket stays open until `release`. */
function rawCall(port: number, path: string, body: string, release: Promise<void>): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      const headEnd = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received.slice(0, headEnd));
      if (headEnd < 0 || !length || received.length < headEnd + 4 + Number(length[1])) return;
      ok({ status: Number(received.slice(9, 12)), text: received.slice(headEnd + 4) });
      void release.then(() => socket.destroy());
    });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error(`connection closed before the answer: ${received.slice(0, 80)}`)));
  });
}

describe('storm: 5,000 simultaneous calls', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ env: { FUNCTIONS_DIR: FIXTURES } });
    await cloud.call('ticker', {}); // a warm instance, so the storm measures calls, not a cold start
  });
  afterAll(async () => {
    await cloud.stop();
  });

  const stats = async () => (await cloud.get<Stats>('/__dev/stats')).body;

  test('gateway: 5,000 simultaneous calls all answer, queued over the client\'s bounded keep-alive sockets', async () => {
    await cloud.post('/__dev/stats/reset');
    const started = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: STORM }, (_, i) => cloud.call<{ event: { i: number } }>('ticker', { i }, `storm-${i}`)));
    const ms = Math.round(performance.now() - started);
    const failed = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    assert.deepEqual(failed.slice(0, 5), [], `${failed.length} of ${STORM} calls failed`);
    settled.forEach((s, i) => assert.equal(s.status === 'fulfilled' && s.value.event.i, i));
    const after = await stats();
    assert.equal(after.invocations.ticker, STORM);
    // Not one connection per call: the client queued them over its pool (fetch would have opened 5,000).
    assert.ok(after.connections.accepted <= CLIENT_MAX_SOCKETS, `opened ${after.connections.accepted} connections`);
    console.log(`${STORM} calls in ${ms} ms over ${after.connections.accepted} connections`);
  });

  test('functions: wx-server-sdk inside the functions reuses its connections back to /admin', async () => {
    await cloud.post('/__dev/stats/reset');
    const calls = 1000;
    const results = await Promise.all(Array.from({ length: calls }, (_, i) => cloud.call<{ i: number; total: number }>('lookup', { i }, `storm-${i}`)));
    assert.ok(results.every((r, i) => r.i === i && r.total === 0));
    const after = await stats();
    assert.equal(after.database.total, calls, 'one database request per call');
    // Keep-alive within each warm instance: a connection or two per instance, not one per request.
    assert.ok(after.connections.sdk <= INSTANCES * 2, `${calls} SDK requests used ${after.connections.sdk} connections`);
  });

  test('listen backlog: 5,000 raw simultaneous connections (no agent) are all answered, none reset', async () => {
    const { port } = new URL(cloud.url);
    const cap = somaxconn();
    const backlog = listenBacklog(port);
    // Linux caps a listen backlog at net.core.somaxconn: the local cloud must ask for at least 5,000.
    if (backlog !== undefined) assert.ok(backlog >= Math.min(STORM, cap ?? STORM), `listen backlog ${backlog} (somaxconn ${cap})`);
    await cloud.post('/__dev/stats/reset');
    const overflowsBefore = listenOverflows();
    let releaseAll!: () => void;
    const release = new Promise<void>((ok) => (releaseAll = ok));
    const started = performance.now();
    // Every socket opens in the same tick and stays open until all have answered: 5,000 at once.
    const settled = await Promise.allSettled(Array.from({ length: STORM }, (_, i) => rawCall(Number(port), '/functions/ticker', JSON.stringify({ data: { i } }), release)));
    const ms = Math.round(performance.now() - started);
    const after = await stats();
    releaseAll();
    const failed = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    assert.deepEqual(failed.slice(0, 5), [], `${failed.length} of ${STORM} connections failed`);
    const statuses = settled.map((s) => (s.status === 'fulfilled' ? s.value.status : 0));
    assert.ok(statuses.every((s) => s === 200), `statuses: ${[...new Set(statuses)].join(', ')}`);
    assert.ok(after.connections.peak >= STORM, `only ${after.connections.peak} connections were open at once`);
    const overflowsAfter = listenOverflows();
    const overflows = overflowsBefore === undefined || overflowsAfter === undefined ? 'unknown' : overflowsAfter - overflowsBefore;
    console.log(`${STORM} raw connections answered in ${ms} ms; backlog ${backlog ?? 'unknown'}, somaxconn ${cap ?? 'unknown'}, listen overflows on this machine meanwhile: ${overflows}`);
  });
});
