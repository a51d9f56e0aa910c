import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import { join } from 'node:path';
import { CLOUD_ID_INVALID, resolveOpenData } from '@emulator/openApi';
import { ApiType, decodeCommOpenApiResp, decodeGetOpenDataResp, encodeCommApiData, encodeGetOpenDataReq } from '@emulator/openApi/protocol';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const FIXTURES = join(__dirname, 'openapi-fixtures');

type Outcome = { resolved: true; res: { list: unknown[]; errMsg: string; errCode: number } } | { resolved: false; errCode: number; errMsg: string };

const devCloudId = (data: unknown) => `dev-cloudid:${JSON.stringify(data)}`;

test('resolveOpenData: the dev form decodes to its JSON; anything else is WeChat’s per-id error', () => {
  assert.deepEqual(resolveOpenData('dev-cloudid:{"openGId":"gid-A"}'), { cloudID: 'dev-cloudid:{"openGId":"gid-A"}', data: { openGId: 'gid-A' } });
  assert.deepEqual(resolveOpenData('27_Ih-9vxDaOhIbh48Bdpk90DUkUoNMAPaNtg7OSGM'), { cloudID: '27_Ih-9vxDaOhIbh48Bdpk90DUkUoNMAPaNtg7OSGM', errCode: -601006, errMsg: 'cloudID invalid' });
  const cut = resolveOpenData('dev-cloudid:{"openGId":');
  assert.equal('errCode' in cut && cut.errCode, CLOUD_ID_INVALID);
});

describe('wx.openApi (cloud.getOpenData)', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ env: { FUNCTIONS_DIR: FIXTURES } });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  const getOpenData = (list: string[]) => cloud.call<Outcome>('opendata', { list }, 'member-open-data');

  test('getOpenData: a dev CloudID resolves through the real SDK to { cloudID, data }', async () => {
    const cloudID = devCloudId({ openGId: 'gid-A' });
    const outcome = await getOpenData([cloudID]);
    assert.deepEqual(outcome, { resolved: true, res: { list: [{ cloudID, data: { openGId: 'gid-A' } }], errMsg: 'getOpenData:ok', errCode: 0 } });
  });

  test('getOpenData: an invalid CloudID gets its own error item; the others still resolve, in order', async () => {
    const good = devCloudId({ openGId: 'gid-B' });
    const outcome = await getOpenData(['forged-cloud-id', good, 'dev-cloudid:not json']);
    assert.ok(outcome.resolved);
    assert.deepEqual(outcome.res.list, [
      { cloudID: 'forged-cloud-id', errCode: -601006, errMsg: 'cloudID invalid' },
      { cloudID: good, data: { openGId: 'gid-B' } },
      { cloudID: 'dev-cloudid:not json', errCode: -601006, errMsg: 'cloudID invalid: not JSON after the dev-cloudid: prefix' },
    ]);
  });

  test('getOpenData: nested and non-ASCII open data arrives unchanged', async () => {
    const data = { openGId: 'gid-鲜果A群', watermark: { appid: 'wx-local-dev', timestamp: 1764129600 }, tags: ['草莓', 1, null, true] };
    const outcome = await getOpenData([devCloudId(data)]);
    assert.ok(outcome.resolved);
    assert.deepEqual(outcome.res.list, [{ cloudID: devCloudId(data), data }]);
  });

  test('getOpenData: an empty list resolves to an empty list', async () => {
    const outcome = await getOpenData([]);
    assert.ok(outcome.resolved);
    assert.deepEqual(outcome.res.list, []);
  });

  test('wx.openApi: an open API the local cloud does not emulate fails with a clear SDK error', async () => {
    const outcome = await cloud.call<Outcome>('voip', {}, 'member-open-data');
    assert.equal(outcome.resolved, false);
    assert.ok(!outcome.resolved);
    assert.equal(typeof outcome.errCode, 'number');
    assert.match(outcome.errMsg, /^getVoIPSign:fail .*does not emulate ApiVoipSign/);
  });

  test('wx.openApi: the wire answer is a protobuf CommOpenApiResp, not JSON', async () => {
    const reqData = encodeGetOpenDataReq({ cloudidList: [devCloudId({ openGId: 'gid-C' }), 'bad'] });
    const form = new FormData();
    form.append('action', 'wx.openApi');
    form.append('apiName', 'ApiGetOpenDataByCloudId');
    form.append('requestData', new Blob([new Uint8Array(encodeCommApiData({ apiType: ApiType.SVRKIT_API, svrkitData: { apiName: 'ApiGetOpenDataByCloudId', reqData }, appid: '' }))]), 'blob');
    const res = await fetch(`${cloud.url}/admin`, { method: 'POST', body: form });
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const resp = decodeCommOpenApiResp(new Uint8Array(await res.arrayBuffer()));
    assert.equal(resp.errorCode, 0);
    assert.equal(resp.svrkitErrorCode, 0);
    const { dataList } = decodeGetOpenDataResp(resp.respData);
    assert.deepEqual(
      dataList.map((item) => [item.cloudId, JSON.parse(item.json)]),
      [
        [devCloudId({ openGId: 'gid-C' }), { cloudID: devCloudId({ openGId: 'gid-C' }), data: { openGId: 'gid-C' } }],
        ['bad', { cloudID: 'bad', errCode: -601006, errMsg: 'cloudID invalid' }],
      ],
    );
  });

  test('wx.openApi: a requestData that is not protobuf is a TCB error in JSON', async () => {
    const form = new FormData();
    form.append('action', 'wx.openApi');
    form.append('apiName', 'ApiGetOpenDataByCloudId');
    form.append('requestData', new Blob([Buffer.from([0xff, 0xff, 0xff, 0xff])]), 'blob');
    const res = await fetch(`${cloud.url}/admin`, { method: 'POST', body: form });
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'INVALID_PARAM');
    assert.match(body.message, /CommApiData/);
  });
});
