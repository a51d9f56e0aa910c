import { Text, View } from '@tarojs/components';

// Placeholder while the page is being built.
export default function Page() {
  return (
    <View>
      <Text>我的优惠券</Text>
    </View>
  );
}
