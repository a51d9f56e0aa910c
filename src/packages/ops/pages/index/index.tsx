import { View } from '@tarojs/components';

/** 运营 · 运营: built in the operators' console issue. */
export default function IndexPage() {
  return <View className="ops-index">运营</View>;
}
