import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder shapes while the order loads. */
export function OrderSkeleton() {
  return (
    <View className='order-skeleton' data-testid='order-skeleton'>
      <View className='order-skeleton__banner' />
      <View className='order-skeleton__card'>
        <View className='order-skeleton__square' />
        <View className='order-skeleton__line' />
      </View>
      <View className='order-skeleton__card'>
        <View className='order-skeleton__line' />
        <View className='order-skeleton__line order-skeleton__line--short' />
      </View>
    </View>
  );
}
