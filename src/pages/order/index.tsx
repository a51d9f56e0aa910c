import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { OrderResponses, OrderView } from '@contract/order';
import { formatFen } from '@core/money';
import { ErrorState } from '@/components/error-state';
import { canReorder, reorder } from '@/components/order-card';
import { PaySheet } from '@/components/pay-sheet';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { runAction, toast, type ActionOptions, type ToastText } from '@/services/action';
import { callCloud, CloudCallError } from '@/services/cloud';
import { payOrder, type PayResult } from '@/services/payment';
import { OrderGoods } from './components/order-goods';
import { OrderRefunds } from './components/order-refunds';
import { OrderSkeleton } from './components/order-skeleton';
import { OrderTimeline } from './components/order-timeline';
import { RefundSheet } from './components/refund-sheet';
import { StatusBanner } from './components/status-banner';
import { VoucherCard } from './components/voucher-card';
import { bannerView } from './model';
import { useInterval, usePageVisibility } from './useOrderTimers';
import './index.scss';

/** While the voucher is on screen, look for the pickup now and then, so the counter sees it flip to 已完成. */
const PICKUP_POLL_MS = 10_000;
/** After WeChat Pay says paid, the payment callback marks the order: ask a few times before giving up. */
const PAID_CHECKS = 6;
const PAID_CHECK_GAP_MS = 800;

type Busy = 'pay' | 'cancel' | null;

/** What the member hears after the pay sheet closes (and, when paid, the order has been seen paid). */
const PAY_TOASTS: Record<PayResult, ToastText> = {
  paid: { title: '支付成功', icon: 'success' },
  cancelled: '已取消支付',
  failed: '支付未完成，请重试',
};

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

async function confirmDialog(title: string, content: string, confirmText: string): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#e5484d' });
  return res.confirm;
}

/** 复制 the order number (WeChat and the preview say 内容已复制 themselves). */
function copyOrderNumber(orderId: string) {
  void runAction(() => Taro.setClipboardData({ data: orderId }), { error: () => '复制失败，请长按订单编号复制' });
}

function fetchOrder(orderId: string): Promise<OrderView> {
  if (!orderId) return Promise.reject(new CloudCallError('NOT_FOUND', '订单不存在'));
  return callCloud('order', { action: 'detail', orderId });
}

/** 申请退款 while something is left to refund and the order may still be refunded (before pickup, or 7 days after). */
function AfterSales({ order, busy, onRefund }: { order: OrderView; busy: Busy; onRefund: () => void }) {
  if (!order.refundable) return null;
  const beforePickup = order.status === 'paid';
  return (
    <View className='order-detail__card order-detail__after-sales'>
      <View className='order-detail__after-sales-text'>
        <Text className='order-detail__after-sales-title'>{beforePickup ? '不想要了？' : '商品有问题？'}</Text>
        <Text className='order-detail__after-sales-hint'>{beforePickup ? '未提货可全部或部分退款，款项原路退回' : '提货后 7 天内支持三无退货，可按件退款'}</Text>
      </View>
      <Button className='order-detail__ghost-button order-detail__refund-button' data-testid='order-refund' onClick={onRefund} {...(busy ? { disabled: true } : {})}>
        申请退款
      </Button>
    </View>
  );
}

