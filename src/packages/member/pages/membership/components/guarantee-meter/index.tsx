import { Text, View } from '@tarojs/components';
import type { GuaranteeView } from '@/packages/member/pages/membership/model';
import './index.scss';

/** 开卡保本: what the membership saved this year against the fee it cost. */
export function GuaranteeMeter({ view }: { view: GuaranteeView }) {
  if (view.kind === 'trial') {
    return (
      <View className='guarantee-meter guarantee-meter--trial' id='guarantee-meter'>
        <Text className='guarantee-meter__title'>开卡保本</Text>
        <Text className='guarantee-meter__explain'>体验卡免费体验，不参与开卡保本</Text>
      </View>
    );
  }
  return (
    <View className={`guarantee-meter${view.reached ? ' guarantee-meter--reached' : ''}`} id='guarantee-meter'>
      <View className='guarantee-meter__head'>
        <Text className='guarantee-meter__title'>开卡保本</Text>
        <Text className='guarantee-meter__hint'>{view.hint}</Text>
      </View>
      <Text className='guarantee-meter__text' id='guarantee-text'>
        {view.text}
      </Text>
      <View className='guarantee-meter__track'>
        <View className='guarantee-meter__fill' style={{ width: `${view.percent}%` }} />
      </View>
      <Text className='guarantee-meter__explain'>到期未省回年费，差额以无门槛券返还</Text>
      <Text className='guarantee-meter__term'>{`本会员年度至 ${view.endDate}`}</Text>
    </View>
  );
}
