import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CatalogProduct } from '@contract/catalog';
import type { ProductSearch } from '@/packages/shop/pages/search/useSearch';
import './index.scss';

interface SearchPanelProps {
  search: ProductSearch;
  recents: string[];
  onPickRecent: (term: string) => void;
  onClearRecents: () => void;
  /** A result, drawn as the shelf draws its products. */
  renderProduct: (product: CatalogProduct) => ReactNode;
}

/** What the shop shows while searching: recent searches before a word is typed, then the results. */
export function SearchPanel({ search, recents, onPickRecent, onClearRecents, renderProduct }: SearchPanelProps) {
  if (search.status === 'idle') {
    if (recents.length === 0) return <Text className='search-panel__hint'>搜索商品名称、品类或产地</Text>;
    return (
      <View className='search-panel__recent' id='shop-recent-searches'>
        <View className='search-panel__recent-head'>
          <Text className='search-panel__recent-title'>最近搜索</Text>
          <Text className='search-panel__recent-clear' id='shop-recent-clear' onClick={onClearRecents}>
            清除
          </Text>
        </View>
        <View className='search-panel__chips'>
          {recents.map((term) => (
            <Text key={term} className='search-panel__chip' data-testid={`recent-${term}`} onClick={() => onPickRecent(term)}>
              {term}
            </Text>
          ))}
        </View>
      </View>
    );
  }
  if (search.status === 'searching') return <Text className='search-panel__hint'>正在搜索「{search.term}」…</Text>;
  if (search.status === 'error') {
    return (
      <View className='search-panel__empty'>
        <Text className='search-panel__empty-title'>{search.error}</Text>
        <View className='search-panel__retry' onClick={search.retry}>
          <Text>重试</Text>
        </View>
      </View>
    );
  }
  if (search.products.length === 0) {
    return (
      <View className='search-panel__empty' id='shop-search-empty'>
        <Text className='search-panel__empty-title'>没有找到「{search.term}」</Text>
        <Text className='search-panel__empty-text'>换个关键词试试，或去看看门店的其他好货</Text>
      </View>
    );
  }
  return (
    <View className='search-panel__results' id='shop-search-results'>
      <Text className='search-panel__count'>找到 {search.products.length} 件商品</Text>
      {search.products.map(renderProduct)}
    </View>
  );
}
