import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CouponCardView } from './model';
import './index.scss';

export type { CouponCardState, CouponCardView, CouponFace } from './model';
export { offerCardView, stockText, walletCardView } from './model';
export { useProductNames } from './useProductNames';

const STATE_STAMP = { used: '已使用', expired: '已过期', revoked: '已失效' } as const;

interface CouponCardProps {
  view: CouponCardView;
  /** Under the validity, e.g. "剩余 12 张" in the claim centre. */
  footnote?: string;
  /** The button on the right (去使用, 立即领取, 兑换). */
  action?: ReactNode;
}

/**
 * One coupon, the classic way: the value on a coloured stub at the left, a dashed tear line,
 * the details at the right. Used and expired coupons are greyed with a stamp; a coupon held by an
 * unpaid order says so (锁定中).
 */
export function CouponCard({ view, footnote, action }: CouponCardProps) {
  const { face, state } = view;
  const stamp = state === 'used' ? STATE_STAMP.used : state === 'expired' ? STATE_STAMP[view.invalidReason ? 'revoked' : 'expired'] : null;
  return (
    <View className={`coupon-card coupon-card--${state}`} data-testid='coupon-card' data-coupon-id={view.id} data-state={state}>
      <View className='coupon-card__stub'>
        <View className='coupon-card__value'>
          {face.prefix && <Text className='coupon-card__currency'>{face.prefix}</Text>}
          <Text className={`coupon-card__amount${face.amount.length > 5 ? ' coupon-card__amount--long' : ''}`}>{face.amount}</Text>
          {face.suffix && <Text className='coupon-card__unit'>{face.suffix}</Text>}
        </View>
        <Text className='coupon-card__condition'>{face.condition}</Text>
      </View>

      <View className='coupon-card__divider' />

      <View className='coupon-card__body'>
        <View className='coupon-card__title'>
          {view.badge && <Text className='coupon-card__badge'>{view.badge}</Text>}
          <Text className='coupon-card__name'>{view.name}</Text>
        </View>
        <Text className='coupon-card__summary'>{view.summary}</Text>
        {view.scope && (
          <Text className='coupon-card__scope' data-testid='coupon-scope'>
            {view.scope}
          </Text>
        )}
        {view.invalidReason && (
          <Text className='coupon-card__reason' data-testid='coupon-invalid-reason'>
            {view.invalidReason}
          </Text>
        )}
        {state === 'locked' && (
          <View className='coupon-card__lock'>
            <Text className='coupon-card__lock-tag'>锁定中</Text>
            <Text className='coupon-card__lock-text'>待支付订单占用</Text>
          </View>
        )}
        <View className='coupon-card__foot'>
          <View className='coupon-card__meta'>
            <Text className='coupon-card__validity'>{view.validity}</Text>
            {footnote && <Text className='coupon-card__footnote'>{footnote}</Text>}
          </View>
          {action && <View className='coupon-card__action'>{action}</View>}
        </View>
        {stamp && <Text className='coupon-card__stamp'>{stamp}</Text>}
      </View>
    </View>
  );
}
