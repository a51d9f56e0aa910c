import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InStoreRefund } from '@contract/staff';
import { TIER_NAMES } from '@core/tier';
import { runAction } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { checkReceiptNo } from '@/packages/staff/pages/workbench/model';
import './index.scss';

/**
 * 小票退款: the till refunded a receipt that earned a member 果粒值 and points here; this takes them
 * back, once (the server answers the same reversal if asked again). No member code is needed: the
 * member may have left.
 */
export function ReceiptRefund({ onRecorded }: { onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [receipt, setReceipt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<InStoreRefund | null>(null);

  const refund = async () => {
    if (busy) return;
    const check = checkReceiptNo(receipt);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(null);
    const answer = await Taro.showModal({
      title: '确认小票退款',
      content: `撤销小票 ${check.receiptNo} 的到店积分，扣回该小票计入的果粒值与积分。此操作不可撤销。`,
      confirmText: '确认退款',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setBusy(true);
    const result = await runAction(() => callCloud('staff', { action: 'refundInStore', receiptNo: check.receiptNo }), { loading: '处理中', error: false });
    setBusy(false);
    if (result.ok) {
      setDone(result.data);
      setReceipt('');
      onRecorded();
    } else setError(result.error.message);
  };

  if (!open) {
    return (
      <View className='receipt-refund receipt-refund--closed' data-testid='receipt-refund-open' onClick={() => setOpen(true)}>
        <Text className='receipt-refund__title'>小票退款</Text>
        <Text className='receipt-refund__hint'>门店已退款的小票，扣回到店积分 ›</Text>
      </View>
    );
  }

  return (
    <View className='receipt-refund' data-testid='receipt-refund'>
      <View className='receipt-refund__head'>
        <Text className='receipt-refund__title'>小票退款</Text>
        <Text className='receipt-refund__close' onClick={() => setOpen(false)}>
          收起
        </Text>
      </View>
      {done && (
        <Text className='receipt-refund__done' data-testid='receipt-refund-done'>
          {`已撤销小票 ${done.receiptNo}：果粒值 -${done.growthReversed}，积分 -${done.pointsReversed}（会员现为${TIER_NAMES[done.tier]}）`}
        </Text>
      )}
      <View className={`receipt-refund__field${error ? ' receipt-refund__field--error' : ''}`}>
        <Input
          className='receipt-refund__input'
          data-testid='receipt-refund-input'
          type='text'
          maxlength={32}
          placeholder='退款小票的单号'
          value={receipt}
          onInput={(e) => setReceipt(e.detail.value)}
        />
        <Button className='receipt-refund__submit' data-testid='receipt-refund-submit' onClick={() => void refund()} {...(busy ? { loading: true, disabled: true } : {})}>
          退款
        </Button>
      </View>
      {error && (
        <Text className='receipt-refund__error' data-testid='receipt-refund-error'>
          {error}
        </Text>
      )}
    </View>
  );
}
