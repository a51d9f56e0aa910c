import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { OrderView, OrderResponses, RefundQuote } from '@contract/order';
import { formatFen } from '@core/money';
import { ProductThumb } from '@/components/order-card';
import { QtyStepper } from '@/components/qty-stepper';
import { newRequestId } from '@/pages/checkout/model';
import { REFUND_REASONS } from '@/pages/order/model';
import { runAction } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { allLeft, choiceKey, chosenLines, confirmText, isAllChosen, quoteNotes, refundChoiceRows, type RefundChoice, type RefundChoiceRow } from './model';
import './index.scss';

/** The amount is asked for once the member stops tapping the steppers for this long. */
const QUOTE_DELAY_MS = 300;

interface RefundSheetProps {
  order: OrderView;
  /** The refund is recorded: the page reads the order again. */
  onRefunded: (result: OrderResponses['refund']) => void;
  onClose: () => void;
}

interface QuoteState {
  key: string;
  quote?: RefundQuote;
  error?: string;
}

/**
 * What the chosen lines would give back (`order.refundQuote`), asked a moment after the choice
 * settles; an answer for an older choice is never shown as this one's.
 */
function useRefundQuote(orderId: string, lines: Array<{ skuId: string; qty: number }>, key: string) {
  const [state, setState] = useState<QuoteState | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const linesRef = useRef(lines);
  linesRef.current = lines;

  useEffect(() => {
    const call = ++latest.current;
    if (!key) return undefined;
    const timer = setTimeout(() => {
      callCloud('order', { action: 'refundQuote', orderId, lines: linesRef.current }).then(
        (quote) => call === latest.current && setState({ key, quote }),
        (err: unknown) => call === latest.current && setState({ key, error: toCloudCallError(err).message }),
      );
    }, QUOTE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [orderId, key, attempt]);

  const current = state && state.key === key ? state : null;
  return { quote: current?.quote, error: current?.error, retry: () => setAttempt((n) => n + 1) };
}

function ChoiceRow({ row, qty, onQty }: { row: RefundChoiceRow; qty: number; onQty: (qty: number) => void }) {
  return (
    <View className={`refund-sheet__line${row.left === 0 ? ' refund-sheet__line--done' : ''}`} data-testid={`refund-line-${row.skuId}`}>
      <ProductThumb skuId={row.skuId} size='sm' />
      <View className='refund-sheet__line-info'>
        <Text className='refund-sheet__line-name'>{row.name}</Text>
        <Text className='refund-sheet__line-qty'>
          共 {row.qty} 件{row.refunded > 0 ? ` · 已退 ${row.refunded} 件` : ''}
        </Text>
      </View>
      {row.left > 0 ? <QtyStepper value={qty} min={0} max={row.left} size='sm' onChange={onQty} /> : <Text className='refund-sheet__line-none'>已退完</Text>}
    </View>
  );
}

/**
 * 申请退款: choose the lines and units to give back (within what is left), see the amount the server
 * would refund and what else moves, confirm, refund. A double tap, or a retry of the same choice after
 * a lost answer, is one refund (one requestId per choice until it succeeds).
 */
export function RefundSheet({ order, onRefunded, onClose }: RefundSheetProps) {
  const rows = refundChoiceRows(order);
  const [choice, setChoice] = useState<RefundChoice>(() => (rows.filter((r) => r.left > 0).length === 1 ? allLeft(rows) : {}));
  const [reason, setReason] = useState<string>(REFUND_REASONS[0]);
  const [submitting, setSubmitting] = useState(false);
  const submittingRef = useRef(false);
  const pending = useRef<{ key: string; requestId: string } | null>(null);

  const lines = chosenLines(rows, choice);
  const key = choiceKey(lines);
  const { quote, error, retry } = useRefundQuote(order.orderId, lines, key);
  const all = isAllChosen(rows, choice);

  const setQty = (skuId: string, qty: number) => setChoice((c) => ({ ...c, [skuId]: qty }));
  const toggleAll = () => setChoice(all ? {} : allLeft(rows));

  const submit = async () => {
    if (!quote || submittingRef.current) return;
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const answer = await Taro.showModal({ title: `确认退款 ${formatFen(quote.refundFen)}`, content: confirmText(quote), confirmText: '确认退款', cancelText: '再想想', confirmColor: '#e5484d' });
      if (!answer.confirm) return;
      if (pending.current?.key !== key) pending.current = { key, requestId: newRequestId() };
      const { requestId } = pending.current;
      const result = await runAction(() => callCloud('order', { action: 'refund', orderId: order.orderId, lines, reason, requestId }), { loading: '正在提交' });
      if (result.ok) {
        pending.current = null;
        onRefunded(result.data);
      } else {
        // The order moved on (picked up, refunded elsewhere, past 7 days): ask for the amount again.
        retry();
      }
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  const beforePickup = order.status === 'paid';
  let summary: JSX.Element;
  if (!lines.length) summary = <Text className='refund-sheet__summary-hint'>请选择要退的商品和数量</Text>;
  else if (error)
    summary = (
      <Text className='refund-sheet__summary-error' data-testid='refund-quote-error' onClick={retry}>
        {error}，点击重试
      </Text>
    );
  else if (!quote) summary = <Text className='refund-sheet__summary-hint'>计算中…</Text>;
  else
    summary = (
      <View className='refund-sheet__summary-body'>
        <View className='refund-sheet__amount-row'>
          <Text className='refund-sheet__amount-label'>退款金额</Text>
          <Text className='refund-sheet__amount' data-testid='refund-sheet-amount'>
            {formatFen(quote.refundFen)}
          </Text>
        </View>
        {quoteNotes(quote).map((note) => (
          <Text className='refund-sheet__note' key={note} data-testid='refund-sheet-note'>
            {note}
          </Text>
        ))}
        <Text className='refund-sheet__note'>{quote.whole ? '全部商品退款后，订单将变为已退款' : '按实付金额分摊优惠后计算，原路退回'}</Text>
      </View>
    );

  return (
    <View className='refund-sheet' data-testid='refund-sheet'>
      <View className='refund-sheet__mask' onClick={submitting ? undefined : onClose} />
      <View className='refund-sheet__panel'>
        <Text className='refund-sheet__title'>申请退款</Text>
        <Text className='refund-sheet__lead'>{beforePickup ? '未提货的商品可全部或部分退款，款项原路退回。' : '提货后 7 天内支持三无退货，可按件退款，款项原路退回。'}</Text>

        <View className='refund-sheet__label-row'>
          <Text className='refund-sheet__label'>选择退款商品</Text>
          <Text className='refund-sheet__all' data-testid='refund-all' onClick={toggleAll}>
            {all ? '取消全选' : '全选'}
          </Text>
        </View>
        <View className='refund-sheet__lines'>
          {rows.map((row) => (
            <ChoiceRow key={row.skuId} row={row} qty={choice[row.skuId] ?? 0} onQty={(qty) => setQty(row.skuId, qty)} />
          ))}
        </View>

        <Text className='refund-sheet__label'>退款原因</Text>
        <View className='refund-sheet__reasons'>
          {REFUND_REASONS.map((r) => (
            <Text key={r} className={`refund-sheet__reason${r === reason ? ' refund-sheet__reason--active' : ''}`} onClick={() => setReason(r)}>
              {r}
            </Text>
          ))}
        </View>

        <View className='refund-sheet__summary'>{summary}</View>

        <View className='refund-sheet__buttons'>
          <Button className='refund-sheet__cancel' onClick={onClose} {...(submitting ? { disabled: true } : {})}>
            再想想
          </Button>
          <Button
            className='refund-sheet__submit'
            data-testid='refund-submit'
            onClick={() => void submit()}
            {...(submitting ? { loading: true, disabled: true } : !quote ? { disabled: true } : {})}
          >
            {quote ? `退款 ${formatFen(quote.refundFen)}` : '申请退款'}
          </Button>
        </View>
      </View>
    </View>
  );
}
