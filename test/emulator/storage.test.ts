import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

/**
 * Cloud storage through the unchanged wx-server-sdk, in a real local cloud: the fixture function
 * `storage` calls cloud.uploadFile / getTempFileURL / downloadFile / deleteFile and answers what the
 * SDK resolved, or the error it threw.
 */
const PROJECT = join(__dirname, 'storage.localCloud.ts');
const USER = 'member-storage';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('草莓 3 盒\nstrawberries × 3\n', 'utf8');
const ENV_ID = 'local-dev';
const FILE_ID = /^cloud:\/\/local-dev\.([0-9a-f]{4}-local-dev-\d+)\/(.+)$/;
/** Production's bucket naming: hex of the env id's first two characters, the env id, an APPID. */
const BUCKET = `${Buffer.from(ENV_ID.slice(0, 2)).toString('hex')}-${ENV_ID}-1250000000`;
const fileIdOf = (cloudPath: string) => `cloud://${ENV_ID}.${BUCKET}/${cloudPath}`;

type Outcome<T = Record<string, unknown>> = { resolved: true; res: T } | { resolved: false; errCode: number; errMsg: string; code?: string };
type TempUrl = { fileID: string; tempFileURL: string; maxAge: number; status: number; errMsg: string };

function resolved<T>(outcome: Outcome<T>): T {
  assert.ok(outcome.resolved, `the SDK threw: ${JSON.stringify(outcome)}`);
  return outcome.res;
}

