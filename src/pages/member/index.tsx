import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { MemberProfile } from '../../../core/member';
import { ErrorState } from '../../components/error-state';
import { PersonaSwitcher } from '../../components/persona-switcher';
import { useCloud } from '../../hooks/useCloud';
import { callCloud } from '../../services/cloud';
import { MemberSkeleton } from './components/member-skeleton';
import { PaidCard } from './components/paid-card';
import { TierCard } from './components/tier-card';
import { paidCardView, tierCardView } from './model';
import './index.scss';

function MemberContent({ profile }: { profile: MemberProfile }) {
  return (
    <View className='member-center__content'>
      <TierCard view={tierCardView(profile)} />

      <View className='member-center__assets'>
        <View className='member-center__asset'>
          <Text className='member-center__asset-value' id='asset-points'>
            {profile.points}
          </Text>
          <Text className='member-center__asset-label'>积分</Text>
        </View>
        <View className='member-center__asset'>
          <Text className='member-center__asset-value' id='asset-growth'>
            {profile.growth}
          </Text>
          <Text className='member-center__asset-label'>果粒值</Text>
        </View>
      </View>

      <PaidCard view={paidCardView(profile)} />

      <View className='member-center__rules'>
        <Text className='member-center__rules-title'>果粒值说明</Text>
        <Text className='member-center__rules-text'>每笔订单实付 ¥1 得 1 果粒值，支付成功后到账；果粒值决定会员等级，等级有效期内累计达标即可保级。</Text>
      </View>
    </View>
  );
}

export default function MemberCenter() {
  const profile = useCloud(() => callCloud('member', { action: 'profile' }), []);
  const { data, error, loading, reload } = profile;

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  // A failed refresh keeps the card on screen and only says so.
  useEffect(() => {
    if (error && data) void Taro.showToast({ title: error.message, icon: 'none' });
  }, [error, data]);

  let body: JSX.Element;
  if (data) body = <MemberContent profile={data} />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <MemberSkeleton />;

  return (
    <View className='member-center'>
      <View className='member-center__hero'>
        <Text className='member-center__brand'>果粒鲜选</Text>
        <Text className='member-center__title'>会员中心</Text>
      </View>
      <View className='member-center__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
