import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
// Before the price tag and the stepper, as on the shop page: one order for the shared stylesheet.
import { ShareButton } from '@/components/share-button';
import { PriceTag } from '@/components/price-tag';
import { QtyStepper } from '@/components/qty-stepper';
import { useCloud } from '@/hooks/useCloud';
import { useShareCard } from '@/hooks/useShareCard';
import { toast } from '@/services/action';
import { addToCart, cartCount, syncCartBadge } from '@/services/cart';
import { cardImage } from '@/services/sharing';
import { loadShelf } from '@/services/store';
import { ProductThumb } from '../index/components/product-thumb';
import { ShopSkeleton } from '../index/components/shop-skeleton';
import { priceBadge, stockView } from '../index/model';
import './index.scss';

/** The product card's title: the product, never a price (whoever opens it may be offered another one). */
function shareTitle(product: { name: string; unit: string } | undefined): string {
  return product ? `${product.name} ${product.unit}｜果粒鲜选 新鲜到店自提` : '果粒鲜选｜新鲜水果乳品，到店自提';
}

/**
 * 商品详情 (?skuId=, and ?shareId= when opened from a share card): the shelf's data for one product
 * (there is no detail action), with the price explained.
 */
export default function ProductDetail() {
  const skuId = useRouter().params.skuId ?? '';
  const { data, error, loading, reload } = useCloud(loadShelf, []);
  const product = data?.products.find((p) => p.skuId === skuId);
  const storeId = data?.store.storeId ?? null;
  const [qty, setQty] = useState(1);
  const [inCart, setInCart] = useState(0);

  useShareCard({
    kind: 'product',
    targetId: skuId,
    title: shareTitle(product),
    imageUrl: cardImage(product?.image),
    fallbackPath: `/pages/product/index?skuId=${encodeURIComponent(skuId)}`,
  });

  useEffect(() => {
    if (storeId) setInCart(cartCount(storeId));
  }, [storeId]);
  useDidShow(() => {
    if (storeId) setInCart(cartCount(storeId));
  });

  const stock = stockView(product?.stock ?? 0);
  useEffect(() => {
    // Keep the chosen quantity within what the store has.
    if (stock.maxQty > 0 && qty > stock.maxQty) setQty(stock.maxQty);
  }, [stock.maxQty, qty]);

  const add = () => {
    if (!product || !storeId || stock.soldOut) return;
    addToCart(storeId, product.skuId, qty);
    setInCart(cartCount(storeId));
    syncCartBadge(storeId);
    toast(`已加入购物车 ×${qty}`, 'success');
  };

  const buyNow = () => {
    if (!product || stock.soldOut) return;
    void Taro.navigateTo({ url: `/pages/checkout/index?skuId=${encodeURIComponent(product.skuId)}&qty=${qty}` });
  };

  let body: JSX.Element;
  if (product && data) {
    const badge = priceBadge(product);
    body = (
      <View className='product-detail__content'>
        <ProductThumb category={product.category} image={product.imageUrl ?? product.image} size='lg' soldOut={stock.soldOut} />
        <View className='product-detail__card product-detail__card--main'>
          <View className='product-detail__price-row'>
            <PriceTag priceFen={product.unitPriceFen} listPriceFen={product.listPriceFen} label={badge} size='lg' className='product-detail__price' />
            <ShareButton kind='product' targetId={product.skuId} className='product-detail__share' testId='product-share'>
              分享
            </ShareButton>
          </View>
          <Text className='product-detail__name' id='product-name'>
            {product.name}
          </Text>
          <View className='product-detail__meta'>
            <Text className='product-detail__unit'>规格 {product.unit}</Text>
            <Text className={`product-detail__stock${stock.hint ? ' product-detail__stock--low' : ''}`}>{stock.hint ?? '库存充足'}</Text>
          </View>
          {product.description ? <Text className='product-detail__desc'>{product.description}</Text> : null}
        </View>

        <View className='product-detail__card'>
          <Text className='product-detail__section'>价格说明</Text>
          <View className='product-detail__reason' id='price-reason'>
            <Text className='product-detail__reason-label'>{product.priceLabel}</Text>
            <Text className='product-detail__reason-text'>{product.priceReason}</Text>
          </View>
          <Text className='product-detail__fine'>
            {product.noExtraDiscount
              ? '本商品不参与心享会员折上折。最终价格以确认订单页为准。'
              : '心享会员可在此价格上再享折上折；最终价格以确认订单页为准。'}
          </Text>
        </View>

        <View className='product-detail__card product-detail__qty-row'>
          <Text className='product-detail__section'>购买数量</Text>
          <QtyStepper value={stock.soldOut ? 0 : qty} min={1} max={Math.max(1, stock.maxQty)} disabled={stock.soldOut} onChange={setQty} />
        </View>

        <View className='product-detail__card product-detail__pickup'>
          <Text className='product-detail__pickup-tag'>到店自提</Text>
          <Text className='product-detail__pickup-store'>{data.store.name}</Text>
        </View>
      </View>
    );
  } else if (data) {
    body = (
      <View className='product-detail__missing' id='product-missing'>
        <Text className='product-detail__missing-title'>商品已下架或本店暂无</Text>
        <View className='product-detail__missing-action' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
          <Text>去逛逛其他商品</Text>
        </View>
      </View>
    );
  } else if (error) {
    body = (
      <View className='product-detail__padded'>
        <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />
      </View>
    );
  } else {
    body = (
      <View className='product-detail__padded'>
        <ShopSkeleton rows={2} />
      </View>
    );
  }

  const disabled = !product || stock.soldOut;
  return (
    <View className='product-detail'>
      <ScrollView className='product-detail__scroll' scrollY>
        {body}
      </ScrollView>
      <View className='product-detail__bar'>
        <View className='product-detail__cart' onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
          <Text className='product-detail__cart-icon'>购</Text>
          <Text className='product-detail__cart-text'>购物车</Text>
          {inCart > 0 ? <Text className='product-detail__cart-badge'>{inCart > 99 ? '99+' : inCart}</Text> : null}
        </View>
        <View className={`product-detail__add${disabled ? ' product-detail__btn--off' : ''}`} id='add-to-cart' onClick={add}>
          <Text>加入购物车</Text>
        </View>
        <View className={`product-detail__buy${disabled ? ' product-detail__btn--off' : ''}`} id='buy-now' onClick={buyNow}>
          <Text>{stock.soldOut && product ? '已售罄' : '立即购买'}</Text>
        </View>
      </View>
      <PersonaSwitcher />
    </View>
  );
}
