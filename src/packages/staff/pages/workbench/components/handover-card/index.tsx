import { Button, Text, View } from '@tarojs/components';
import type { HandoverView } from '@contract/staff';
import { formatFen } from '@core/money';
import { ProductThumb } from '@/components/order-card';
import { memberLine } from '@/packages/staff/pages/workbench/model';
import './index.scss';

interface HandoverCardProps {
  view: HandoverView;
  redeeming: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * What the voucher stands for, to check against the bag before handing it over: whose order it is
 * (masked name, phone tail, to ask the member), the lines to hand over, and what partial refunds took
 * back before pickup, struck through, not to be handed over.
 */
export function HandoverCard({ view, redeeming, onConfirm, onCancel }: HandoverCardProps) {
  const count = view.lines.reduce((n, l) => n + l.qty, 0);
  return (
    <View className='handover-card' data-testid='handover-card'>
      <View className='handover-card__head'>
        <Text className='handover-card__title'>待交付</Text>
        <Text className='handover-card__count'>共 {count} 件</Text>
      </View>
      <Text className='handover-card__member' data-testid='handover-member'>
        {memberLine(view)}
      </Text>
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
      {view.refundedLines.length > 0 && (
        <View className='handover-card__refunded' data-testid='handover-refunded'>
          <Text className='handover-card__refunded-title'>已退款 · 不交付</Text>
          {view.refundedLines.map((line) => (
            <View className='handover-card__refunded-line' key={line.skuId} data-testid='handover-refunded-line'>
              <Text className='handover-card__refunded-name'>{`${line.name} ${line.unit}`}</Text>
              <Text className='handover-card__refunded-qty'>{`×${line.qty}`}</Text>
              <Text className='handover-card__refunded-tag'>已退款</Text>
            </View>
          ))}
        </View>
      )}
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