function OrderContent({ order, nowMs, busy, onPay, onCancel, onRefund }: {
  order: OrderView;
  nowMs: number;
  busy: Busy;
  onPay: () => void;
  onCancel: () => void;
  onRefund: () => void;
}) {
  const expired = order.status === 'pending_payment' && (!order.expiresAt || Date.parse(order.expiresAt) <= nowMs);
  return (
    <View className='order-detail__content'>
      <StatusBanner view={bannerView(order, nowMs)} />
      <View className='order-detail__cards'>
        {order.status === 'pending_payment' && (
          <View className='order-detail__card order-detail__pay'>
            <View className='order-detail__pay-amount'>
              <Text className='order-detail__pay-label'>应付金额</Text>
              <Text className='order-detail__pay-value'>{formatFen(order.payableFen)}</Text>
            </View>
            <View className='order-detail__pay-buttons'>
              <Button className='order-detail__ghost-button' data-testid='order-cancel' onClick={onCancel} {...(busy ? { disabled: true } : {})}>
                取消订单
              </Button>
              <Button
                className='order-detail__primary-button'
                data-testid='order-pay'
                onClick={onPay}
                {...(busy === 'pay' ? { loading: true, disabled: true } : busy || expired ? { disabled: true } : {})}
              >
                {expired ? '已超时' : '去支付'}
              </Button>
            </View>
          </View>
        )}

        {order.status === 'paid' && order.voucher && <VoucherCard voucher={order.voucher} storeName={order.storeName} />}

        {order.status !== 'paid' && (
          <View className='order-detail__card order-detail__store'>
            <Text className='order-detail__store-tag'>自提门店</Text>
            <Text className='order-detail__store-name'>{order.storeName}</Text>
          </View>
        )}

        <OrderGoods order={order} />

        <OrderRefunds order={order} />

        <View className='order-detail__card order-detail__info'>
          <View className='order-detail__info-row'>
            <Text className='order-detail__info-label'>订单编号</Text>
            <View className='order-detail__info-value'>
              <Text className='order-detail__order-id' data-testid='order-number'>
                {order.orderId}
              </Text>
              <Text className='order-detail__copy' data-testid='order-copy' onClick={() => copyOrderNumber(order.orderId)}>
                复制
              </Text>
            </View>
          </View>
        </View>

        <OrderTimeline order={order} />

        <AfterSales order={order} busy={busy} onRefund={onRefund} />

        {canReorder(order) && (
          <View className='order-detail__card order-detail__reorder'>
            <Text className='order-detail__reorder-text'>同样的商品，一键放回购物车</Text>
            <Button className='order-detail__ghost-button order-detail__reorder-button' data-testid='order-reorder' onClick={() => reorder(order)}>
              再来一单
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}

/** 订单详情 (`?orderId=`): status, the pickup voucher once paid, what was bought and what it cost. */
export default function OrderDetailPage() {
  const { params } = useRouter();
  const orderId = decodeURIComponent(params.orderId ?? '');
  const { data: loaded, error, loading, reload } = useCloud(() => fetchOrder(orderId), [orderId]);
  // A refund answers the order as it now is: shown until the next load, which replaces it (no extra request).
  const [answered, setAnswered] = useState<OrderView | null>(null);
  useEffect(() => setAnswered(null), [loaded]);
  const order = answered ?? loaded;
  const [busy, setBusy] = useState<Busy>(null);
  const [refunding, setRefunding] = useState(false);
  const [nowMs, setNowMs] = useState(() => Date.now());

  const visible = usePageVisibility(() => void reload());

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  // The pay-by countdown ticks each second; when it runs out the server closes the order, so look again once.
  const pending = order?.status === 'pending_payment';
  useInterval(visible && pending, 1000, () => setNowMs(Date.now()));
  const expiredReloaded = useRef<string | null>(null);
  useEffect(() => {
    if (!order || order.status !== 'pending_payment' || !order.expiresAt) return;
    if (Date.parse(order.expiresAt) <= nowMs && expiredReloaded.current !== order.orderId) {
      expiredReloaded.current = order.orderId;
      void reload();
    }
  }, [order, nowMs, reload]);

  useInterval(visible && order?.status === 'paid' && !busy && !refunding, PICKUP_POLL_MS, () => void reload());

  // A failed refresh keeps the order on screen and only says so.
  useRefreshErrorToast(error, order);

  /** One action at a time; a failure says the server's words. The order is read again either way. */
  const run = async <T,>(kind: Exclude<Busy, null>, action: () => Promise<T>, success: ActionOptions<T>['success']) => {
    if (busy) return;
    setBusy(kind);
    await runAction(action, { success });
    setBusy(null);
    await reload();
  };

  const pay = () =>
    run(
      'pay',
      async () => {
        const created = await callCloud('order', { action: 'pay', orderId });
        const result = await payOrder(created);
        if (result !== 'paid') return result;
        for (let i = 0; i < PAID_CHECKS; i++) {
          const latest = await callCloud('order', { action: 'detail', orderId });
          if (latest.status !== 'pending_payment') break;
          await sleep(PAID_CHECK_GAP_MS);
        }
        return result;
      },
      (result) => PAY_TOASTS[result],
    );

  const cancel = async () => {
    if (!(await confirmDialog('取消订单', '确定取消这笔订单吗？锁定的库存、优惠券和积分会退回。', '取消订单'))) return;
    await run('cancel', () => callCloud('order', { action: 'cancel', orderId }), { title: '订单已取消', icon: 'success' });
  };

  // The sheet chooses, shows the amount, confirms and refunds; its answer is the order after the refund
  // (已退 n 件, 退款记录, 订单进度), shown as it is.
  const refunded = (result: OrderResponses['refund']) => {
    const { refundFen, ...after } = result;
    setRefunding(false);
    setAnswered(after);
    toast(`已退款 ${formatFen(refundFen)}`);
  };

  let body: JSX.Element;
  if (order) body = <OrderContent order={order} nowMs={nowMs} busy={busy} onPay={() => void pay()} onCancel={() => void cancel()} onRefund={() => setRefunding(true)} />;
  else if (error)
    body = (
      <View className='order-detail__error'>
        <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />
      </View>
    );
  else body = <OrderSkeleton />;

  return (
    <View className='order-detail'>
      {body}
      {refunding && order && order.refundable && <RefundSheet order={order} onRefunded={refunded} onClose={() => setRefunding(false)} />}
      <PaySheet />
      <PersonaSwitcher />
    </View>
  );
}
