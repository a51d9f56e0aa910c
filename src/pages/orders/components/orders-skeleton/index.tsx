import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder order cards while a tab loads. */
export function OrdersSkeleton() {
  return (
    <View className='orders-skeleton' data-testid='orders-skeleton'>
      {[0, 1, 2].map((i) => (
        <View className='orders-skeleton__card' key={i}>
          <View className='orders-skeleton__line orders-skeleton__line--head' />
          <View className='orders-skeleton__row'>
            <View className='orders-skeleton__thumb' />
            <View className='orders-skeleton__thumb' />
          </View>
          <View className='orders-skeleton__line orders-skeleton__line--text' />
        </View>
      ))}
    </View>
  );
}
