import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

interface Shortcut {
  key: 'coupons' | 'centre' | 'mall' | 'live';
  title: string;
  glyph: string;
  url: string;
}

const SHORTCUTS: readonly Shortcut[] = [
  { key: 'coupons', title: '我的优惠券', glyph: '券', url: '/pages/coupons/index' },
  { key: 'centre', title: '领券中心', glyph: '领', url: '/packages/member/pages/coupon-centre/index' },
  { key: 'mall', title: '积分商城', glyph: '积', url: '/packages/member/pages/points-mall/index' },
  // The live room is in the `packages/live` subpackage: navigateTo loads it on first use.
  { key: 'live', title: '直播间', glyph: '播', url: '/packages/live/pages/room/index' },
];

/** 我的服务: the coupon wallet, the claim centre, the points mall and the live room, one tap each. */
export function MemberShortcuts() {
  return (
    <View className='member-shortcuts'>
      <Text className='member-shortcuts__title'>我的服务</Text>
      <View className='member-shortcuts__grid'>
        {SHORTCUTS.map((s) => (
          <View
            key={s.key}
            className={`member-shortcuts__item member-shortcuts__item--${s.key}`}
            data-testid={`entry-${s.key}`}
            onClick={() => void Taro.navigateTo({ url: s.url })}
          >
            <View className={`member-shortcuts__icon member-shortcuts__icon--${s.key}`}>
              <Text>{s.glyph}</Text>
            </View>
            <Text className='member-shortcuts__label'>{s.title}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
