import { View } from '@tarojs/components';

/** 运营 · 数据看板: built in the operators' console issue. */
export default function DashboardPage() {
  return <View className="ops-dashboard">数据看板</View>;
}