function refused<T>(outcome: Outcome<T>): { errCode: number; errMsg: string; code?: string } {
  assert.ok(!outcome.resolved, `the SDK resolved: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('cloud storage through wx-server-sdk', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ env: { LOCAL_CLOUD_PROJECT: PROJECT } });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  const call = <T = Record<string, unknown>>(op: string, args: Record<string, unknown>) => cloud.call<Outcome<T>>('storage', { op, ...args }, USER);
  const upload = (cloudPath: string, bytes: Buffer) => call<{ fileID: string; errMsg: string }>('upload', { cloudPath, base64: bytes.toString('base64') });
  const download = (fileID: string) => call<{ fileContent: string; errMsg: string }>('download', { fileID });
  const tempUrls = (fileList: unknown[]) => call<{ fileList: TempUrl[]; errMsg: string }>('tempUrls', { fileList });
  const remove = (fileList: string[]) => call<{ fileList: Array<{ fileID: string; status: number; errMsg: string }>; errMsg: string }>('delete', { fileList });
  /** What the SDK's downloadFile does with a temporary URL: GET encodeURI(url). */
  const get = (url: string) => fetch(encodeURI(url));

  test('uploadFile then downloadFile gives back the same bytes; a fileID is cloud://<envId>.<bucket>/<cloudPath>', async () => {
    const png = resolved(await upload('products/草莓 1.png', PNG));
    assert.equal(png.errMsg, 'uploadFile:ok');
    const [, bucket, cloudPath] = FILE_ID.exec(png.fileID) ?? [];
    assert.equal(cloudPath, 'products/草莓 1.png', png.fileID);
    assert.equal(bucket, BUCKET);
    const text = resolved(await upload('notes/order.txt', TEXT));
    const gotPng = resolved(await download(png.fileID));
    assert.equal(gotPng.errMsg, 'downloadFile:ok');
    assert.deepEqual(Buffer.from(gotPng.fileContent, 'base64'), PNG);
    assert.deepEqual(Buffer.from(resolved(await download(text.fileID)).fileContent, 'base64'), TEXT);
    // The same cloudPath again replaces the file under the same fileID.
    assert.equal(resolved(await upload('notes/order.txt', Buffer.from('v2'))).fileID, text.fileID);
    assert.equal(Buffer.from(resolved(await download(text.fileID)).fileContent, 'base64').toString(), 'v2');
  });

  test('getTempFileURL: the URL serves the bytes typed by extension, refuses an altered one, and stops after maxAge (dev clock)', async () => {
    const png = resolved(await upload('products/kiwi.png', PNG)).fileID;
    const text = resolved(await upload('notes/kiwi.txt', TEXT)).fileID;
    const start = new Date();
    await cloud.post('/__dev/clock', { now: start.toISOString() });
    try {
      const { fileList, errMsg } = resolved(await tempUrls([{ fileID: png, maxAge: 60 }, text]));
      assert.equal(errMsg, 'getTempFileURL:ok');
      assert.deepEqual(fileList.map(({ tempFileURL: _url, ...rest }) => rest), [
        { fileID: png, maxAge: 60, status: 0, errMsg: 'ok' },
        { fileID: text, maxAge: 86400, status: 0, errMsg: 'ok' },
      ]);
      const [pngUrl, textUrl] = fileList.map((f) => f.tempFileURL);
      assert.ok(pngUrl.startsWith(`${cloud.url}/__storage/`), pngUrl);
      const served = await get(pngUrl);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
      const servedText = await get(textUrl);
      assert.equal(servedText.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(await servedText.text(), TEXT.toString('utf8'));

      // A guessed or altered URL is refused: another signature, no signature, another expiry, another file.
      const url = new URL(encodeURI(pngUrl));
      const sign = url.searchParams.get('sign') ?? '';
      const altered = (change: (u: URL) => void) => {
        const copy = new URL(url);
        change(copy);
        return fetch(copy);
      };
      assert.equal((await altered((u) => u.searchParams.set('sign', sign.slice(0, -1) + (sign.endsWith('0') ? '1' : '0')))).status, 403);
      assert.equal((await altered((u) => u.searchParams.delete('sign'))).status, 403);
      assert.equal((await altered((u) => u.searchParams.set('t', String(Number(u.searchParams.get('t')) + 3600)))).status, 403);
      const forged = await altered((u) => (u.pathname = u.pathname.replace('kiwi.png', 'kiwi.txt')));
      assert.equal(forged.status, 403);
      assert.match(await forged.text(), /<Code>AccessDenied<\/Code>/);

      // 59 s later the 60 s URL still works; 61 s later it is refused, and the one-day URL is not.
      await cloud.post('/__dev/clock', { now: new Date(start.getTime() + 59_000).toISOString() });
      assert.equal((await get(pngUrl)).status, 200);
      await cloud.post('/__dev/clock', { now: new Date(start.getTime() + 61_000).toISOString() });
      const expired = await get(pngUrl);
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /expired/);
      assert.equal((await get(textUrl)).status, 200);
    } finally {
      await cloud.post('/__dev/clock', { now: null });
    }
  });

  test('deleteFile removes: downloadFile then fails as the SDK reports a missing file, and a second delete says so per file', async () => {
    const fileID = resolved(await upload('tmp/gone.txt', TEXT)).fileID;
    const [before] = resolved(await tempUrls([fileID])).fileList;
    const deleted = resolved(await remove([fileID]));
    assert.deepEqual(deleted, { fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'deleteFile:ok' });
    const failed = refused(await download(fileID));
    assert.equal(failed.errCode, -1);
    assert.equal(failed.code, 'STORAGE_FILE_NONEXIST');
    assert.match(failed.errMsg, /^downloadFile:fail /);
    assert.deepEqual(resolved(await tempUrls([fileID])).fileList, [{ fileID, tempFileURL: '', maxAge: 86400, status: -503003, errMsg: 'storage file not exists' }]);
    assert.equal((await get(before.tempFileURL)).status, 404);
    assert.deepEqual(resolved(await remove([fileID])).fileList, [{ fileID, status: -503003, errMsg: 'storage file not exists' }]);
    // Another environment's file, and something that is no fileID: refused per file too.
    const foreign = 'cloud://other-env.6f74-other-env-1250000000/a.png';
    assert.deepEqual(resolved(await remove([foreign, 'a.png'])).fileList.map((f) => f.status), [-503002, -501007]);
  });

  test('refused as a whole: a cloudPath outside CloudBase’s characters, a file over 10 MB, more than 50 fileIDs', async () => {
    for (const cloudPath of ['/leading.png', 'a/../b.png', 'what?.png', 'dir/']) {
      const outcome = refused(await upload(cloudPath, PNG));
      assert.equal(outcome.code, 'INVALID_PARAM', cloudPath);
      assert.match(outcome.errMsg, /^uploadFile:fail cloudPath/);
    }
    const big = refused(await call('uploadSized', { cloudPath: 'big.bin', bytes: 10 * 1024 * 1024 + 1 }));
    assert.match(big.errMsg, /^uploadFile:fail \[EntityTooLarge\]/);
    assert.equal(resolved(await tempUrls([fileIdOf('big.bin')])).fileList[0].status, -503003, 'a refused upload stores nothing');
    const tooMany = refused(await tempUrls(Array.from({ length: 51 }, (_, i) => fileIdOf(`${i}.png`))));
    assert.equal(tooMany.code, 'INVALID_PARAM');
  });

  test('the preview’s routes: a multipart upload gives a fileID a function can use; tempUrls answers as wx.cloud.getTempFileURL', async () => {
    const form = new FormData();
    form.append('cloudPath', 'reviews/u1/photo.png');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
    const uploaded = await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: form });
    assert.equal(uploaded.status, 200);
    const { fileID } = (await uploaded.json()) as { fileID: string };
    assert.match(fileID, FILE_ID);
    assert.ok(fileID.endsWith('/reviews/u1/photo.png'));
    // A function turns it into a URL, which serves the bytes.
    const [fromFunction] = resolved(await tempUrls([fileID])).fileList;
    assert.deepEqual(Buffer.from(await (await get(fromFunction.tempFileURL)).arrayBuffer()), PNG);
    // The preview's own getTempFileURL.
    const missing = fileID.replace('photo.png', 'none.png');
    const { status, body } = await cloud.post<{ fileList: TempUrl[] }>('/__dev/storage/tempUrls', { fileList: [{ fileID, maxAge: 120 }, missing] });
    assert.equal(status, 200);
    assert.deepEqual(body.fileList.map(({ tempFileURL: _url, ...rest }) => rest), [
      { fileID, maxAge: 120, status: 0, errMsg: 'ok' },
      { fileID: missing, maxAge: 86400, status: -503003, errMsg: 'storage file not exists' },
    ]);
    assert.equal((await get(body.fileList[0].tempFileURL)).headers.get('content-type'), 'image/png');
    // Refusals: no file part, a bad cloudPath, a fileList that is not one.
    const noFile = new FormData();
    noFile.append('cloudPath', 'a.png');
    assert.equal((await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: noFile })).status, 400);
    const badPath = new FormData();
    badPath.append('cloudPath', '../a.png');
    badPath.append('file', new Blob([PNG]), 'a.png');
    const refusedPath = await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: badPath });
    assert.equal(refusedPath.status, 400);
    assert.equal(((await refusedPath.json()) as { errCode: string }).errCode, 'INVALID_ARGUMENT');
    assert.equal((await cloud.post('/__dev/storage/tempUrls', { fileList: 'x' })).status, 400);
  });

  test('GET /__dev/stats counts storage requests; POST /__dev/reset wipes the files', async () => {
    await cloud.post('/__dev/stats/reset');
    const fileID = resolved(await upload('stats/a.txt', TEXT)).fileID;
    const [{ tempFileURL }] = resolved(await tempUrls([fileID])).fileList;
    await get(tempFileURL);
    const { body } = await cloud.get<{ storage: { total: number; byAction: Record<string, number> } }>('/__dev/stats');
    assert.deepEqual(body.storage, {
      total: 4,
      byAction: { 'storage.getUploadMetadata': 1, 'cos.putObject': 1, 'storage.batchGetDownloadUrl': 1, 'cos.getObject': 1 },
    });
    assert.equal((await cloud.post('/__dev/reset')).status, 200);
    assert.equal(resolved(await tempUrls([fileID])).fileList[0].status, -503003);
    assert.equal((await get(tempFileURL)).status, 404);
  });

  test('files survive kill -9 and a restart on the same data directory, and so do their temporary URLs', async () => {
    const fileID = resolved(await upload('durable/p.png', PNG)).fileID;
    const [{ tempFileURL }] = resolved(await tempUrls([fileID])).fileList;
    const { dataDir } = cloud;
    await cloud.kill();
    cloud = await startEmulator({ dataDir, env: { LOCAL_CLOUD_PROJECT: PROJECT } });
    assert.deepEqual(Buffer.from(resolved(await download(fileID)).fileContent, 'base64'), PNG);
    // The port changed; the URL's path and signature still hold (the signing key is the data directory's).
    const moved = new URL(encodeURI(tempFileURL));
    const again = await fetch(`${cloud.url}${moved.pathname}${moved.search}`);
    assert.equal(again.status, 200);
    assert.deepEqual(Buffer.from(await again.arrayBuffer()), PNG);
    assert.deepEqual(readdirSync(join(dataDir, 'storage', 'tmp')), []);
  });
});
