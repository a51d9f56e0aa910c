import { Picker, Text, View } from '@tarojs/components';
import { edgeText } from '@/packages/ops/model/format';
import { formatShanghaiDate, inShanghai } from '@/utils/date';
import './index.scss';

interface DatePickerProps {
  testKey: string;
  /** A Shanghai date (YYYY-MM-DD); an instant saved earlier shows as Shanghai time until a date is picked. */
  value: string;
  onChange: (value: string) => void;
}

/** A Shanghai business date. */
export function DatePicker({ testKey, value, onChange }: DatePickerProps) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : value ? formatShanghaiDate(value) : formatShanghaiDate(new Date());
  return (
    <Picker mode='date' value={date} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`date-picker${value ? '' : ' date-picker--empty'}`} data-testid={`date-${testKey}`}>
        <Text>{value ? edgeText(value) : '请选择日期'}</Text>
      </View>
    </Picker>
  );
}

/** The instant of a Shanghai wall time, as ISO. */
export function shanghaiInstant(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}

/** An instant, picked as a Shanghai date and a time. */
export function InstantPicker({ testKey, value, onChange }: DatePickerProps) {
  const at = value ? inShanghai(value) : null;
  const date = at ? at.format('YYYY-MM-DD') : formatShanghaiDate(new Date());
  const time = at ? at.format('HH:mm') : '10:00';
  return (
    <View className='date-picker__pair' data-testid={`instant-${testKey}`}>
      <Picker className='date-picker__day' mode='date' value={date} onChange={(e) => onChange(shanghaiInstant(String(e.detail.value), time))}>
        <View className={`date-picker${at ? '' : ' date-picker--empty'}`}>
          <Text>{at ? date : '选择日期'}</Text>
        </View>
      </Picker>
      <Picker mode='time' value={time} onChange={(e) => onChange(shanghaiInstant(date, String(e.detail.value)))}>
        <View className={`date-picker date-picker--time${at ? '' : ' date-picker--empty'}`}>
          <Text>{at ? time : '时间'}</Text>
        </View>
      </Picker>
    </View>
  );
}
