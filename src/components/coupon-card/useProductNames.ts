import { useEffect, useState } from 'react';
import type { CouponAppliesTo } from '@contract/coupon';
import { loadShelf } from '@/services/store';
import type { NameOf } from '@/utils/couponUse';

const unknown: NameOf = () => undefined;

/**
 * Product names for coupons that apply to products (or give one): the chosen store's shelf, loaded
 * only when some coupon names a product, so the wallet of whole-shop and category coupons costs no
 * extra call. Until it arrives (or if it fails) products read as 指定商品.
 */
export function useProductNames(scopes: ReadonlyArray<CouponAppliesTo | undefined>): NameOf {
  const needed = scopes.some((a) => !!a && (a.skuIds.length > 0 || !!a.giftSkuId));
  const [nameOf, setNameOf] = useState<NameOf>(() => unknown);
  useEffect(() => {
    if (!needed) return undefined;
    let live = true;
    loadShelf()
      .then((shelf) => {
        const names = new Map(shelf.products.map((p) => [p.skuId, p.name]));
        if (live) setNameOf(() => (skuId: string) => names.get(skuId));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [needed]);
  return nameOf;
}
