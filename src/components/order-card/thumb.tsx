import { Text, View } from '@tarojs/components';

/** Category (from the SKU id's prefix: "fruit-strawberry" → fruit) → the character on its tile. */
const CATEGORY_GLYPHS: Record<string, string> = {
  fruit: '果',
  imported: '鲜',
  dairy: '奶',
  yogurt: '酪',
  veg: '蔬',
  gift: '礼',
  flash: '抢',
};

function categoryOf(skuId: string): string {
  const prefix = skuId.split('-')[0];
  return prefix in CATEGORY_GLYPHS ? prefix : 'other';
}

/** A tinted tile standing in for a product photo (the catalog has no images yet). */
export function ProductThumb({ skuId, size = 'md' }: { skuId: string; size?: 'sm' | 'md' }) {
  const category = categoryOf(skuId);
  return (
    <View className={`product-thumb product-thumb--${category} product-thumb--${size}`}>
      <Text className='product-thumb__glyph'>{CATEGORY_GLYPHS[category] ?? '鲜'}</Text>
    </View>
  );
}
