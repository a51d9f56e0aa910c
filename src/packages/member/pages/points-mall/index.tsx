import { useEffect, useState } from 'react';
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

/** Points are spent for good: the member confirms the exact cost and coupon first. */
async function confirmExchange(offer: OfferView & { pointsCost: number }): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '确认兑换',
    content: `确认使用 ${offer.pointsCost} 积分兑换「${offer.name}」？`,
    confirmText: '兑换',
    confirmColor: '#f5484d',
  });
  return confirm;
}

function MallAction({ offer, points, busy, onExchange }: { offer: OfferView; points: number; busy: boolean; onExchange: (offer: OfferView) => void }) {
  // The server has the last word (it checks the balance again); this only spares a pointless tap.
  const blocked = offer.blockedReason ?? (offer.pointsCost !== null && points < offer.pointsCost ? '积分不足' : null);
  return (
    <View className='points-mall__action'>
      <Text className='points-mall__cost' data-testid='offer-cost'>
        {offer.pointsCost} 积分
      </Text>
      {blocked ? (
        <Button className='coupon-action coupon-action--disabled' data-testid='offer-blocked' disabled>
          {blocked}
        </Button>
      ) : (
        <Button className='coupon-action' data-testid='offer-exchange' {...(busy ? { loading: true, disabled: true } : {})} onClick={() => onExchange(offer)}>
          兑换
        </Button>
      )}
    </View>
  );
}

function MallSkeleton() {
  return (
    <View className='points-mall__list'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='points-mall__skeleton' />
      ))}
    </View>
  );
}

/** 积分商城: coupons bought with points (stock and per-member limits apply), after a confirmation. */
export default function PointsMallPage() {
  const { data, error, loading, reload } = useCloud(() => callCloud('coupon', { action: 'mall' }), []);
  const [exchanging, setExchanging] = useState<string | null>(null);
  // The balance the last exchange answered, until the next load brings the same number.
  const [pointsLeft, setPointsLeft] = useState<number | null>(null);
  const points = pointsLeft ?? data?.points ?? null;


  useFreshOnShow(reload);

  useRefreshErrorToast(error, data);

  useEffect(() => {
    setPointsLeft(null); // a fresh load's balance is the truth again
  }, [data]);

  const exchange = async (offer: OfferView) => {
    if (exchanging || offer.pointsCost === null) return;
    if (!(await confirmExchange({ ...offer, pointsCost: offer.pointsCost }))) return;
    setExchanging(offer.templateId);
    const exchanged = await runAction(() => callCloud('coupon', { action: 'exchange', templateId: offer.templateId }), {
      success: (coupon) => `兑换成功，剩余 ${coupon.pointsLeft} 积分`,
    });
    if (exchanged.ok) setPointsLeft(exchanged.data.pointsLeft);
    setExchanging(null);
    void reload();
  };

  const nameOf = useProductNames(data?.offers.map((o) => o.appliesTo) ?? []);
  let body: JSX.Element;
  if (data && data.offers.length === 0) {
    body = (
      <View className='points-mall__empty' data-testid='mall-empty'>
        <Text className='points-mall__empty-text'>暂无可兑换的券，下单攒积分吧</Text>
      </View>
    );
  } else if (data) {
    body = (
      <View className='points-mall__list'>
        {data.offers.map((offer) => (
          <CouponCard
            key={offer.templateId}
            view={offerCardView(offer, nameOf)}
            footnote={stockText(offer.remaining)}
            action={<MallAction offer={offer} points={points ?? 0} busy={exchanging === offer.templateId} onExchange={(o) => void exchange(o)} />}
          />
        ))}
      </View>
    );
  } else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <MallSkeleton />;

  return (
    <View className='points-mall'>
      <View className='points-mall__hero'>
        <Text className='points-mall__label'>我的积分</Text>
        <Text className='points-mall__balance' id='mall-points' data-testid='mall-points'>
          {points ?? '--'}
        </Text>
        <Text className='points-mall__hint'>实付 ¥1 得 1 积分 · 兑换后积分不退回</Text>
        <View className='points-mall__wallet' onClick={() => void Taro.navigateTo({ url: WALLET })}>
          <Text>我的券包 ›</Text>
        </View>
      </View>
      <View className='points-mall__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
