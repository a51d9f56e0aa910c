import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder shapes of the member center while the profile loads. */
export function MemberSkeleton() {
  return (
    <View className='member-skeleton' id='member-skeleton'>
      <View className='member-skeleton__card'>
        <View className='member-skeleton__line member-skeleton__line--title' />
        <View className='member-skeleton__line member-skeleton__line--number' />
        <View className='member-skeleton__line member-skeleton__line--bar' />
        <View className='member-skeleton__line member-skeleton__line--short' />
      </View>
      <View className='member-skeleton__row'>
        <View className='member-skeleton__cell' />
        <View className='member-skeleton__cell' />
      </View>
      <View className='member-skeleton__block' />
    </View>
  );
}
