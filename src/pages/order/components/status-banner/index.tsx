import { Text, View } from '@tarojs/components';
import type { BannerView } from '@/pages/order/model';
import './index.scss';

const ICONS: Record<BannerView['tone'], string> = { waiting: '¥', ready: '提', done: '✓', closed: '×' };

export function StatusBanner({ view }: { view: BannerView }) {
  return (
    <View className={`status-banner status-banner--${view.tone}`}>
      <View className='status-banner__icon'>
        <Text>{ICONS[view.tone]}</Text>
      </View>
      <View className='status-banner__text'>
        <Text className='status-banner__title' data-testid='order-status'>
          {view.title}
        </Text>
        <Text className='status-banner__subtitle' data-testid='order-status-hint'>
          {view.subtitle}
        </Text>
      </View>
    </View>
  );
}
