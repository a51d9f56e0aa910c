import assert from './assert';
import { randomUUID } from 'node:crypto';
import type { Result } from '@contract/errors';
import type { CreatedOrder, OrderView, QuoteView } from '@contract/order';
import type { MemberProfile } from '@contract/member';
import type { EmulatorInstance } from './emulator';

export const FLAGSHIP = 'store-flagship';
export const FUTIAN = 'store-futian';

/** The data of an ok result, or a failed assertion naming the error. */
export function okData<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function errorOf<T>(result: Result<T>) {
  if (result.ok) assert.fail(`expected an error, got ${JSON.stringify(result.data).slice(0, 200)}`);
  return result.error;
}

export type Items = Array<{ skuId: string; qty: number }>;

export const quote = (cloud: EmulatorInstance, openid: string, items: Items, extra: Record<string, unknown> = {}) =>
  cloud.call<Result<QuoteView>>('order', { action: 'quote', storeId: FLAGSHIP, items, ...extra }, openid);

export const createOrder = (cloud: EmulatorInstance, openid: string, items: Items, extra: Record<string, unknown> = {}) =>
  cloud.call<Result<CreatedOrder>>('order', { action: 'create', storeId: FLAGSHIP, items, requestId: randomUUID().replace(/-/g, ''), ...extra }, openid);

export const detail = async (cloud: EmulatorInstance, openid: string, orderId: string) => okData(await cloud.call<Result<OrderView>>('order', { action: 'detail', orderId }, openid));

export const profile = async (cloud: EmulatorInstance, openid: string) => okData(await cloud.call<Result<MemberProfile>>('member', { action: 'profile' }, openid));

/** Delivers the payment callback as WeChat Pay would, `times` times at once. */
export async function pay(cloud: EmulatorInstance, outTradeNo: string, times = 1, result: 'SUCCESS' | 'FAIL' = 'SUCCESS') {
  const res = await cloud.post<{ deliveries: Array<{ result?: { errcode: number; errmsg: string }; errCode?: number }> }>(`/__dev/pay/${outTradeNo}`, { result, times });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.deliveries;
}

/** Creates and pays an order; answers the paid order. */
export async function buy(cloud: EmulatorInstance, openid: string, items: Items, extra: Record<string, unknown> = {}): Promise<OrderView> {
  const created = okData(await createOrder(cloud, openid, items, extra));
  await pay(cloud, created.outTradeNo);
  return detail(cloud, openid, created.orderId);
}

export async function stockOf(cloud: EmulatorInstance, storeId: string, skuId: string): Promise<number> {
  const res = await cloud.get<{ documents: Array<{ _id: string; stock: number }> }>('/__dev/collections/stock');
  const row = res.body.documents.find((d) => d._id === `${storeId}:${skuId}`);
  assert.ok(row, `no stock row for ${storeId}:${skuId}`);
  return row.stock;
}

export async function documents<T = Record<string, unknown>>(cloud: EmulatorInstance, collection: string): Promise<T[]> {
  return (await cloud.get<{ documents: T[] }>(`/__dev/collections/${collection}`)).body.documents;
}

export const setClock = (cloud: EmulatorInstance, now: string | null) => cloud.post('/__dev/clock', { now });
