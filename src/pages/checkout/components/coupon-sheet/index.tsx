import { ScrollView, Text, View } from '@tarojs/components';
import type { CouponOption } from '@contract/order';
import { formatFen } from '@core/money';
import { couponValidUntil } from '@/utils/date';
import { appliesToText, type NameOf } from '@/utils/couponUse';
import './index.scss';

interface CouponSheetProps {
  coupons: readonly CouponOption[];
  /** The coupon the quote applied, or null. */
  selectedId: string | null;
  onSelect: (couponId: string | null) => void;
  onClose: () => void;
  /** The order's product names (the coupon's products, the gift). */
  nameOf?: NameOf;
}

/** 选择优惠券: one coupon per order; the ones that do not apply say why. */
export function CouponSheet({ coupons, selectedId, onSelect, onClose, nameOf }: CouponSheetProps) {
  const usable = coupons.filter((c) => c.applies);
  const unusable = coupons.filter((c) => !c.applies);
  const row = (c: CouponOption) => (
    <View
      key={c.couponId}
      className={`coupon-sheet__coupon${c.applies ? '' : ' coupon-sheet__coupon--off'}${c.couponId === selectedId ? ' coupon-sheet__coupon--on' : ''}`}
      data-testid={`coupon-${c.couponId}`}
      onClick={() => c.applies && onSelect(c.couponId)}
    >
      <View className='coupon-sheet__value'>
        <Text className='coupon-sheet__value-amount'>{c.applies ? formatFen(c.discountFen) : '—'}</Text>
        <Text className='coupon-sheet__value-note'>{c.applies ? '本单可减' : '不可用'}</Text>
      </View>
      <View className='coupon-sheet__info'>
        <Text className='coupon-sheet__name'>{c.name}</Text>
        <Text className='coupon-sheet__summary'>{c.summary}</Text>
        {c.appliesTo && (
          <Text className='coupon-sheet__scope' data-testid='coupon-sheet-scope'>
            {appliesToText(c.appliesTo, nameOf)}
          </Text>
        )}
        <Text className='coupon-sheet__valid'>{c.reason ?? couponValidUntil(c.validTo)}</Text>
      </View>
      {c.applies ? <View className={`coupon-sheet__radio${c.couponId === selectedId ? ' coupon-sheet__radio--on' : ''}`} /> : null}
    </View>
  );

  return (
    <View className='coupon-sheet' data-testid='coupon-sheet'>
      <View className='coupon-sheet__mask' onClick={onClose} />
      <View className='coupon-sheet__panel'>
        <View className='coupon-sheet__head'>
          <Text className='coupon-sheet__title'>选择优惠券</Text>
          <Text className='coupon-sheet__close' onClick={onClose}>
            ×
          </Text>
        </View>
        <ScrollView className='coupon-sheet__list' scrollY>
          {usable.map(row)}
          {unusable.length > 0 && <Text className='coupon-sheet__group'>本单不可用（{unusable.length}）</Text>}
          {unusable.map(row)}
        </ScrollView>
        <View className='coupon-sheet__none' data-testid='coupon-none' onClick={() => onSelect(null)}>
          <Text>不使用优惠券</Text>
        </View>
      </View>
    </View>
  );
}
