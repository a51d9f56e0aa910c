import { Text, View } from '@tarojs/components';

// Placeholder while the page is being built.
export default function Page() {
  return (
    <View>
      <Text>果粒值与积分</Text>
    </View>
  );
}
