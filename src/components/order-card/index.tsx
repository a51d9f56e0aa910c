import { Text, View } from '@tarojs/components';
import type { OrderView } from '@contract/order';
import { formatFen } from '@core/money';
import { formatShanghaiDateTime, linesSummary, mergedLines, ORDER_STATUS_TEXT, totalQty } from './format';
import { canReorder } from './reorder';
import { ProductThumb } from './thumb';
import './index.scss';

export { ProductThumb } from './thumb';
export { canReorder, reorder } from './reorder';

const MAX_THUMBS = 4;

/** What the card's action pill says per status (the whole card opens the detail). */
const ACTION_TEXT: Partial<Record<OrderView['status'], string>> = {
  pending_payment: '去支付',
  paid: '查看取货码',
};

/**
 * One order in the list: store, what was bought, what it cost (and what has been refunded), where it
 * stands. 再来一单 (`onReorder`) on orders that went through.
 */
export function OrderCard({ order, onOpen, onReorder }: { order: OrderView; onOpen: (orderId: string) => void; onReorder?: (order: OrderView) => void }) {
  const lines = mergedLines(order);
  const action = ACTION_TEXT[order.status];
  const partlyRefunded = order.status !== 'refunded' && order.refundedFen > 0;
  return (
    <View className={`order-card order-card--${order.status}`} data-testid='order-card' data-order-id={order.orderId} onClick={() => onOpen(order.orderId)}>
      <View className='order-card__head'>
        <View className='order-card__store'>
          <Text className='order-card__pickup-tag'>自提</Text>
          <Text className='order-card__store-name'>{order.storeName}</Text>
        </View>
        <Text className={`order-card__status order-card__status--${order.status}`}>{ORDER_STATUS_TEXT[order.status]}</Text>
      </View>

      <View className='order-card__goods'>
        <View className='order-card__thumbs'>
          {lines.slice(0, MAX_THUMBS).map((l) => (
            <ProductThumb key={l.skuId} skuId={l.skuId} />
          ))}
        </View>
        <View className='order-card__sum'>
          <Text className='order-card__payable'>{formatFen(order.payableFen)}</Text>
          <Text className='order-card__qty'>共 {totalQty(order)} 件</Text>
          {partlyRefunded && (
            <Text className='order-card__refunded' data-testid='order-card-refunded'>
              已退 {formatFen(order.refundedFen)}
            </Text>
          )}
        </View>
      </View>
      <Text className='order-card__summary'>{linesSummary(order)}</Text>

      <View className='order-card__foot'>
        <Text className='order-card__time'>{formatShanghaiDateTime(order.createdAt)} 下单</Text>
        <View className='order-card__actions'>
          {onReorder && canReorder(order) && (
            <Text
              className='order-card__action order-card__action--reorder'
              data-testid='order-card-reorder'
              onClick={(e) => {
                // The card behind opens the detail: this tap is the cart's.
                e.stopPropagation();
                onReorder(order);
              }}
            >
              再来一单
            </Text>
          )}
          {action && <Text className={`order-card__action order-card__action--${order.status}`}>{action}</Text>}
        </View>
      </View>
    </View>
  );
}
