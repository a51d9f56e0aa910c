import { Text, View } from '@tarojs/components';
import type { OrderView } from '@contract/order';
import { timelineRows } from '@/pages/order/model';
import './index.scss';

/** 订单进度: 下单 → 支付 → 提货, each refund with its amount, or 已取消 — oldest first, in Shanghai time. */
export function OrderTimeline({ order }: { order: OrderView }) {
  const rows = timelineRows(order);
  if (!rows.length) return null;
  return (
    <View className='order-timeline' data-testid='order-timeline'>
      <Text className='order-timeline__title'>订单进度</Text>
      {rows.map((row, i) => (
        <View className={`order-timeline__step order-timeline__step--${row.status}${i === rows.length - 1 ? ' order-timeline__step--last' : ''}`} key={row.key} data-testid='timeline-step'>
          <View className='order-timeline__dot' />
          <View className='order-timeline__body'>
            <View className='order-timeline__head'>
              <Text className='order-timeline__name'>{row.title}</Text>
              {row.amount && <Text className='order-timeline__amount'>{row.amount}</Text>}
            </View>
            <Text className='order-timeline__time'>{row.time}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
