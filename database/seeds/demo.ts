import { addBusinessMonths } from '@core/businessTime';
import { newMember, type Member } from '@core/member';
import type { PaidCard } from '@core/membership';
import { tierForGrowth } from '@core/tier';
import { DEMO_PRODUCTS, DEMO_STORES, demoPriceLists, demoStock } from './demoCatalog';

type Doc = Record<string, unknown>;

/**
 * The demo dataset: the personas of the H5 preview (src/dev/personas.ts) with believable histories,
 * three stores with their clerks, a shelf of 34 products, stock, and price lists (a WeChat group's
 * exclusive prices among them). Dated from `now` so that validity periods make sense.
 */
export function demoDataset(now: Date): Record<string, Doc[]> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const member = (openid: string, growth: number, points: number, upgradedDaysAgo: number, extra: Partial<Member> = {}): Member => {
    const tier = tierForGrowth(growth);
    return {
      ...newMember(openid, daysAgo(upgradedDaysAgo + 30)),
      growth,
      points,
      tier,
      tierExpiresAt: tier === 'normal' ? null : addBusinessMonths(daysAgo(upgradedDaysAgo), 6),
      paidOrderCount: growth > 0 ? Math.max(1, Math.round(growth / 150)) : 0,
      ...extra,
    };
  };
  const paidCard = (plan: 'lite' | 'premium', startsAt: Date, feeFen: number, savedFen: number): PaidCard => {
    const endsAt = addBusinessMonths(startsAt, 12);
    return { plan, expiresAt: endsAt, terms: [{ termId: `seed-${plan}`, plan, startsAt, endsAt, feeFen, savedFen, settledAt: null }] };
  };
  // Made-up names and phone numbers: the counter shows them masked (张*明, 尾号 8002) at handover.
  const contact = (nickName: string, phone: string) => ({ nickName, phone, phoneTail: phone.slice(-4) });
  const members: Member[] = [
    member('demo-normal', 120, 120, 20, contact('李小雨', '13800138001')),
    member('demo-member', 800, 1260, 40, { birthday: '1992-05-18', birthdayMD: '05-18', groups: ['gid-fresh-a'], ...contact('张晓明', '13800138002') } as Partial<Member>),
    member('demo-gold', 2600, 3400, 75, { segment: 'S2', ...contact('王芳', '13800138003') }),
    member('demo-diamond', 6800, 9100, 120, { segment: 'S1', ...contact('欧阳娜娜', '13800138004') }),
    member('demo-paid', 2300, 5200, 30, { paid: paidCard('premium', daysAgo(60), 19900, 3120), segment: 'S1', ...contact('陈思远', '13800138005') }),
    member('demo-clerk-1', 0, 0, 10),
    member('demo-clerk-2', 0, 0, 10),
    member('demo-admin', 0, 0, 10),
  ];
  const staff = [
    { openid: 'demo-clerk-1', storeId: 'store-flagship', role: 'clerk', active: true, name: '小林' },
    { openid: 'demo-manager-1', storeId: 'store-flagship', role: 'manager', active: true, name: '陈店长' },
    { openid: 'demo-clerk-2', storeId: 'store-futian', role: 'clerk', active: true, name: '小周' },
    { openid: 'demo-clerk-3', storeId: 'store-baoan', role: 'clerk', active: true, name: '小吴' },
    { openid: 'demo-admin', storeId: 'store-flagship', role: 'admin', active: true, name: '运营小果' },
  ];
  // `supplied`: all ever put on the shelf, which stock, held and sold always add up to.
  const stock = DEMO_STORES.flatMap((store) =>
    DEMO_PRODUCTS.map((product, i) => {
      const units = demoStock(store.storeId, product.skuId, i);
      return { _id: `${store.storeId}:${product.skuId}`, storeId: store.storeId, skuId: product.skuId, stock: units, supplied: units, marks: [] };
    }),
  );
  // The personas' balances come from before this shop's records began: one opening line each, so a
  // member's growth and points always equal the sum of their ledger.
  const opening = (m: Member, kind: 'growth' | 'points') => ({
    _id: `${kind}:opening:${m.openid}`,
    key: `${kind}:opening:${m.openid}`,
    openid: m.openid,
    kind,
    delta: m[kind],
    balance: m[kind],
    reason: kind === 'growth' ? '历史累计果粒值' : '历史累计积分',
    ref: 'opening',
    at: m.createdAt,
  });
  const ledger = members.flatMap((m) => (['growth', 'points'] as const).filter((kind) => m[kind] > 0).map((kind) => opening(m, kind)));
  return {
    members: members as unknown as Doc[],
    ledger,
    // `geo`: the location as GeoJSON for the 2dsphere index, as admin.upsert writes it.
    stores: DEMO_STORES.map((s) => ({ _id: s.storeId, ...s, geo: { type: 'Point', coordinates: [s.location.lng, s.location.lat] } })),
    staff: staff.map((s) => ({ _id: s.openid, ...s })),
    products: DEMO_PRODUCTS.map((p) => ({ _id: p.skuId, ...p })),
    stock,
    priceLists: demoPriceLists(now).map((l) => ({ _id: l.priceListId, ...l })),
  };
}
