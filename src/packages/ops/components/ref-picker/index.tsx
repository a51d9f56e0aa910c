import type { ITouchEvent } from '@tarojs/components';
import { Picker, Text, View } from '@tarojs/components';
import type { Option } from '@/packages/ops/model/labels';
import './index.scss';

interface RefPickerProps {
  testKey: string;
  options: Option[];
  /** Still loading the documents to pick from. */
  loading?: boolean;
}

const labelOf = (options: Option[], value: string) => options.find((o) => o.value === value)?.label ?? value;

/** One document of another entity (a store, a product, a coupon), picked from a list; `optional` adds 不选. */
export function RefPicker({ testKey, options, loading, value, optional, onChange }: RefPickerProps & { value: string; optional: boolean; onChange: (value: string) => void }) {
  const choices = optional ? [{ value: '', label: '不选' }, ...options] : options;
  const index = Math.max(0, choices.findIndex((o) => o.value === value));
  return (
    <Picker mode='selector' range={choices.map((o) => o.label)} value={index} disabled={loading || choices.length === 0} onChange={(e) => onChange(choices[Number(e.detail.value)]?.value ?? '')}>
      <View className={`ref-picker${value ? '' : ' ref-picker--empty'}`} data-testid={`ref-${testKey}`}>
        <Text className='ref-picker__text'>{value ? labelOf(options, value) : loading ? '加载中…' : choices.length ? '请选择' : '暂无可选'}</Text>
        <Text className='ref-picker__arrow'>›</Text>
      </View>
    </Picker>
  );
}

/** Several documents (a pack's coupons, a coupon's products): the chosen ones, each removable, and 添加. */
export function RefList({ testKey, options, loading, values, onChange }: RefPickerProps & { values: string[]; onChange: (values: string[]) => void }) {
  const left = options.filter((o) => !values.includes(o.value));
  const remove = (value: string) => (e: ITouchEvent) => {
    e.stopPropagation();
    onChange(values.filter((v) => v !== value));
  };
  return (
    <View className='ref-list' data-testid={`refs-${testKey}`}>
      {values.map((v) => (
        <View key={v} className='ref-list__chip'>
          <Text className='ref-list__name'>{labelOf(options, v)}</Text>
          <Text className='ref-list__remove' onClick={remove(v)}>
            ×
          </Text>
        </View>
      ))}
      <Picker mode='selector' range={left.map((o) => o.label)} disabled={loading || left.length === 0} onChange={(e) => onChange([...values, left[Number(e.detail.value)].value])}>
        <View className='ref-list__add'>
          <Text>{loading ? '加载中…' : left.length ? '+ 添加' : '无更多可选'}</Text>
        </View>
      </Picker>
    </View>
  );
}
