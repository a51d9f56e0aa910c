import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import './index.scss';

/** Short words for the tile of a product without a photo, by category id. */
const CATEGORY_WORDS: Record<string, string> = {
  fruit: '鲜果',
  imported: '进口',
  dairy: '鲜奶',
  yogurt: '乳品',
  veg: '蔬菜',
  gift: '礼盒',
  flash: '抢购',
};
const KNOWN = new Set(Object.keys(CATEGORY_WORDS));

interface ProductThumbProps {
  category: string;
  image?: string;
  size?: 'sm' | 'md' | 'lg';
  /** Greyed with a 已售罄 stamp. */
  soldOut?: boolean;
}

/**
 * The product's photo, or (none, or it failed to load) a tile in its category's colour.
 * Shared by the shop, product, cart and checkout pages.
 */
export function ProductThumb({ category, image, size = 'md', soldOut = false }: ProductThumbProps) {
  const tone = KNOWN.has(category) ? category : 'other';
  // A photo that does not load (an expired temporary URL, no network) gives way to the tile.
  const [broken, setBroken] = useState(false);
  useEffect(() => setBroken(false), [image]);
  return (
    <View className={`product-thumb product-thumb--${size} product-thumb--${tone}${soldOut ? ' product-thumb--sold-out' : ''}`}>
      {image && !broken ? (
        <Image className='product-thumb__image' src={image} mode='aspectFill' lazyLoad onError={() => setBroken(true)} />
      ) : (
        <View className='product-thumb__tile'>
          <Text className='product-thumb__word'>{CATEGORY_WORDS[category] ?? category.slice(0, 2)}</Text>
        </View>
      )}
      {soldOut ? <Text className='product-thumb__stamp'>已售罄</Text> : null}
    </View>
  );
}
