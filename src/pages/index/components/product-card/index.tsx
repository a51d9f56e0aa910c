import { Text, View } from '@tarojs/components';
import type { CatalogProduct } from '@contract/catalog';
import { PriceLabel, PriceTag } from '@/components/price-tag';
import { QtyStepper } from '@/components/qty-stepper';
import { priceBadge, stockView } from '@/pages/index/model';
import { ProductThumb } from '../product-thumb';
import './index.scss';

interface ProductCardProps {
  product: CatalogProduct;
  qtyInCart: number;
  onQtyChange: (qty: number) => void;
  onOpen: () => void;
}

/** One product on the shelf: name, unit, the member's price and why, stock, and the cart stepper. */
export function ProductCard({ product, qtyInCart, onQtyChange, onOpen }: ProductCardProps) {
  const stock = stockView(product.stock);
  const badge = priceBadge(product);
  return (
    <View className={`product-card${stock.soldOut ? ' product-card--sold-out' : ''}`} data-testid={`product-${product.skuId}`} onClick={onOpen}>
      <ProductThumb category={product.category} image={product.imageUrl ?? product.image} soldOut={stock.soldOut} />
      <View className='product-card__body'>
        <Text className='product-card__name'>{product.name}</Text>
        <Text className='product-card__unit'>
          {product.unit}
          {product.description ? ` · ${product.description}` : ''}
        </Text>
        <View className='product-card__tags'>
          {badge ? <PriceLabel label={badge} tone={product.priceSource === 'paid' ? 'paid' : 'accent'} /> : null}
          {stock.hint && !stock.soldOut ? <Text className='product-card__stock'>{stock.hint}</Text> : null}
        </View>
        <View className='product-card__foot'>
          <PriceTag priceFen={product.unitPriceFen} listPriceFen={product.listPriceFen} size='md' />
          {stock.soldOut ? (
            <Text className='product-card__sold-out'>已售罄</Text>
          ) : (
            <QtyStepper value={qtyInCart} max={stock.maxQty} compactAtZero size='sm' onChange={onQtyChange} />
          )}
        </View>
      </View>
    </View>
  );
}
