import { useEffect, useMemo, useRef, useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatFen } from '@core/money';
import { ErrorState } from '@/components/error-state';
import { PaySheet } from '@/components/pay-sheet';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { SubscribeSheet } from '@/components/subscribe-sheet';
import { useCloud } from '@/hooks/useCloud';
import { cartLines, removeFromCart, syncCartBadge } from '@/services/cart';
import { toast, toastError } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { payOrder } from '@/services/payment';
import { ensureStore } from '@/services/store';
import { askSubscribe } from '@/services/subscribe';
import { CouponSheet } from './components/coupon-sheet';
import { QuoteLine } from './components/quote-line';
import { openOrder, waitUntilPaid, withPayment } from './flow';
import { buyNowItem, couponRowText, failureAdvice, newRequestId, ORDER_NOTICES, paidMemberLabel, pointsOffer, type CouponChoice } from './model';
import './index.scss';
import { currentLiveSession, forgetLiveSession } from '@/services/liveAttribution';

type Stage = 'idle' | 'creating' | 'paying' | 'confirming';

const STAGE_TEXT: Record<Stage, string> = { idle: '提交订单', creating: '提交中…', paying: '支付中…', confirming: '确认支付结果…' };

/** 确认订单: the server's price for every line and why, the points switch, then create and pay. */
export default function Checkout() {
  const params = useRouter().params;
  const buyNow = useMemo(() => buyNowItem(params), [params]);
  const [points, setPoints] = useState(0);
  const [coupon, setCoupon] = useState<CouponChoice>('best');
  const [couponsOpen, setCouponsOpen] = useState(false);
  const [stage, setStage] = useState<Stage>('idle');
  // One requestId per visit: a double tap or a retry after a lost answer is the same order.
  const requestId = useRef(newRequestId());
  const busy = useRef(false);
  // The order (its requestId) the member was last asked about messages for: its retries do not ask again.
  const askedFor = useRef<string | null>(null);

  const { data, error, loading, reload } = useCloud(async () => {
    const store = await ensureStore();
    const items = buyNow ? [buyNow] : cartLines(store.storeId).map(({ skuId, qty }) => ({ skuId, qty }));
    if (!items.length) return { store, items, quote: null };
    const liveSessionId = currentLiveSession();
    const base = { action: 'quote' as const, storeId: store.storeId, items, ...(points > 0 ? { points } : {}), ...(liveSessionId ? { liveSessionId } : {}) };
    let quote = await callCloud('order', { ...base, ...(coupon !== 'best' && coupon !== null ? { couponId: coupon } : {}) });
    // Checkout proposes the coupon that saves most; the member may choose another, or none.
    if (coupon === 'best' && quote.bestCouponId) quote = await callCloud('order', { ...base, couponId: quote.bestCouponId });
    return { store, items, quote, liveSessionId };
  }, [points, coupon]);

  const quote = data?.quote ?? null;

  // A chosen coupon that stopped applying (used elsewhere, expired): fall back to the best one.
  useEffect(() => {
    if (error?.code === 'NOT_ELIGIBLE' && coupon !== 'best' && coupon !== null) {
      toastError(error.message);
      setCoupon('best');
    }
  }, [error, coupon]);
  const nameOf = (skuId: string) => quote?.lines.find((l) => l.skuId === skuId)?.name;

  const togglePoints = () => {
    if (!quote || loading || stage !== 'idle') return;
    setPoints(points > 0 ? 0 : quote.pointsAvailable);
  };

  const settleCart = () => {
    if (buyNow || !data) return;
    // The order now holds these units (paid, or waiting 15 minutes for payment): they leave the cart.
    removeFromCart(data.store.storeId, data.items.map((i) => i.skuId));
    syncCartBadge(data.store.storeId);
  };

  const submit = async () => {
    if (busy.current || !data || !quote || loading) return;
    busy.current = true;
    setStage('creating');
    try {
      // Inside the tap (WeChat opens its consent sheet only there) and before paying: 支付成功 is
      // sent the moment the payment lands. Whatever the answer, the purchase goes on.
      if (askedFor.current !== requestId.current) {
        askedFor.current = requestId.current;
        await askSubscribe(ORDER_NOTICES);
      }
      const created = await withPayment(
        await callCloud('order', {
          action: 'create',
          storeId: data.store.storeId,
          items: data.items,
          ...(quote.couponId ? { couponId: quote.couponId } : {}),
          ...(quote.pointsUsed > 0 ? { points: quote.pointsUsed } : {}),
          ...(data.liveSessionId ? { liveSessionId: data.liveSessionId } : {}),
          requestId: requestId.current,
        }),
      );
      // The order carries the session now; later orders are not the live's.
      forgetLiveSession();
      if (created.status === 'paid') {
        // Nothing to pay: coupons and points covered it all, and the order is complete with its voucher.
        settleCart();
        toast('下单成功，无需支付', 'success');
        openOrder(created.orderId);
        return;
      }
      setStage('paying');
      const result = await payOrder(created);
      settleCart();
      if (result === 'paid') {
        setStage('confirming');
        const status = await waitUntilPaid(created.orderId);
        if (status === 'pending_payment') toast('支付结果确认中，请稍后刷新订单');
        else toast('支付成功', 'success');
        openOrder(created.orderId);
        return;
      }
      await Taro.showModal({
        title: result === 'cancelled' ? '订单待支付' : '支付未成功',
        content: '订单已为你保留 15 分钟，请在订单详情中尽快完成支付，超时将自动取消并释放库存。',
        showCancel: false,
        confirmText: '查看订单',
      });
      openOrder(created.orderId);
    } catch (err) {
      const failure = toCloudCallError(err);
      const advice = failureAdvice(failure.code, failure.message, failure.details, nameOf);
      if (advice.definitive) requestId.current = newRequestId();
      setStage('idle');
      busy.current = false;
      if (advice.quiet) toastError(advice.message);
      else await Taro.showModal({ title: advice.title, content: advice.message, showCancel: false, confirmText: '知道了' });
      if (advice.dropCoupon && coupon !== 'best') setCoupon('best');
      else if (advice.dropPoints && points > 0) setPoints(0);
      else if (advice.requote) void reload();
    }
  };

  let body: JSX.Element;
  if (data && quote) {
    const offer = pointsOffer(quote, points > 0);
    body = (
      <View className='checkout__content'>
        <View className='checkout__card checkout__pickup'>
          <View className='checkout__pickup-head'>
            <Text className='checkout__pickup-tag'>到店自提</Text>
            <Text className='checkout__pickup-name' id='checkout-store'>
              {data.store.name}
            </Text>
          </View>
          <Text className='checkout__pickup-address'>{data.store.address}</Text>
          <Text className='checkout__pickup-note'>
            支付成功后生成取货码，{data.store.hours ? `请在营业时间 ${data.store.hours} ` : ''}到店出示取货码自提。
          </Text>
        </View>

        <View className='checkout__card'>
          <Text className='checkout__section'>商品明细</Text>
          {quote.lines.map((line, i) => (
            <QuoteLine key={`${line.skuId}-${line.priceSource}-${i}`} line={line} />
          ))}
        </View>

        <View className='checkout__card checkout__summary'>
          <View className='checkout__row'>
            <Text className='checkout__row-label'>商品小计</Text>
            <Text className='checkout__row-value' id='checkout-subtotal'>
              {formatFen(quote.subtotalFen)}
            </Text>
          </View>
          {quote.paidMemberPercent !== null && quote.paidMemberDiscountFen > 0 ? (
            <View className='checkout__row checkout__discount' id='checkout-paid-discount'>
              <Text className='checkout__row-label checkout__discount-label'>{paidMemberLabel(quote.paidMemberPercent, quote.paidMemberFriday)}</Text>
              <Text className='checkout__row-value checkout__row-value--minus'>{formatFen(-quote.paidMemberDiscountFen)}</Text>
            </View>
          ) : null}
          <View
            className={`checkout__row checkout__coupon${quote.coupons.length ? '' : ' checkout__coupon--empty'}`}
            id='checkout-coupon'
            onClick={() => quote.coupons.length > 0 && stage === 'idle' && setCouponsOpen(true)}
          >
            <View className='checkout__coupon-label'>
              <Text className='checkout__row-label'>优惠券</Text>
              {quote.couponId ? <Text className='checkout__coupon-name'>{quote.coupons.find((c) => c.couponId === quote.couponId)?.name ?? ''}</Text> : null}
            </View>
            <Text className={`checkout__row-value${quote.couponDiscountFen > 0 ? ' checkout__row-value--minus' : ' checkout__row-value--hint'}`}>
              {couponRowText(quote)}
              {quote.coupons.length ? ' ›' : ''}
            </Text>
          </View>
          <View className={`checkout__points${offer.usable ? '' : ' checkout__points--off'}`} onClick={offer.usable ? togglePoints : undefined}>
            <View className='checkout__points-text'>
              <Text className='checkout__row-label'>积分抵扣</Text>
              <Text className='checkout__points-offer' id='checkout-points-offer'>
                {offer.text}
              </Text>
            </View>
            <View className={`checkout__switch${offer.on ? ' checkout__switch--on' : ''}${offer.usable ? '' : ' checkout__switch--disabled'}`} data-testid='points-switch'>
              <View className='checkout__switch-knob' />
            </View>
          </View>
          {quote.pointsDiscountFen > 0 ? (
            <View className='checkout__row'>
              <Text className='checkout__row-label'>积分抵扣</Text>
              <Text className='checkout__row-value checkout__row-value--minus'>{formatFen(-quote.pointsDiscountFen)}</Text>
            </View>
          ) : null}
          <View className='checkout__row checkout__row--total'>
            <Text className='checkout__row-label'>实付款</Text>
            <Text className='checkout__row-value checkout__total' id='checkout-total'>
              {formatFen(quote.payableFen)}
            </Text>
          </View>
        </View>
        <Text className='checkout__fine'>价格以提交订单时为准；未支付订单保留 15 分钟，超时自动取消。</Text>
      </View>
    );
  } else if (data) {
    body = (
      <View className='checkout__empty' id='checkout-empty'>
        <Text className='checkout__empty-title'>没有要结算的商品</Text>
        <View className='checkout__empty-action' onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
          <Text>去逛逛</Text>
        </View>
      </View>
    );
  } else if (error) {
    body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  } else {
    body = (
      <View className='checkout__skeleton' id='checkout-skeleton'>
        <View className='checkout__bone checkout__bone--short' />
        <View className='checkout__bone checkout__bone--tall' />
        <View className='checkout__bone' />
      </View>
    );
  }

  const saved = quote ? quote.listTotalFen - quote.payableFen : 0;
  const canSubmit = !!quote && !loading && stage === 'idle';
  return (
    <View className='checkout'>
      <ScrollView className='checkout__scroll' scrollY>
        <View className='checkout__body'>{body}</View>
      </ScrollView>
      {quote && (
        <View className='checkout__bar'>
          <View className='checkout__bar-total'>
            <View className='checkout__bar-line'>
              <Text className='checkout__bar-label'>实付</Text>
              <Text className='checkout__payable' id='checkout-payable'>
                {formatFen(quote.payableFen)}
              </Text>
            </View>
            {saved > 0 ? <Text className='checkout__saved'>共省 {formatFen(saved)}</Text> : null}
          </View>
          <View className={`checkout__submit${canSubmit ? '' : ' checkout__submit--busy'}`} id='checkout-submit' onClick={() => void submit()}>
            <Text>{loading && stage === 'idle' ? '计算中…' : STAGE_TEXT[stage]}</Text>
          </View>
        </View>
      )}
      {couponsOpen && quote && (
        <CouponSheet
          coupons={quote.coupons}
          selectedId={quote.couponId}
          nameOf={nameOf}
          onClose={() => setCouponsOpen(false)}
          onSelect={(couponId) => {
            setCouponsOpen(false);
            setCoupon(couponId);
          }}
        />
      )}
      <SubscribeSheet />
      <PaySheet />
      <PersonaSwitcher />
    </View>
  );
}
