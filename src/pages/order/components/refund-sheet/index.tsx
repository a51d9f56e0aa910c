import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { formatFen } from '@core/money';
import { REFUND_REASONS } from '@/pages/order/model';
import './index.scss';

interface RefundSheetProps {
  payableFen: number;
  submitting: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}

/** 申请退款 after pickup (三无退货): pick a reason, optionally say more, submit. */
export function RefundSheet({ payableFen, submitting, onSubmit, onClose }: RefundSheetProps) {
  const [reason, setReason] = useState<string>(REFUND_REASONS[0]);
  const [note, setNote] = useState('');
  const full = note.trim() ? `${reason}：${note.trim()}` : reason;

  return (
    <View className='refund-sheet' data-testid='refund-sheet'>
      <View className='refund-sheet__mask' onClick={submitting ? undefined : onClose} />
      <View className='refund-sheet__panel'>
        <Text className='refund-sheet__title'>申请退款</Text>
        <Text className='refund-sheet__lead'>提货后 7 天内支持三无退货，{formatFen(payableFen)} 将原路退回，本单获得的果粒值和积分将扣回。</Text>
        <Text className='refund-sheet__label'>退款原因</Text>
        <View className='refund-sheet__reasons'>
          {REFUND_REASONS.map((r) => (
            <Text
              key={r}
              className={`refund-sheet__reason${r === reason ? ' refund-sheet__reason--active' : ''}`}
              onClick={() => setReason(r)}
            >
              {r}
            </Text>
          ))}
        </View>
        <Textarea
          className='refund-sheet__note'
          placeholder='补充说明（选填）'
          maxlength={100}
          value={note}
          onInput={(e) => setNote(e.detail.value)}
        />
        <View className='refund-sheet__buttons'>
          <Button className='refund-sheet__cancel' onClick={onClose} {...(submitting ? { disabled: true } : {})}>
            再想想
          </Button>
          <Button className='refund-sheet__submit' data-testid='refund-submit' onClick={() => onSubmit(full.slice(0, 200))} {...(submitting ? { loading: true, disabled: true } : {})}>
            提交退款
          </Button>
        </View>
      </View>
    </View>
  );
}
