/**
 * Database requests per operation, counted exactly from the local cloud's /__dev/stats, beside the
 * target each operation must meet (issue 14's floor). Each figure is one call of the operation in its
 * usual case, on the demo data; the breakdown by wire action says where the requests go.
 */
import type { Result } from '@contract/errors';
import type { EmulatorInstance } from '@test/support/emulator';
import { upsertTemplate } from '@test/support/coupons';
import { buy, createOrder, FLAGSHIP, okData, pay, quote, setClock } from '@test/support/shop';

interface Stats {
  database: { total: number; byAction: Record<string, number>; byCollection: Record<string, number> };
}

export interface Count {
  requests: number;
  target: number;
  byAction: Record<string, number>;
  byCollection: Record<string, number>;
}

async function count(cloud: EmulatorInstance, target: number, run: () => Promise<unknown>): Promise<Count> {
  await cloud.post('/__dev/stats/reset');
  const answer = await run();
  if (answer && typeof answer === 'object' && 'ok' in answer && answer.ok === false) throw new Error(`bench call refused: ${JSON.stringify(answer)}`);
  const stats = (await cloud.get<Stats>('/__dev/stats')).body.database;
  return { requests: stats.total, target, byAction: stats.byAction, byCollection: stats.byCollection };
}

const call = (cloud: EmulatorInstance, name: string, data: Record<string, unknown>, openid: string) => cloud.call<Result<unknown>>(name, data, openid);

export async function requestsPerOperation(cloud: EmulatorInstance): Promise<Record<string, Count>> {
  const out: Record<string, Count> = {};
  const one = [{ skuId: 'fruit-strawberry', qty: 1 }];
  const three = [...one, { skuId: 'dairy-milk-950', qty: 2 }, { skuId: 'fruit-pear', qty: 1 }];
  for (const { skuId } of three) okData(await call(cloud, 'admin', { action: 'setStock', storeId: FLAGSHIP, skuId, stock: 100_000 }, 'demo-admin'));
  okData(await quote(cloud, 'demo-member', three)); // warm the workers

  // A plain line (no limited price-list units): the usual order.
  const plain = [{ skuId: 'fruit-pear', qty: 1 }];
  out.quote1 = await count(cloud, 5, () => quote(cloud, 'demo-member', one));
  out.quote3 = await count(cloud, 5, () => quote(cloud, 'demo-member', three));
  let created = okData(await createOrder(cloud, 'demo-member', plain));
  out.create1 = await count(cloud, 10, async () => (created = okData(await createOrder(cloud, 'demo-member', plain))));
  out.payCallback = await count(cloud, 9, () => pay(cloud, created.outTradeNo));
  // 丹东草莓 at the group's limited price: its limited units (in all, and per member) are two more guarded takes.
  out.create1Limited = await count(cloud, 12, () => createOrder(cloud, 'demo-member', one));
  let created3 = okData(await createOrder(cloud, 'demo-gold', three));
  out.create3 = await count(cloud, 12, async () => (created3 = okData(await createOrder(cloud, 'demo-gold', three))));
  await pay(cloud, created3.outTradeNo);
  const paid = await buy(cloud, 'demo-member', one);
  out.redeem = await count(cloud, 3, () => call(cloud, 'staff', { action: 'redeem', code: paid.voucher!.code }, 'demo-clerk-1'));

  await upsertTemplate(cloud, { templateId: 'bench-claim', name: '每人3张', kind: 'cash', valueFen: 300, validity: { days: 7 }, claimable: true, totalStock: 100, perMemberLimit: 3 });
  await upsertTemplate(cloud, { templateId: 'bench-claim-1', name: '每人1张', kind: 'cash', valueFen: 300, validity: { days: 7 }, claimable: true, totalStock: 100, perMemberLimit: 1 });
  await upsertTemplate(cloud, { templateId: 'bench-sold-out', name: '已抢光', kind: 'cash', valueFen: 300, validity: { days: 7 }, claimable: true, totalStock: 1, perMemberLimit: 1 });
  okData(await call(cloud, 'coupon', { action: 'claim', templateId: 'bench-claim' }, 'demo-gold'));
  okData(await call(cloud, 'coupon', { action: 'claim', templateId: 'bench-sold-out' }, 'demo-gold'));
  out.claim = await count(cloud, 4, () => call(cloud, 'coupon', { action: 'claim', templateId: 'bench-claim' }, 'demo-member'));
  out.claimLimit1 = await count(cloud, 3, () => call(cloud, 'coupon', { action: 'claim', templateId: 'bench-claim-1' }, 'demo-member'));
  out.claimSoldOut = await count(cloud, 1, () => call(cloud, 'coupon', { action: 'claim', templateId: 'bench-sold-out' }, 'demo-member').then(refusal('SOLD_OUT')));
  out.claimOverLimit = await count(cloud, 1, () => call(cloud, 'coupon', { action: 'claim', templateId: 'bench-claim-1' }, 'demo-member').then(refusal('LIMIT_REACHED')));

  await upsertTemplate(cloud, { templateId: 'bench-mall', name: '满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: { days: 30 }, pointsCost: 10 });
  okData(await call(cloud, 'coupon', { action: 'exchange', templateId: 'bench-mall' }, 'demo-gold'));
  out.exchange = await count(cloud, 7, () => call(cloud, 'coupon', { action: 'exchange', templateId: 'bench-mall' }, 'demo-member'));

  out.profile = await count(cloud, 1, () => call(cloud, 'member', { action: 'profile' }, 'demo-member'));

  // A live session on now, with a 1-minute watch reward: beats after the reward and the beat that earns it.
  const start = Date.now() + 60 * 60_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
  await upsertTemplate(cloud, { templateId: 'bench-watch', name: '看满1分钟', kind: 'cash', valueFen: 100, validity: { days: 7 } });
  const rewards = [{ trigger: 'watch', minutes: 1, templateId: 'bench-watch' }];
  okData(await call(cloud, 'admin', { action: 'upsert', entity: 'liveSession', doc: { sessionId: 'bench-live', title: '基准直播', roomId: 'room-b', startAt: at(0), endAt: at(120), rewards } }, 'demo-admin'));
  try {
    await setClock(cloud, at(1));
    okData(await call(cloud, 'live', { action: 'enter', sessionId: 'bench-live' }, 'demo-member'));
    await setClock(cloud, at(2));
    out.heartbeatEarning = await count(cloud, 3, () => call(cloud, 'live', { action: 'heartbeat', sessionId: 'bench-live' }, 'demo-member'));
    await setClock(cloud, at(3));
    out.heartbeat = await count(cloud, 3, () => call(cloud, 'live', { action: 'heartbeat', sessionId: 'bench-live' }, 'demo-member'));
  } finally {
    await setClock(cloud, null);
  }
  return out;
}

function refusal(code: string) {
  return (answer: Result<unknown>) => {
    if (answer.ok || answer.error.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(answer)}`);
    return undefined;
  };
}

/** The table `npm run bench` prints first: each operation's requests beside its target. */
export function printRequests(counts: Record<string, Count>): void {
  console.log('database requests per operation (target):');
  for (const [op, c] of Object.entries(counts)) console.log(`  ${op.padEnd(17)} ${String(c.requests).padStart(3)}  ≤ ${c.target}  ${c.requests <= c.target ? 'ok' : 'over (see docs/benchmarks.md)'}`);
}
