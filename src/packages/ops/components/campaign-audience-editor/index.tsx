import { Text, Textarea, View } from '@tarojs/components';
import type { CampaignAudienceDraft } from '@/packages/ops/form/draft';
import { SEGMENT_OPTIONS, TIER_OPTIONS } from '@/packages/ops/model/labels';
import { ChoiceChips } from '../choice-chips';
import { OnOff } from '../on-off';
import './index.scss';

interface CampaignAudienceEditorProps {
  testKey: string;
  value: CampaignAudienceDraft;
  onChange: (value: CampaignAudienceDraft) => void;
}

const yesNo = (yes: string, no: string) => [
  { value: '', label: '不限' },
  { value: 'yes', label: yes },
  { value: 'no', label: no },
];

/** A campaign's audience: every condition chosen must hold; 全部会员 alone is everyone. */
export function CampaignAudienceEditor({ testKey, value, onChange }: CampaignAudienceEditorProps) {
  const set = (patch: Partial<CampaignAudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <View className='campaign-audience'>
      <View className='campaign-audience__row'>
        <Text className='campaign-audience__label'>全部会员</Text>
        <OnOff testId={`toggle-${testKey}-all`} on={value.all} onChange={(all) => set({ all })} />
      </View>
      <Text className='campaign-audience__label'>会员分层</Text>
      <ChoiceChips testKey={`${testKey}-segments`} options={SEGMENT_OPTIONS} selected={value.segments} multiple onChange={(segments) => set({ segments })} />
      <Text className='campaign-audience__label'>等级</Text>
      <ChoiceChips testKey={`${testKey}-tiers`} options={TIER_OPTIONS} selected={value.tiers} multiple onChange={(tiers) => set({ tiers })} />
      <Text className='campaign-audience__label'>心享会员</Text>
      <ChoiceChips testKey={`${testKey}-paid`} options={yesNo('是', '否')} selected={[value.paid]} onChange={([paid = '']) => set({ paid: paid as CampaignAudienceDraft['paid'] })} />
      <Text className='campaign-audience__label'>新客（从未下单）</Text>
      <ChoiceChips testKey={`${testKey}-new`} options={yesNo('是', '否')} selected={[value.new]} onChange={([isNew = '']) => set({ new: isNew as CampaignAudienceDraft['new'] })} />
      <Text className='campaign-audience__label'>微信群（openGId，一行一个）</Text>
      <Textarea className='campaign-audience__groups' value={value.groups} autoHeight maxlength={4000} placeholder='不填则不限' onInput={(e) => set({ groups: e.detail.value })} />
      <Text className='campaign-audience__note'>所选条件须同时满足</Text>
    </View>
  );
}
