import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BannerView } from '@contract/catalog';
import { linkTarget } from '@/pages/index/model';
import './index.scss';

/** How long each banner stays before the next. */
const ROTATE_MS = 4000;

function open(link: string) {
  const target = linkTarget(link);
  if (!target) return;
  if (target.kind === 'tab') void Taro.switchTab({ url: target.url });
  else void Taro.navigateTo({ url: target.url });
}

/**
 * The operators' banners for this member now (`catalog.home`), one at a time, turning every few
 * seconds; a dot shows which and a tap on it turns to it. Nothing at all when there are none. (Drawn
 * with views rather than <swiper>: that component's templates would cost the main package 7 KB.)
 */
export function BannerSwiper({ banners }: { banners: BannerView[] }) {
  const [shown, setShown] = useState(0);
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  const count = banners.length;

  useEffect(() => {
    if (count < 2) return undefined;
    const timer = setInterval(() => setShown((i) => (i + 1) % count), ROTATE_MS);
    return () => clearInterval(timer);
  }, [count]);

  if (count === 0) return null;
  const banner = banners[shown % count];
  return (
    <View className='banner-swiper' id='shop-banners'>
      <View className='banner-swiper__item' data-testid={`banner-${banner.bannerId}`} onClick={() => open(banner.link)}>
        {broken.has(banner.bannerId) || !banner.imageUrl ? (
          <View className='banner-swiper__fallback'>
            <Text className='banner-swiper__title'>{banner.title}</Text>
          </View>
        ) : (
          <Image className='banner-swiper__image' src={banner.imageUrl} mode='aspectFill' onError={() => setBroken((b) => new Set(b).add(banner.bannerId))} />
        )}
      </View>
      {count > 1 ? (
        <View className='banner-swiper__dots'>
          {banners.map((b, i) => (
            <View key={b.bannerId} className={`banner-swiper__dot${i === shown % count ? ' banner-swiper__dot--on' : ''}`} onClick={() => setShown(i)} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
