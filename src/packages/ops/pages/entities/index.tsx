import { View } from '@tarojs/components';

/** 运营 · 运营管理: built in the operators' console issue. */
export default function EntitiesPage() {
  return <View className="ops-entities">运营管理</View>;
}
