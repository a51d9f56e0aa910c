import { addBusinessMonths } from '../../core/businessTime';
import { newMember, type Member } from '../../core/member';
import { tierForGrowth } from '../../core/tier';

/**
 * The demo dataset: the personas of the H5 preview (src/dev/personas.ts) with believable histories.
 * Later issues add stores, products, staff, price lists and coupons here.
 */
export function demoDataset(now: Date): Record<string, Record<string, unknown>[]> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const member = (openid: string, growth: number, points: number, upgradedDaysAgo: number, extra: Partial<Member> = {}): Member => {
    const tier = tierForGrowth(growth);
    const upgradedAt = daysAgo(upgradedDaysAgo);
    return {
      ...newMember(openid, daysAgo(upgradedDaysAgo + 30)),
      growth,
      points,
      tier,
      tierExpiresAt: tier === 'normal' ? null : addBusinessMonths(upgradedAt, 6),
      ...extra,
    };
  };
  const members: Member[] = [
    member('demo-normal', 120, 120, 20),
    member('demo-member', 800, 1260, 40, { birthday: '1992-05-18' }),
    member('demo-gold', 2600, 3400, 75, { segment: 'S2' }),
    member('demo-diamond', 6800, 9100, 120, { segment: 'S1' }),
    member('demo-paid', 2300, 5200, 30, { paid: { plan: 'premium', expiresAt: addBusinessMonths(daysAgo(60), 12) }, segment: 'S1' }),
    member('demo-clerk-1', 0, 0, 10),
    member('demo-admin', 0, 0, 10),
  ];
  return { members: members as unknown as Record<string, unknown>[] };
}
