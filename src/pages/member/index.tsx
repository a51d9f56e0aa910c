import { useCallback, useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { StaffResponses } from '@contract/staff';
import type { MemberProfile } from '@contract/member';
import { BenefitList } from '@/components/benefit-list';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { SubscribeSheet } from '@/components/subscribe-sheet';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { callCloud } from '@/services/cloud';
import { BirthdayRow } from './components/birthday-row';
import { MemberEntries } from './components/member-entries';
import { MemberShortcuts } from './components/member-shortcuts';
import { MemberSkeleton } from './components/member-skeleton';
import { NoticeRow } from './components/notice-row';
import { PaidCard } from './components/paid-card';
import { PriorityService } from './components/priority-service';
import { ProfileHead } from './components/profile-head';
import { TierCard } from './components/tier-card';
import { hasPriorityService, ledgerUrl, MEMBERSHIP_URL, paidCardView, tierCardView, WALLET_URL } from './model';
import './index.scss';

type StaffMe = StaffResponses['me'];

const open = (url: string) => () => void Taro.navigateTo({ url });

interface MemberContentProps {
  profile: MemberProfile;
  staff: StaffMe;
  /** The profile changed on the server (the birthday was set, reminders allowed): ask again; resolves when it is in. */
  onChanged: () => Promise<void>;
}

function MemberContent({ profile, staff, onChanged }: MemberContentProps) {
  return (
    <View className='member-center__content'>
      <TierCard view={tierCardView(profile)} onOpenGrowth={open(ledgerUrl('growth'))} />

      {/* 果粒值 is the tier card's own figure; beside the points stands what the wallet holds. */}
      <View className='member-center__assets'>
        <View className='member-center__asset' data-testid='asset-points-open' onClick={open(ledgerUrl('points'))}>
          <Text className='member-center__asset-value' id='asset-points'>
            {profile.points}
          </Text>
          <Text className='member-center__asset-label'>积分 ›</Text>
        </View>
        <View className='member-center__asset member-center__asset--coupons' data-testid='asset-coupons-open' onClick={open(WALLET_URL)}>
          <Text className='member-center__asset-value' id='asset-coupons'>
            {profile.couponCount}
          </Text>
          <Text className='member-center__asset-label'>优惠券 ›</Text>
        </View>
      </View>

      <PaidCard view={paidCardView(profile)} onOpen={open(MEMBERSHIP_URL)} />

      {hasPriorityService(profile) && <PriorityService />}

      <MemberShortcuts />

      <MemberEntries staff={staff} />

      <BenefitList key={profile.tier} currentTier={profile.tier} />

      <NoticeRow subscriptions={profile.subscriptions} onChanged={onChanged} />

      <BirthdayRow birthday={profile.birthday} onSaved={() => void onChanged()} />

      <View className='member-center__rules'>
        <Text className='member-center__rules-title'>果粒值说明</Text>
        <Text className='member-center__rules-text'>每笔订单实付 ¥1 得 1 果粒值，支付成功后到账；果粒值决定会员等级，等级有效期内累计达标即可保级，到期按等级扣减果粒值后重新评定。</Text>
      </View>
    </View>
  );
}

export default function MemberCenter() {
  const profile = useCloud(() => callCloud('member', { action: 'profile' }), []);
  const { data, error, loading, reload } = profile;
  const [staff, setStaff] = useState<StaffMe>(null);

  // The 店员工作台 entry is secondary to the profile: staff.me is asked once the first profile answer is
  // in (if it was good) and on every later show; an error keeps the entry as it was.
  const checkStaff = useCallback(() => {
    callCloud('staff', { action: 'me' }).then(setStaff, () => undefined);
  }, []);
  const firstAnswer = useRef<'pending' | 'ok' | 'failed'>('pending');
  useEffect(() => {
    if (firstAnswer.current !== 'pending' || loading) return;
    firstAnswer.current = data ? 'ok' : 'failed';
    if (data) checkStaff();
  }, [loading, data, checkStaff]);

  // Back from paying or from an order: growth, tier and points may have moved. The first show is the mount's own load.
  useDidShow(() => {
    if (firstAnswer.current === 'pending') return;
    void reload();
    checkStaff();
  });

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  // A failed refresh keeps the card on screen and only says so.
  useRefreshErrorToast(error, data);

  let body: JSX.Element;
  if (data) body = <MemberContent profile={data} staff={staff} onChanged={reload} />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <MemberSkeleton />;

  return (
    <View className='member-center'>
      <View className='member-center__hero'>
        <Text className='member-center__brand'>果粒鲜选 · 会员中心</Text>
        {data ? <ProfileHead profile={data} onChanged={reload} /> : <Text className='member-center__title'>会员中心</Text>}
      </View>
      <View className='member-center__body'>{body}</View>
      <SubscribeSheet />
      <PersonaSwitcher />
    </View>
  );
}
