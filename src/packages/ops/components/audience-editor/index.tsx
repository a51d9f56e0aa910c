import { Text, Textarea, View } from '@tarojs/components';
import type { AudienceDraft } from '@/packages/ops/form/draft';
import { AUDIENCE_TYPE_NAMES, optionsOf, SEGMENT_OPTIONS, TIER_OPTIONS } from '@/packages/ops/model/labels';
import { ChoiceChips } from '../choice-chips';
import './index.scss';

interface AudienceEditorProps {
  testKey: string;
  value: AudienceDraft;
  /** Absent means everyone (所有人). */
  optional: boolean;
  onChange: (value: AudienceDraft) => void;
}

const TYPES = optionsOf(AUDIENCE_TYPE_NAMES);

/** Who a price list, coupon, live session or banner is for: WeChat groups, segments, a minimum tier, paid members or new customers. */
export function AudienceEditor({ testKey, value, optional, onChange }: AudienceEditorProps) {
  const types = optional ? [{ value: '', label: '所有人' }, ...TYPES] : TYPES;
  const set = (patch: Partial<AudienceDraft>) => onChange({ ...value, ...patch });
  return (
    <View className='audience-editor'>
      <ChoiceChips testKey={`${testKey}-type`} options={types} selected={[value.type]} onChange={([type = '']) => set({ type, values: [] })} />
      {value.type === 'group' && (
        <Textarea
          className='audience-editor__groups'
          value={value.text}
          placeholder='微信群 openGId，一行一个'
          autoHeight
          maxlength={4000}
          onInput={(e) => set({ text: e.detail.value })}
        />
      )}
      {value.type === 'segment' && (
        <View className='audience-editor__values'>
          <ChoiceChips testKey={`${testKey}-segment`} options={SEGMENT_OPTIONS} selected={value.values} multiple onChange={(values) => set({ values })} />
        </View>
      )}
      {value.type === 'tier' && (
        <View className='audience-editor__values'>
          <Text className='audience-editor__note'>最低等级（含以上）</Text>
          <ChoiceChips testKey={`${testKey}-tier`} options={TIER_OPTIONS} selected={value.values.slice(0, 1)} onChange={(values) => set({ values })} />
        </View>
      )}
    </View>
  );
}
