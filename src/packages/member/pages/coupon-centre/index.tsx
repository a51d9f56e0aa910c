import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OfferView } from '@contract/coupon';
import { CouponCard, offerCardView, stockText, useProductNames } from '@/components/coupon-card';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { runAction } from '@/services/action';
import { callCloud } from '@/services/cloud';
import './index.scss';
import { useFreshOnShow } from '@/hooks/useFreshOnShow';

const WALLET = '/pages/coupons/index';
const POINTS_MALL = '/packages/member/pages/points-mall/index';

function OfferAction({ offer, busy, onClaim }: { offer: OfferView; busy: boolean; onClaim: (offer: OfferView) => void }) {
  if (offer.blockedReason) {
    return (
      <Button className='coupon-action coupon-action--disabled' data-testid='offer-blocked' disabled>
        {offer.blockedReason}
      </Button>
    );
  }
  return (
    <Button className='coupon-action' data-testid='offer-claim' {...(busy ? { loading: true, disabled: true } : {})} onClick={() => onClaim(offer)}>
      立即领取
    </Button>
  );
}

function CentreSkeleton() {
  return (
    <View className='coupon-centre__list'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='coupon-centre__skeleton' />
      ))}
    </View>
  );
}

/** 领券中心: coupons any member may take for free, with the stock left and why one cannot be taken. */
export default function CouponCentrePage() {
  const { data, error, loading, reload } = useCloud(() => callCloud('coupon', { action: 'centre' }), []);
  const [claiming, setClaiming] = useState<string | null>(null);


  useFreshOnShow(reload);

  useRefreshErrorToast(error, data);

  const claim = async (offer: OfferView) => {
    if (claiming) return; // one claim at a time; the server is idempotent per limit anyway
    setClaiming(offer.templateId);
    // A refusal says the server's words: SOLD_OUT (券已抢光), LIMIT_REACHED (已达领取上限), NOT_ELIGIBLE (…仅限指定会员领取).
    await runAction(() => callCloud('coupon', { action: 'claim', templateId: offer.templateId }), { success: (coupon) => `已领取 ${coupon.name}` });
    setClaiming(null);
    // Stock and what the member holds have moved either way.
    void reload();
  };

  const nameOf = useProductNames(data?.offers.map((o) => o.appliesTo) ?? []);
  let body: JSX.Element;
  if (data && data.offers.length === 0) {
    body = (
      <View className='coupon-centre__empty' data-testid='centre-empty'>
        <Text className='coupon-centre__empty-text'>好券正在路上，晚点再来看看</Text>
        <Button className='coupon-centre__empty-cta' onClick={() => void Taro.navigateTo({ url: POINTS_MALL })}>
          去积分商城
        </Button>
      </View>
    );
  } else if (data) {
    body = (
      <View className='coupon-centre__list'>
        {data.offers.map((offer) => (
          <CouponCard
            key={offer.templateId}
            view={offerCardView(offer, nameOf)}
            footnote={offer.claimedByMe > 0 ? `${stockText(offer.remaining)} · 已领 ${offer.claimedByMe} 张` : stockText(offer.remaining)}
            action={<OfferAction offer={offer} busy={claiming === offer.templateId} onClaim={(o) => void claim(o)} />}
          />
        ))}
      </View>
    );
  } else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <CentreSkeleton />;

  return (
    <View className='coupon-centre'>
      <View className='coupon-centre__hero'>
        <Text className='coupon-centre__title'>领券中心</Text>
        <Text className='coupon-centre__subtitle'>先领券 再下单 · 结算自动用最省的一张</Text>
        <View className='coupon-centre__wallet' data-testid='centre-wallet' onClick={() => void Taro.navigateTo({ url: WALLET })}>
          <Text>我的券包 ›</Text>
        </View>
      </View>
      <View className='coupon-centre__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
