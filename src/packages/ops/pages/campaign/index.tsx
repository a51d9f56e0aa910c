import { View } from '@tarojs/components';

/** 运营 · 活动: built in the operators' console issue. */
export default function CampaignPage() {
  return <View className="ops-campaign">活动</View>;
}
