import { Button, Text, View } from '@tarojs/components';
import type { HandoverView } from '@contract/staff';
import { formatFen } from '@core/money';
import { ProductThumb } from '@/components/order-card';
import './index.scss';

interface HandoverCardProps {
  view: HandoverView;
  redeeming: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What the voucher stands for, to check against the bag before handing it over. */
export function HandoverCard({ view, redeeming, onConfirm, onCancel }: HandoverCardProps) {
  const count = view.lines.reduce((n, l) => n + l.qty, 0);
  return (
    <View className='handover-card' data-testid='handover-card'>
      <View className='handover-card__head'>
        <Text className='handover-card__title'>待交付</Text>
        <Text className='handover-card__count'>共 {count} 件</Text>
      </View>
      <Text className='handover-card__order' data-testid='handover-order-id'>
        订单号 {view.orderId}
      </Text>
      <View className='handover-card__lines'>
        {view.lines.map((line) => (
          <View className='handover-card__line' key={line.skuId} data-testid='handover-line'>
            <ProductThumb skuId={line.skuId} size='sm' />
            <View className='handover-card__line-info'>
              <Text className='handover-card__name'>{line.name}</Text>
              <Text className='handover-card__unit'>{line.unit}</Text>
            </View>
            <Text className='handover-card__qty'>×{line.qty}</Text>
          </View>
        ))}
      </View>
      <View className='handover-card__paid'>
        <Text className='handover-card__paid-label'>已付款</Text>
        <Text className='handover-card__paid-value'>{formatFen(view.payableFen)}</Text>
      </View>
      <Text className='handover-card__check'>请核对商品与数量，确认无误后交付</Text>
      <View className='handover-card__buttons'>
        <Button className='handover-card__cancel' onClick={onCancel} {...(redeeming ? { disabled: true } : {})}>
          取消
        </Button>
        <Button className='handover-card__confirm' data-testid='handover-confirm' onClick={onConfirm} {...(redeeming ? { loading: true, disabled: true } : {})}>
          确认交付
        </Button>
      </View>
    </View>
  );
}
