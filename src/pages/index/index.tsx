import { useEffect, useRef, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { ShareButton } from '@/components/share-button';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { useShareCard } from '@/hooks/useShareCard';
import { cartLines, setCartQty, syncCartBadge, type CartLine } from '@/services/cart';
import { currentStore, currentStoreId } from '@/services/store';
import { SHOP_CATEGORY_KEY } from '@/utils/couponUse';
import { BannerSwiper } from './components/banner-swiper';
import { ProductCard } from './components/product-card';
import { ShopSkeleton } from './components/shop-skeleton';
import { productsIn, shelfCategories } from './model';
import { loadShop } from './shopFront';
import './index.scss';

/**
 * 鲜选: the chosen store's shelf with the member's own prices (the landing page of shop and invite
 * cards), the operators' banners, and the way to search (a page of the shop subpackage).
 */
export default function Shop() {
  const shop = useCloud(loadShop, []);
  const { error, loading, reload } = shop;
  // Only the chosen store's shelf is shown: after a switch the previous store's stays hidden (its cart
  // buttons would fill the wrong cart) until the new one is in; useCloud keeps only the latest answer.
  const chosenId = currentStoreId();
  const data = shop.data && (!chosenId || shop.data.store.storeId === chosenId) ? shop.data : undefined;
  const storeId = data?.store.storeId ?? null;
  const [category, setCategory] = useState<string | null>(null);
  const [cart, setCart] = useState<CartLine[]>([]);
  const shownOnce = useRef(false);
  const pickerOpening = useRef(false);

  useEffect(() => {
    setCart(storeId ? cartLines(storeId) : []);
    syncCartBadge(storeId);
  }, [storeId]);

  // Back from the store picker, the cart or a paid order: the store, the cart or the stock may have changed.
  useDidShow(() => {
    pickerOpening.current = false;
    // 去使用 on a coupon for a category: open the shelf there, once.
    const asked = Taro.getStorageSync(SHOP_CATEGORY_KEY) as string;
    if (asked) {
      Taro.removeStorageSync(SHOP_CATEGORY_KEY);
      setCategory(asked);
    }
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    const chosen = currentStoreId();
    if (chosen) {
      setCart(cartLines(chosen));
      syncCartBadge(chosen);
    }
    void reload();
  });

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  useRefreshErrorToast(error, data);

  const store = data?.store ?? currentStore();
  useShareCard({ kind: 'shop', title: `${store?.name ?? '果粒鲜选'}｜新鲜水果乳品，到店自提`, fallbackPath: '/pages/index/index' });
  const categories = data ? shelfCategories(data.categories) : [];
  const active = categories.some((c) => c.category === category) ? category : (categories[0]?.category ?? null);
  const products = data ? productsIn(data.products, active) : [];
  const qtyOf = (skuId: string) => cart.find((l) => l.skuId === skuId)?.qty ?? 0;

  const changeQty = (skuId: string, qty: number) => {
    if (!storeId) return;
    setCart(setCartQty(storeId, skuId, qty));
    syncCartBadge(storeId);
  };

  // A double tap would open the picker twice: the member would pick in one and land in the other.
  const openStorePicker = () => {
    if (pickerOpening.current) return;
    pickerOpening.current = true;
    Taro.navigateTo({ url: '/packages/shop/pages/store/index' }).catch(() => {
      pickerOpening.current = false;
    });
  };

  let body: JSX.Element;
  if (data && data.products.length === 0) {
    body = (
      <View className='shop__empty' id='shop-empty'>
        <Text className='shop__empty-title'>这家门店暂时没有在售商品</Text>
        <Text className='shop__empty-text'>换一家附近的门店看看吧</Text>
        <View className='shop__empty-action' onClick={openStorePicker}>
          <Text>切换门店</Text>
        </View>
      </View>
    );
  } else if (data) {
    body = (
      <View className='shop__list' id='product-list'>
        <BannerSwiper banners={data.banners} />
        {products.map((p) => (
          <ProductCard
            key={p.skuId}
            product={p}
            qtyInCart={qtyOf(p.skuId)}
            onQtyChange={(qty) => changeQty(p.skuId, qty)}
            onOpen={() => void Taro.navigateTo({ url: `/pages/product/index?skuId=${encodeURIComponent(p.skuId)}` })}
          />
        ))}
        <Text className='shop__end'>— 到店自提 · 新鲜直达 —</Text>
      </View>
    );
  } else if (error) {
    body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  } else {
    body = <ShopSkeleton />;
  }

  return (
    <View className='shop'>
      <View className='shop__header'>
        <View className='shop__store' id='shop-store' onClick={openStorePicker}>
          <Text className='shop__store-tag'>自提</Text>
          <Text className='shop__store-name'>{store?.name ?? '选择自提门店'}</Text>
          <Text className='shop__store-switch'>切换 ›</Text>
        </View>
        {store?.address ? (
          <Text className='shop__store-address'>
            {store.address}
            {store.hours ? ` · 营业 ${store.hours}` : ''}
          </Text>
        ) : null}
        <View className='shop__search' id='shop-search' onClick={() => void Taro.navigateTo({ url: '/packages/shop/pages/search/index' })}>
          <Text>搜索商品，如 草莓、牛奶</Text>
        </View>
        <View className='shop__perks'>
          <Text className='shop__perk'>会员专享价</Text>
          <Text className='shop__perk'>社群专属价</Text>
          <Text className='shop__perk'>到店自提</Text>
          <ShareButton kind='shop' className='shop__share' testId='shop-share'>
            分享好店
          </ShareButton>
        </View>
      </View>

      {categories.length > 0 && (
        <View className='shop__tabs-bar'>
          <ScrollView className='shop__tabs' scrollX enhanced showScrollbar={false}>
            {categories.map((c) => (
              <View
                key={c.category}
                className={`shop__tab${c.category === active ? ' shop__tab--active' : ''}`}
                data-testid={`category-${c.category}`}
                onClick={() => setCategory(c.category)}
              >
                <Text>{c.name}</Text>
              </View>
            ))}
          </ScrollView>
        </View>
      )}

      <View className='shop__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
