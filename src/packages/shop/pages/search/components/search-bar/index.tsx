import { Input, Text, View } from '@tarojs/components';
import { MAX_QUERY_LENGTH } from '@/packages/shop/pages/search/useSearch';
import './index.scss';

interface SearchBarProps {
  value: string;
  onChange: (value: string) => void;
  /** The keyboard's 搜索 key. */
  onConfirm: () => void;
  onCancel: () => void;
}

/** 搜索商品, focused as the page opens: clear (×) empties the word, 取消 goes back to the shop. */
export function SearchBar({ value, onChange, onConfirm, onCancel }: SearchBarProps) {
  return (
    <View className='search-bar'>
      <View className='search-bar__field'>
        <Text className='search-bar__icon'>⌕</Text>
        <Input
          className='search-bar__input'
          id='shop-search-input'
          value={value}
          maxlength={MAX_QUERY_LENGTH}
          placeholder='搜索商品，如 草莓、牛奶'
          placeholderClass='search-bar__placeholder'
          confirmType='search'
          focus
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={onConfirm}
        />
        {value ? (
          <View className='search-bar__clear' id='shop-search-clear' onClick={() => onChange('')}>
            <Text>×</Text>
          </View>
        ) : null}
      </View>
      <View className='search-bar__cancel' id='shop-search-cancel' onClick={onCancel}>
        <Text>取消</Text>
      </View>
    </View>
  );
}
