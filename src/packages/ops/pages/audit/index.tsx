import { View } from '@tarojs/components';

/** 运营 · 操作日志: built in the operators' console issue. */
export default function AuditPage() {
  return <View className="ops-audit">操作日志</View>;
}
