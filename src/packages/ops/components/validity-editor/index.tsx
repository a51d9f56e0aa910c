import { Input, Text, View } from '@tarojs/components';
import type { ValidityDraft } from '@/packages/ops/form/draft';
import { ChoiceChips } from '../choice-chips';
import { DatePicker } from '../date-picker';
import './index.scss';

interface ValidityEditorProps {
  testKey: string;
  value: ValidityDraft;
  onChange: (value: ValidityDraft) => void;
}

const MODES = [
  { value: 'days', label: '领取后 N 天' },
  { value: 'dates', label: '固定日期' },
];

/** A coupon's validity: days after it is issued, or fixed Shanghai dates. */
export function ValidityEditor({ testKey, value, onChange }: ValidityEditorProps) {
  const set = (patch: Partial<ValidityDraft>) => onChange({ ...value, ...patch });
  return (
    <View className='validity-editor'>
      <ChoiceChips testKey={`${testKey}-mode`} options={MODES} selected={[value.mode]} onChange={([mode]) => mode && set({ mode: mode as ValidityDraft['mode'] })} />
      {value.mode === 'days' ? (
        <View className='validity-editor__days'>
          <Text>领取后</Text>
          <Input className='validity-editor__input' data-testid={`input-${testKey}-days`} type='number' value={value.days} maxlength={4} onInput={(e) => set({ days: e.detail.value })} />
          <Text>天内有效</Text>
        </View>
      ) : (
        <View className='validity-editor__dates'>
          <DatePicker testKey={`${testKey}-from`} value={value.from} onChange={(from) => set({ from })} />
          <Text className='validity-editor__to'>至</Text>
          <DatePicker testKey={`${testKey}-to`} value={value.to} onChange={(to) => set({ to })} />
        </View>
      )}
    </View>
  );
}
