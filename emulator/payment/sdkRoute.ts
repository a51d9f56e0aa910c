// The `wx.wxPayApi` action of wx-server-sdk's admin protocol (cloud.cloudPay.*), for the emulator's
// HTTP server to mount.

import type { InvokeContext } from '../functions/types.js';
import type { PayService } from './pay.js';

/**
 * wx.wxPayApi answers must NOT be typed exactly 'application/json; charset=utf-8': the SDK
 * JSON-parses such a body into an object and then treats any object as an error. A body of
 * another type stays a Buffer, which the SDK parses as the result.
 */
export const WX_PAY_API_CONTENT_TYPE = 'application/octet-stream';

/** A `wx.wxPayApi` request → status, content type and bytes to answer with. */
export async function handleWxPayApiHttp(
  pay: PayService,
  rawBody: Buffer,
  contentType: string,
  callerCtx?: InvokeContext,
): Promise<{ status: number; contentType: string; body: Buffer }> {
  const answer = await pay.handleWxPayApi(rawBody, contentType, callerCtx);
  return { status: 200, contentType: WX_PAY_API_CONTENT_TYPE, body: Buffer.from(JSON.stringify(answer)) };
}
