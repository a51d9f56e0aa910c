import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@core/money';
import type { PaySheetRequest, PaySheetResult } from './types';
import { paySubject } from './subject';
import './index.scss';

export type { PaySheetRequest, PaySheetResult } from './types';

interface Pending extends PaySheetRequest {
  resolve: (result: PaySheetResult) => void;
}

/** The mounted sheet (the page that renders <PaySheet />) that openPaySheet talks to. */
let present: ((pending: Pending) => void) | null = null;

/** Shows the sheet and resolves with what the member did. Resolves 'failed' when no page mounted a sheet. */
export function openPaySheet(request: PaySheetRequest): Promise<PaySheetResult> {
  const show = present;
  if (!show) return Promise.resolve('failed');
  return new Promise((resolve) => show({ ...request, resolve }));
}

/**
 * 微信支付（本地模拟）: a bottom sheet standing in for WeChat Pay in the H5 preview. Render it once on
 * a page that pays; `payOrder` (services/payment.h5.ts) opens it.
 */
export function PaySheet() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [paying, setPaying] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const show = (next: Pending) => {
      setFailed(false);
      setPaying(false);
      setPending(next);
    };
    present = show;
    return () => {
      if (present === show) present = null;
    };
  }, []);

  if (!pending) return null;

  const finish = (result: PaySheetResult) => {
    setPending(null);
    setPaying(false);
    pending.resolve(result);
  };

  const confirm = async () => {
    if (paying) return;
    setPaying(true);
    setFailed(false);
    const ok = await pending.confirm().catch(() => false);
    if (ok) finish('paid');
    else {
      setPaying(false);
      setFailed(true);
    }
  };

  return (
    <View className='pay-sheet' data-testid='pay-sheet'>
      <View className='pay-sheet__mask' onClick={() => !paying && finish('cancelled')} />
      <View className='pay-sheet__panel'>
        <View className='pay-sheet__head'>
          <View className='pay-sheet__close' data-testid='pay-sheet-close' onClick={() => !paying && finish('cancelled')}>
            <Text>×</Text>
          </View>
          <Text className='pay-sheet__title'>微信支付（本地模拟）</Text>
        </View>
        <Text className='pay-sheet__merchant' data-testid='pay-sheet-subject'>
          果粒鲜选 · {pending.subject ?? paySubject(pending.outTradeNo)}
        </Text>
        <Text className='pay-sheet__amount' data-testid='pay-sheet-amount'>
          {formatFen(pending.amountFen)}
        </Text>
        <View className='pay-sheet__row'>
          <Text className='pay-sheet__row-label'>商户单号</Text>
          <Text className='pay-sheet__row-value'>{pending.outTradeNo}</Text>
        </View>
        <View className='pay-sheet__row'>
          <Text className='pay-sheet__row-label'>付款方式</Text>
          <Text className='pay-sheet__row-value'>零钱（模拟）</Text>
        </View>
        {failed && <Text className='pay-sheet__error'>支付未成功，请重试或取消</Text>}
        <View
          className={`pay-sheet__confirm${paying ? ' pay-sheet__confirm--busy' : ''}`}
          data-testid='pay-sheet-confirm'
          onClick={() => void confirm()}
        >
          <Text>{paying ? '支付中…' : '确认支付'}</Text>
        </View>
        <View className='pay-sheet__cancel' data-testid='pay-sheet-cancel' onClick={() => !paying && finish('cancelled')}>
          <Text>取消</Text>
        </View>
        <Text className='pay-sheet__note'>本地预览不会真实扣款：确认后由本地云开发模拟微信支付回调。</Text>
      </View>
    </View>
  );
}
