import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder product rows while a shelf loads (shop, product and cart pages). */
export function ShopSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <View className='shop-skeleton' id='shop-skeleton'>
      {Array.from({ length: rows }, (_, i) => (
        <View className='shop-skeleton__row' key={i}>
          <View className='shop-skeleton__thumb' />
          <View className='shop-skeleton__body'>
            <View className='shop-skeleton__line shop-skeleton__line--title' />
            <View className='shop-skeleton__line shop-skeleton__line--short' />
            <View className='shop-skeleton__line shop-skeleton__line--price' />
          </View>
        </View>
      ))}
    </View>
  );
}
