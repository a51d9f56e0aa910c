import type { ITouchEvent } from '@tarojs/components';
import { View } from '@tarojs/components';
import './index.scss';

interface OnOffProps {
  on: boolean;
  testId: string;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}

/** A switch. Its tap does not reach the row behind it. */
export function OnOff({ on, testId, disabled = false, onChange }: OnOffProps) {
  const tap = (e: ITouchEvent) => {
    e.stopPropagation();
    if (!disabled) onChange(!on);
  };
  return (
    <View className={`on-off${on ? ' on-off--on' : ''}${disabled ? ' on-off--disabled' : ''}`} data-testid={testId} data-on={on ? 'true' : 'false'} onClick={tap}>
      <View className='on-off__knob' />
    </View>
  );
}
