import { View } from '@tarojs/components';

/** 运营 · 编辑: built in the operators' console issue. */
export default function EditPage() {
  return <View className="ops-edit">编辑</View>;
}
