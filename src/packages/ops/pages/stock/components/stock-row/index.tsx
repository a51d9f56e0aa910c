import { Input, Text, View } from '@tarojs/components';
import './index.scss';

interface StockRowProps {
  skuId: string;
  name: string;
  unit: string;
  /** What is on the shelf now; null when the shelf has no record of it (not stocked, or off sale). */
  shelf: number | null;
  offSale: boolean;
  /** The count typed; absent for read-only (a store manager). */
  typed?: string;
  invalid?: boolean;
  onType?: (text: string) => void;
}

/** A product's shelf count in a store, and a field to set it. */
export function StockRow({ skuId, name, unit, shelf, offSale, typed, invalid, onType }: StockRowProps) {
  const changed = typed !== undefined && typed.trim() !== '' && Number(typed) !== shelf;
  return (
    <View className={`stock-row${changed ? ' stock-row--changed' : ''}`} data-testid={`stock-${skuId}`}>
      <View className='stock-row__text'>
        <View className='stock-row__head'>
          <Text className='stock-row__name'>{name}</Text>
          {offSale && <Text className='stock-row__tag'>已下架</Text>}
        </View>
        <Text className='stock-row__meta'>
          {unit} · {skuId}
        </Text>
      </View>
      <View className='stock-row__count'>
        <Text className='stock-row__shelf' data-testid={`shelf-${skuId}`}>
          {shelf === null ? '—' : shelf}
        </Text>
        <Text className='stock-row__label'>在架</Text>
      </View>
      {onType && (
        <Input
          className={`stock-row__input${invalid ? ' stock-row__input--invalid' : ''}`}
          data-testid={`stock-input-${skuId}`}
          type='number'
          maxlength={7}
          placeholder='新库存'
          placeholderClass='stock-row__placeholder'
          value={typed ?? ''}
          onInput={(e) => onType(e.detail.value)}
        />
      )}
    </View>
  );
}
