import { Button, Text, View } from '@tarojs/components';
import type { PlanCardView } from '@/packages/member/pages/membership/model';
import './index.scss';

interface PlanCardProps {
  view: PlanCardView;
  /** This plan's purchase is under way. */
  busy: boolean;
  /** Another purchase is under way. */
  locked: boolean;
  onBuy: () => void;
}

/** One yearly plan with its benefits and the caller's own action: 开通, 续费, 升级, or why not. */
export function PlanCard({ view, busy, locked, onBuy }: PlanCardProps) {
  const { action } = view;
  const blocked = action.kind === 'blocked';
  return (
    <View id={`plan-${view.plan}`} className={`plan-card plan-card--${view.plan}${view.current ? ' plan-card--current' : ''}`} data-testid={`plan-${view.plan}`}>
      <View className='plan-card__head'>
        <View className='plan-card__title'>
          <Text className='plan-card__name'>{view.name}</Text>
          {view.current && <Text className='plan-card__current'>当前</Text>}
        </View>
        <View className='plan-card__price'>
          <Text className='plan-card__price-value' data-testid={`plan-${view.plan}-price`}>
            {view.priceText}
          </Text>
          <Text className='plan-card__price-unit'>/年</Text>
        </View>
      </View>
      <View className='plan-card__benefits'>
        {view.benefits.map((b) => (
          <Text key={b} className='plan-card__benefit'>
            ✓ {b}
          </Text>
        ))}
      </View>
      <View className='plan-card__foot'>
        <Text className={`plan-card__note${blocked ? ' plan-card__note--blocked' : ''}`} data-testid={`plan-${view.plan}-note`}>
          {action.note ?? '自支付成功起一年有效'}
        </Text>
        {blocked ? (
          // Not a button: nothing to tap (Taro H5 would also fade a disabled button past reading).
          <Text className='plan-card__blocked' data-testid={`plan-${view.plan}-buy`} data-action='blocked'>
            {action.label}
          </Text>
        ) : (
          // No `loading` prop: Taro H5's button inserts its spinner among React's children and trips over them.
          <Button
            className={`plan-card__buy${busy ? ' plan-card__buy--busy' : ''}`}
            data-testid={`plan-${view.plan}-buy`}
            data-action={action.kind}
            // Taro H5 greys out any `disabled` attribute, even false: pass it only when true.
            {...(locked ? { disabled: true } : {})}
            onClick={onBuy}
          >
            {busy ? '处理中…' : `${action.label} ${action.payText}`}
          </Button>
        )}
      </View>
    </View>
  );
}
