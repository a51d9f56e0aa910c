import type { WalletCouponView } from '@contract/coupon';

export type WalletTabKey = 'unused' | 'used' | 'expired';

export interface WalletTab {
  key: WalletTabKey;
  title: string;
  empty: string;
}

export const WALLET_TABS: readonly WalletTab[] = [
  { key: 'unused', title: '未使用', empty: '暂无可用的优惠券' },
  { key: 'used', title: '已使用', empty: '还没有用过优惠券' },
  { key: 'expired', title: '已失效', empty: '没有失效的优惠券' },
];

/**
 * The wallet's tabs, from the statuses the server computed: a coupon held by an unpaid order
 * (locked) is still the member's, so it shows under 未使用, after the ones ready to use.
 */
export function groupWallet(coupons: readonly WalletCouponView[]): Record<WalletTabKey, WalletCouponView[]> {
  const groups: Record<WalletTabKey, WalletCouponView[]> = { unused: [], used: [], expired: [] };
  for (const c of coupons) {
    if (c.status === 'unused' || c.status === 'locked') groups.unused.push(c);
    else groups[c.status].push(c);
  }
  groups.unused.sort((a, b) => Number(a.status === 'locked') - Number(b.status === 'locked'));
  return groups;
}
