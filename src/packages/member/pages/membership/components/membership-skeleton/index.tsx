import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder shapes while the plans and the card load. */
export function MembershipSkeleton() {
  return (
    <View className='membership-skeleton' id='membership-skeleton'>
      <View className='membership-skeleton__hero' />
      <View className='membership-skeleton__block' />
      <View className='membership-skeleton__block' />
    </View>
  );
}
