import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface RepeatGroupProps<T> {
  testKey: string;
  /** What one item is called (商品, 奖励, 权益). */
  item: string;
  items: T[];
  max?: number;
  onAdd: () => void;
  onRemove: (index: number) => void;
  renderItem: (item: T, index: number) => ReactNode;
}

/** A repeated group (a price list's products, a session's rewards, a campaign's benefits): each item a small form, 添加 and 删除. */
export function RepeatGroup<T>({ testKey, item, items, max, onAdd, onRemove, renderItem }: RepeatGroupProps<T>) {
  const full = max !== undefined && items.length >= max;
  return (
    <View className='repeat-group'>
      {items.map((it, i) => (
        <View key={i} className='repeat-group__item' data-testid={`group-${testKey}-${i}`}>
          <View className='repeat-group__head'>
            <Text className='repeat-group__title'>
              {item} {i + 1}
            </Text>
            <Text className='repeat-group__remove' data-testid={`group-${testKey}-remove-${i}`} onClick={() => onRemove(i)}>
              删除
            </Text>
          </View>
          {renderItem(it, i)}
        </View>
      ))}
      {items.length === 0 && <Text className='repeat-group__empty'>暂无{item}</Text>}
      <View className={`repeat-group__add${full ? ' repeat-group__add--full' : ''}`} data-testid={`group-${testKey}-add`} onClick={() => !full && onAdd()}>
        <Text>{full ? `最多 ${max} 项` : `+ 添加${item}`}</Text>
      </View>
    </View>
  );
}
