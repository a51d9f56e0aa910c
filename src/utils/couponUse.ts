import Taro from '@tarojs/taro';
import type { CouponAppliesTo } from '@contract/coupon';
import { CATEGORY_NAMES } from '@core/categories';

/** A product's name on the shelf, when the screen knows it. */
export type NameOf = (skuId: string) => string | undefined;

const SHOP_TAB = '/pages/index/index';
const PRODUCT_PAGE = '/pages/product/index';
/**
 * The shelf category 去使用 asks the shop to open (a tab page takes no query): the shop reads it on
 * show and forgets it. Written here, read by the shop tab (src/pages/index).
 */
export const SHOP_CATEGORY_KEY = 'shop.openCategory';

/**
 * What a coupon applies to, in the shop's words: "适用：当季鲜果、鲜奶乳品", "适用：丹东99草莓",
 * "赠品：鲜牛奶 950ml"; "全场通用" with no scope; products the screen cannot name are "指定商品".
 */
export function appliesToText(appliesTo: CouponAppliesTo | undefined, nameOf: NameOf = () => undefined): string | null {
  if (!appliesTo) return null;
  if (appliesTo.giftSkuId) return `赠品：${nameOf(appliesTo.giftSkuId) ?? '指定商品'}`;
  const names = [...appliesTo.categories.map((c) => CATEGORY_NAMES[c] ?? c), ...appliesTo.skuIds.map((s) => nameOf(s))];
  if (!names.length) return '全场通用';
  const named = names.filter((n): n is string => !!n);
  if (!named.length) return `适用：${names.length > 1 ? `${names.length} 款` : ''}指定商品`;
  const shown = named.slice(0, 3).join('、');
  return `适用：${shown}${names.length > 3 || named.length < names.length ? ` 等 ${names.length} 项` : ''}`;
}

/** Where 去使用 takes the member: the product (a one-product or gift coupon), the shop at the category, or the shop. */
export type CouponUseTarget = { kind: 'product'; url: string } | { kind: 'shop'; category: string | null };

export function couponUseTarget(appliesTo: CouponAppliesTo | undefined): CouponUseTarget {
  const only = appliesTo?.giftSkuId ?? (appliesTo && appliesTo.skuIds.length === 1 && !appliesTo.categories.length ? appliesTo.skuIds[0] : null);
  if (only) return { kind: 'product', url: `${PRODUCT_PAGE}?skuId=${encodeURIComponent(only)}` };
  return { kind: 'shop', category: appliesTo?.categories[0] ?? null };
}

/** 去使用: opens the target (the shop tab, told which category to show). */
export function openCouponUse(appliesTo: CouponAppliesTo | undefined): void {
  const target = couponUseTarget(appliesTo);
  if (target.kind === 'product') {
    void Taro.navigateTo({ url: target.url });
    return;
  }
  if (target.category) Taro.setStorageSync(SHOP_CATEGORY_KEY, target.category);
  else Taro.removeStorageSync(SHOP_CATEGORY_KEY);
  void Taro.switchTab({ url: SHOP_TAB });
}
