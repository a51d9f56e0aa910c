'use strict';
// One warm cloud-function instance. Plain CommonJS so it runs in a bare worker thread
// (no tsx): the functions it loads are built JavaScript, as on the real platform.
//
// wx-server-sdk reads the caller's identity from process.env on every call, so an
// instance serves one invocation at a time and the host swaps the variables in here
// before each one. A worker thread has its own process.env copy, so concurrent
// invocations in different workers cannot see each other's OPENID.

const { parentPort, threadId, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');

// Coverage (npm test measures functions/ so): V8 block coverage of the bundles this instance runs,
// written when the host asks before it closes. Only the bundles' scripts are kept: the rest (the SDK,
// node itself) would be megabytes per instance.
const coverageDir = workerData && workerData.coverageDir;
let coverage = null;
if (coverageDir) {
  coverage = new (require('node:inspector').Session)();
  coverage.connect();
  coverage.post('Profiler.enable');
  // Block coverage without call counts: whether each block ran is all a line figure needs, and it costs less.
  coverage.post('Profiler.startPreciseCoverage', { callCount: false, detailed: true });
}

function writeCoverage(done) {
  coverage.post('Profiler.takePreciseCoverage', (err, taken) => {
    if (!err) {
      const result = taken.result.filter((script) => script.url.includes('/cloudfunctions/'));
      if (result.length) fs.writeFileSync(path.join(coverageDir, `functions-${process.pid}-${threadId}.json`), JSON.stringify({ result }));
    }
    done();
  });
}

// wx-server-sdk from its single-file bundle when the host made one (see sdkBundle.ts): the same code,
// loaded without resolving and reading its hundreds of files at every cold start.
const sdkBundle = workerData && workerData.sdkBundle;
if (sdkBundle) {
  const Module = require('node:module');
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveSdkToBundle(request, ...rest) {
    return request === 'wx-server-sdk' ? sdkBundle : resolveFilename.call(this, request, ...rest);
  };
}

/** Keys set for the previous invocation; removed first so nothing leaks into the next one. */
let previousKeys = [];

// SCF's Node runtime logs a stray rejection instead of killing a warm instance;
// without this Node 20 would end the thread and the next caller would pay a cold start.
process.on('unhandledRejection', (reason) => {
  console.error('[cloud function] unhandled promise rejection:', reason);
});

function describeError(err) {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack };
  }
  let text;
  try {
    text = typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    text = String(err);
  }
  return { name: 'Error', message: text, stack: undefined };
}

/** Supports async main (the wx-server-sdk style) and the older SCF callback style. */
function callMain(main, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (err, value) => (err ? reject(err) : resolve(value));
    const returned = main(event, context, callback);
    if (returned && typeof returned.then === 'function') {
      returned.then(resolve, reject);
    } else if (main.length < 3) {
      resolve(returned);
    }
  });
}

parentPort.on('message', async (msg) => {
  if (msg.type === 'flushCoverage') {
    if (coverage) writeCoverage(() => parentPort.postMessage({ type: 'coverageWritten' }));
    else parentPort.postMessage({ type: 'coverageWritten' });
    return;
  }
  const { id, modulePath, event, contextFields, env, timeLimitMs } = msg;
  for (const key of previousKeys) delete process.env[key];
  for (const [key, value] of Object.entries(env)) process.env[key] = value;
  previousKeys = Object.keys(env);

  try {
    const mod = require(modulePath);
    const main = mod && (typeof mod.main === 'function' ? mod.main : mod.default && mod.default.main);
    if (typeof main !== 'function') {
      throw new TypeError(`${modulePath} does not export a main function`);
    }
    // Loading the code (a cold start) is not execution time on SCF: the time limit starts now.
    parentPort.postMessage({ type: 'started', id });
    const startedAtMs = Date.now();
    const context = Object.assign({}, contextFields, {
      getRemainingTimeInMillis: () => Math.max(0, timeLimitMs - (Date.now() - startedAtMs)),
    });
    const result = await callMain(main, event, context);
    // The platform hands results back as JSON text: Dates become strings, undefined disappears.
    let json;
    try {
      json = result === undefined ? undefined : JSON.stringify(result);
    } catch (err) {
      throw new TypeError(`the function returned a value that is not JSON-serialisable: ${err.message}`);
    }
    parentPort.postMessage({ type: 'done', id, ok: true, json });
  } catch (err) {
    parentPort.postMessage({ type: 'done', id, ok: false, error: describeError(err) });
  }
});
