import { Text, View } from '@tarojs/components';
import type { Option } from '@/packages/ops/model/labels';
import './index.scss';

interface ChoiceChipsProps {
  /** Test ids: `choice-<testKey>-<value>`. */
  testKey: string;
  options: Option[];
  selected: string[];
  /** One value at a time (a select) or several. */
  multiple?: boolean;
  /** A single choice may be taken back (an optional select). */
  clearable?: boolean;
  onChange: (selected: string[]) => void;
}

/** Options as chips: one or several, tapped on and off. */
export function ChoiceChips({ testKey, options, selected, multiple = false, clearable = false, onChange }: ChoiceChipsProps) {
  const tap = (value: string) => {
    const on = selected.includes(value);
    if (multiple) onChange(on ? selected.filter((v) => v !== value) : [...selected, value]);
    else if (!on) onChange([value]);
    else if (clearable) onChange([]);
  };
  return (
    <View className='choice-chips'>
      {options.map((o) => (
        <View
          key={o.value}
          className={`choice-chips__chip${selected.includes(o.value) ? ' choice-chips__chip--on' : ''}`}
          data-testid={`choice-${testKey}-${o.value || 'none'}`}
          onClick={() => tap(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
