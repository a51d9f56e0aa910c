import { View } from '@tarojs/components';

/** 运营 · 库存: built in the operators' console issue. */
export default function StockPage() {
  return <View className="ops-stock">库存</View>;
}
