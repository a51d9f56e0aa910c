import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveRewardView } from '@contract/live';
import { triggerHint, triggerTitle, WALLET_PAGE } from '@/packages/live/pages/room/model';
import './index.scss';

const openWallet = () => void Taro.navigateTo({ url: WALLET_PAGE });

/** 直播福利: every reward of the session, ✓ on those the member already has (they open the wallet). */
export function RewardList({ rewards }: { rewards: readonly LiveRewardView[] }) {
  if (!rewards.length) return null;
  return (
    <View className='reward-list' data-testid='reward-list'>
      <View className='reward-list__head'>
        <Text className='reward-list__title'>直播福利</Text>
        <Text className='reward-list__wallet' data-testid='reward-wallet' onClick={openWallet}>
          查看券包 ›
        </Text>
      </View>
      {rewards.map((r) => {
        const granted = r.couponId !== null;
        return (
          <View
            key={`${r.trigger}:${r.minutes ?? ''}:${r.templateId}`}
            className={`reward-list__row${granted ? ' reward-list__row--granted' : ''}`}
            data-testid={`reward-${r.trigger}`}
            data-granted={granted ? 'yes' : 'no'}
            onClick={granted ? openWallet : undefined}
          >
            <Text className={`reward-list__trigger reward-list__trigger--${r.trigger}`}>{triggerTitle(r)}</Text>
            <View className='reward-list__text'>
              <Text className='reward-list__name'>{r.name}</Text>
              <Text className='reward-list__summary'>{r.summary}</Text>
            </View>
            {granted ? (
              <Text className='reward-list__done'>✓ 已获得</Text>
            ) : (
              <Text className='reward-list__hint'>{triggerHint(r)}</Text>
            )}
          </View>
        );
      })}
    </View>
  );
}
