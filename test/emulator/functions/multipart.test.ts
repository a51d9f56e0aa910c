import assert from '@test/support/assert';
import { describe, test } from '@jest/globals';
import { MultipartError, parseMultipart } from '@emulator/functions/index.js';

async function encode(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

describe('multipart', () => {
  test('parseMultipart: keeps text fields and binary parts byte for byte', async () => {
    const binary = Buffer.from([0x0a, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d]);
    const form = new FormData();
    form.append('action', 'wx.wxPayApi');
    form.append('requestData', JSON.stringify({ body: '果粒' }));
    form.append('apiOptions', new Blob([binary]), 'blob');
    form.append('empty', '');
    const { body, contentType } = await encode(form);
    const parts = parseMultipart(body, contentType);
    assert.equal(parts.get('action')?.data.toString(), 'wx.wxPayApi');
    assert.deepEqual(JSON.parse(parts.get('requestData')!.data.toString()), { body: '果粒' });
    assert.deepEqual(parts.get('apiOptions')?.data, binary);
    assert.equal(parts.get('apiOptions')?.filename, 'blob');
    assert.equal(parts.get('empty')?.data.length, 0);
  });

  test('parseMultipart: rejects a body that is not multipart or is cut short', async () => {
    assert.throws(() => parseMultipart(Buffer.from('{}'), 'application/json'), MultipartError);
    const form = new FormData();
    form.append('a', 'b');
    const { body, contentType } = await encode(form);
    assert.throws(() => parseMultipart(body.subarray(0, body.length - 20), contentType), /not terminated/);
  });
});
