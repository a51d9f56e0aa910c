import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CatalogProduct } from '@contract/catalog';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { ProductCard } from '@/pages/index/components/product-card';
import { cartLines, setCartQty, syncCartBadge, type CartLine } from '@/services/cart';
import { currentStore } from '@/services/store';
import { SearchBar } from './components/search-bar';
import { SearchPanel } from './components/search-panel';
import { clearRecentSearches, recentSearches, rememberSearch } from './recentSearches';
import { useSearch } from './useSearch';
import './index.scss';

function leave() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/index/index' });
}

/**
 * 搜索商品: the chosen store's shelf searched by name, category or description (`catalog.search`),
 * with the shop's own product cards and cart buttons, and the member's recent searches. A page of
 * its own in a subpackage, opened from the shop's search box, so the main package stays small.
 */
export default function ShopSearch() {
  const store = currentStore();
  const storeId = store?.storeId ?? null;
  const search = useSearch(storeId);
  const [recents, setRecents] = useState<string[]>(recentSearches);
  const [cart, setCart] = useState<CartLine[]>(() => (storeId ? cartLines(storeId) : []));

  // Back from a product page: its cart may have changed.
  useDidShow(() => {
    if (storeId) setCart(cartLines(storeId));
  });

  const remember = (term: string) => setRecents(rememberSearch(term));
  const qtyOf = (skuId: string) => cart.find((l) => l.skuId === skuId)?.qty ?? 0;

  const card = (p: CatalogProduct) => (
    <ProductCard
      key={p.skuId}
      product={p}
      qtyInCart={qtyOf(p.skuId)}
      onQtyChange={(qty) => {
        if (!storeId) return;
        setCart(setCartQty(storeId, p.skuId, qty));
        syncCartBadge(storeId);
      }}
      onOpen={() => {
        // Opening a result is what the search was for: keep the word.
        remember(search.term);
        void Taro.navigateTo({ url: `/pages/product/index?skuId=${encodeURIComponent(p.skuId)}` });
      }}
    />
  );

  return (
    <View className='shop-search'>
      <View className='shop-search__bar'>
        <SearchBar value={search.query} onChange={search.setQuery} onConfirm={() => remember(search.term)} onCancel={leave} />
        {store ? <Text className='shop-search__store'>在{store.name}搜索</Text> : null}
      </View>
      <View className='shop-search__body'>
        {storeId ? (
          <SearchPanel
            search={search}
            recents={recents}
            onPickRecent={(term) => search.setQuery(term)}
            onClearRecents={() => {
              clearRecentSearches();
              setRecents([]);
            }}
            renderProduct={card}
          />
        ) : (
          <View className='shop-search__no-store' onClick={() => void Taro.navigateTo({ url: '/packages/shop/pages/store/index' })}>
            <Text>请先选择自提门店 ›</Text>
          </View>
        )}
      </View>
      <PersonaSwitcher />
    </View>
  );
}
