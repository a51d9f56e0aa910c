import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { MembershipStatus, PlanView } from '@contract/membership';
import type { PaidPlan } from '@contract/vocabulary';
import { ErrorState } from '@/components/error-state';
import { PaySheet } from '@/components/pay-sheet';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { runAction, toast, withLoading } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { payOrder } from '@/services/payment';
import { formatShanghaiDate } from '@/utils/date';
import { CardHero } from './components/card-hero';
import { GuaranteeMeter } from './components/guarantee-meter';
import { MembershipSkeleton } from './components/membership-skeleton';
import { PackClaims } from './components/pack-claims';
import { PlanCard } from './components/plan-card';
import {
  CARD_POLL_DELAYS_MS,
  cardArrived,
  cardView,
  guaranteeView,
  IDLE_PACK,
  newRequestId,
  packNeedsPremium,
  planCardView,
  PREMIUM_ONLY_PACK,
  successLabel,
  type Card,
  type PackKey,
  type PackState,
  type PlanCardView,
} from './model';
import './index.scss';

interface MembershipData {
  plans: PlanView[];
  status: MembershipStatus;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const ALREADY_CLAIMED: Record<PackKey, string> = { monthly: '本月券包已领取，下月再来', weekly: '本周惊喜礼已领取' };

async function loadMembership(): Promise<MembershipData> {
  const [plans, status] = await Promise.all([callCloud('membership', { action: 'plans' }), callCloud('membership', { action: 'status' })]);
  return { plans, status };
}

/**
 * The payment callback, not the pay sheet, activates the card: look at `membership.status` until the
 * card shows (about 5 s at most). Answers the card, or null if it has not arrived yet.
 */
async function waitForCard(plan: PaidPlan, before: Card | null): Promise<Card | null> {
  for (const delayMs of [0, ...CARD_POLL_DELAYS_MS]) {
    if (delayMs) await sleep(delayMs);
    try {
      const { card } = await callCloud('membership', { action: 'status' });
      if (cardArrived(card, plan, before)) return card;
    } catch {
      // one failed look is one fewer look; the page reloads afterwards anyway
    }
  }
  return null;
}

/** 心享会员: the member's card (开卡保本, coupon packs) and the plans to buy, renew or upgrade. */
export default function MembershipPage() {
  const { data, error, loading, reload } = useCloud(loadMembership, []);
  // One requestId per plan per visit: a double tap, or paying again after closing the sheet, is the same purchase.
  const requestIds = useRef<Partial<Record<PaidPlan, string>>>({});
  const buyingRef = useRef(false);
  const [buying, setBuying] = useState<PaidPlan | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [packs, setPacks] = useState<Record<PackKey, PackState>>({ monthly: IDLE_PACK, weekly: IDLE_PACK });
  const claiming = useRef<Set<PackKey>>(new Set());

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  // A failed refresh keeps the page and only says so.
  useRefreshErrorToast(error, data);

  const setPack = (key: PackKey, state: PackState) => setPacks((p) => ({ ...p, [key]: state }));

  /** What a pack shows: this visit's claim, else what the server says about this month / week. */
  const packState = (key: PackKey): PackState => {
    const local = packs[key];
    if (data && local.status === 'idle' && packNeedsPremium(key, data.status.card?.plan)) return PREMIUM_ONLY_PACK;
    if (local.status !== 'idle' || !data) return local;
    const claimed = key === 'monthly' ? data.status.monthlyPackClaimed : data.status.weeklyGiftClaimed;
    return claimed ? { ...local, status: 'claimed' } : local;
  };

  const claim = async (key: PackKey) => {
    const current = packState(key);
    if (current.status === 'claimed') return toast(ALREADY_CLAIMED[key]);
    // 轻享卡: the weekly gift is 尊享卡's; 升级 takes the member to the premium card's upgrade.
    if (current.status === 'premium_only') {
      if (typeof Taro.pageScrollTo === 'function') void Promise.resolve(Taro.pageScrollTo({ selector: '#plan-premium', duration: 300 })).catch(() => undefined);
      return toast('升级尊享卡，每周可领惊喜礼');
    }
    if (current.status === 'unavailable') return toast(current.message ?? '暂不可领取');
    if (claiming.current.has(key)) return;
    claiming.current.add(key);
    setPack(key, { ...IDLE_PACK, status: 'claiming' });
    const claimed = await runAction(() => callCloud('membership', { action: key === 'monthly' ? 'claimMonthlyPack' : 'claimWeeklyGift' }), {
      success: ({ coupons }) => `领取成功，${coupons.length} 张券已到账`,
    });
    if (claimed.ok) setPack(key, { status: 'claimed', coupons: claimed.data.coupons, message: null });
    // LIMIT_REACHED: claimed already (another tap, another device): the same as claimed.
    else if (claimed.error.code === 'LIMIT_REACHED') setPack(key, { status: 'claimed', coupons: [], message: null });
    else if (claimed.error.code === 'NOT_ELIGIBLE' || claimed.error.code === 'SOLD_OUT') setPack(key, { status: 'unavailable', coupons: [], message: claimed.error.message });
    else setPack(key, IDLE_PACK);
    claiming.current.delete(key);
  };

  const buy = async (view: PlanCardView) => {
    const { action } = view;
    if (action.kind === 'blocked') return toast(action.note);
    if (buyingRef.current || !data) return;
    buyingRef.current = true;
    setBuying(view.plan);
    const before = data.status.card;
    const requestId = requestIds.current[view.plan] ?? newRequestId();
    requestIds.current[view.plan] = requestId;
    try {
      const created = await callCloud('membership', { action: 'purchase', plan: view.plan, requestId });
      const result = await payOrder(created);
      if (result !== 'paid') {
        toast(result === 'cancelled' ? '已取消支付' : '支付未成功，请重试');
        return;
      }
      const card = await withLoading('确认支付结果…', () => waitForCard(view.plan, before));
      // Paid: the next purchase (a renewal, say) is a new one.
      delete requestIds.current[view.plan];
      if (card) {
        setSuccess(`${view.name}${successLabel(action.kind)}，有效期至 ${formatShanghaiDate(card.expiresAt)}`);
        toast(successLabel(action.kind), 'success');
      } else {
        toast('支付结果确认中，请稍后下拉刷新');
      }
      await reload();
    } catch (err) {
      const failure = toCloudCallError(err);
      // Refused outright (the card changed meanwhile): nothing was made, so the next tap is a new purchase.
      if (failure.code === 'NOT_ELIGIBLE' || failure.code === 'INVALID_ARGUMENT') delete requestIds.current[view.plan];
      await Taro.showModal({ title: '未能购买', content: failure.message, showCancel: false, confirmText: '知道了' });
      if (failure.code === 'NOT_ELIGIBLE') void reload();
    } finally {
      buyingRef.current = false;
      setBuying(null);
    }
  };

  let body: JSX.Element;
  if (data) {
    const { card } = data.status;
    const plans = data.plans.map((p) => planCardView(p, card));
    body = (
      <View className='membership__content'>
        <CardHero card={card ? cardView(card, data.plans) : null} />
        {success && (
          <View className='membership__success' id='membership-success'>
            <Text className='membership__success-icon'>✓</Text>
            <Text className='membership__success-text'>{success}</Text>
          </View>
        )}
        {card?.term && <GuaranteeMeter view={guaranteeView(card.term)} />}
        {card && <PackClaims packs={{ monthly: packState('monthly'), weekly: packState('weekly') }} onClaim={(key) => void claim(key)} />}
        <Text className='membership__section-title'>{card ? '续费 / 升级' : '选择心享卡'}</Text>
        {plans.map((view) => (
          <PlanCard key={view.plan} view={view} busy={buying === view.plan} locked={buying !== null && buying !== view.plan} onBuy={() => void buy(view)} />
        ))}
        <View className='membership__rules'>
          <Text className='membership__rules-title'>心享会员说明</Text>
          <Text className='membership__rules-text'>
            心享折扣在会员价基础上再打折（折上折），部分商品除外；续费自当前到期日起顺延一年；轻享升级尊享按未使用天数折算抵扣，升级后重新计算一年；开卡保本：每个会员年度结束时，若省下的金额不足所付年费，差额以无门槛券返还。
          </Text>
        </View>
      </View>
    );
  } else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <MembershipSkeleton />;

  return (
    <View className='membership'>
      {body}
      <PaySheet />
      <PersonaSwitcher />
    </View>
  );
}
