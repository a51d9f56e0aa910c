import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { RowSummary } from '@/packages/ops/model/summary';
import { OnOff } from '../on-off';
import './index.scss';

interface EntityRowProps {
  id: string;
  summary: RowSummary;
  /** The on/off switch, for entities that have one. */
  toggle?: { on: boolean; busy: boolean; onLabel: string; offLabel: string; onChange: (on: boolean) => void };
  /** Links under the summary (执行情况). */
  extra?: ReactNode;
  onOpen: () => void;
}

/** One document in an entity's list: its name and figures; tap to edit, the switch to turn it off or on. */
export function EntityRow({ id, summary, toggle, extra, onOpen }: EntityRowProps) {
  const off = toggle && !toggle.on;
  return (
    <View className={`entity-row${off ? ' entity-row--off' : ''}`} data-testid={`row-${id}`} onClick={onOpen}>
      <View className='entity-row__text'>
        <View className='entity-row__head'>
          <Text className='entity-row__title'>{summary.title || id}</Text>
          {summary.tag && <Text className='entity-row__tag'>{summary.tag}</Text>}
        </View>
        <Text className='entity-row__id'>{id}</Text>
        {summary.lines.map((line, i) => (
          <Text key={i} className='entity-row__line'>
            {line}
          </Text>
        ))}
        {extra}
      </View>
      {toggle && (
        <View className='entity-row__switch'>
          <OnOff testId={`toggle-row-${id}`} on={toggle.on} disabled={toggle.busy} onChange={toggle.onChange} />
          <Text className='entity-row__state'>{toggle.on ? toggle.onLabel : toggle.offLabel}</Text>
        </View>
      )}
    </View>
  );
}
