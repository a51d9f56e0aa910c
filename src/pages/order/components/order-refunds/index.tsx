import { Text, View } from '@tarojs/components';
import type { OrderView } from '@contract/order';
import { refundRows } from '@/pages/order/model';
import './index.scss';

/** 退款记录: each refund of the order — what went back, how much, when. */
export function OrderRefunds({ order }: { order: OrderView }) {
  const rows = refundRows(order.refunds);
  if (!rows.length) return null;
  return (
    <View className='order-refunds' data-testid='order-refunds'>
      <View className='order-refunds__head'>
        <Text className='order-refunds__title'>退款记录</Text>
        <Text className='order-refunds__total'>共 {rows.length} 次</Text>
      </View>
      {rows.map((row) => (
        <View className='order-refunds__row' key={row.key} data-testid='order-refund-row'>
          <View className='order-refunds__info'>
            <Text className='order-refunds__goods'>{row.goods}</Text>
            <Text className='order-refunds__time'>{row.time}</Text>
          </View>
          <Text className='order-refunds__amount' data-testid='order-refund-amount'>
            {row.amount}
          </Text>
        </View>
      ))}
      <Text className='order-refunds__hint'>退款将原路退回，一般 1–3 个工作日到账</Text>
    </View>
  );
}
