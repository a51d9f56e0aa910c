import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { couponLine, PACKS, type PackKey, type PackState } from '@/packages/member/pages/membership/model';
import './index.scss';

const WALLET_URL = '/pages/coupons/index';

interface PackClaimsProps {
  packs: Record<PackKey, PackState>;
  onClaim: (key: PackKey) => void;
}

function buttonLabel(state: PackState): string {
  if (state.status === 'claiming') return '领取中…';
  if (state.status === 'claimed') return '已领取';
  if (state.status === 'unavailable') return '暂不可领';
  if (state.status === 'premium_only') return '升级';
  return '领取';
}

/** 本月券包 and 每周惊喜礼: claim buttons, and what this visit's claims put in the wallet. */
export function PackClaims({ packs, onClaim }: PackClaimsProps) {
  const received = PACKS.flatMap((p) => packs[p.key].coupons);
  return (
    <View className='pack-claims' id='pack-claims'>
      <Text className='pack-claims__title'>会员福利</Text>
      <View className='pack-claims__tiles'>
        {PACKS.map((pack) => {
          const state = packs[pack.key];
          const open = state.status === 'idle' || state.status === 'premium_only';
          return (
            <View key={pack.key} className={`pack-claims__tile pack-claims__tile--${state.status}`} data-testid={`pack-${pack.key}`}>
              <Text className='pack-claims__name'>{pack.title}</Text>
              <Text className='pack-claims__hint'>{state.message ?? pack.hint}</Text>
              <Button
                className={`pack-claims__button${open ? '' : ' pack-claims__button--done'}`}
                data-testid={`pack-${pack.key}-claim`}
                data-status={state.status}
                onClick={() => onClaim(pack.key)}
              >
                {buttonLabel(state)}
              </Button>
            </View>
          );
        })}
      </View>
      {received.length > 0 && (
        <View className='pack-claims__received' id='pack-received'>
          <View className='pack-claims__received-head'>
            <Text className='pack-claims__received-title'>已放入我的优惠券</Text>
            <Text className='pack-claims__received-link' onClick={() => void Taro.navigateTo({ url: WALLET_URL })}>
              去查看 ›
            </Text>
          </View>
          {received.map((c) => (
            <Text key={c.couponId} className='pack-claims__coupon' data-testid='pack-coupon'>
              {couponLine(c)}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}
