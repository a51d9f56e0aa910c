import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CounterGift, GiftHandover, InStoreCredit, MemberAtCounter } from '@contract/staff';
import { formatFen } from '@core/money';
import { TIER_NAMES } from '@core/tier';
import { validUntilText } from '@/components/coupon-card/model';
import { runAction } from '@/services/action';
import { callCloud, type CloudCallError } from '@/services/cloud';
import { checkCredit, creditConfirmText, failureView, memberLine, type CreditCheck } from '@/packages/staff/pages/workbench/model';
import './index.scss';

interface MemberPanelProps {
  /** The scanned (or typed) member code: every action here sends it, the server checks it is still valid. */
  memberCode: string;
  view: MemberAtCounter;
  /** A credit or a gift was recorded: the day's list changed. */
  onRecorded: () => void;
  /** 完成: back to scanning. */
  onDone: () => void;
}

type FormError = Extract<CreditCheck, { ok: false }> | { ok: false; field: 'form'; message: string };

/**
 * Why the server refused a credit or a gift: a code that expired meanwhile (valid two minutes) or was
 * mistyped asks for a new scan; anything else (the receipt already credited, the gift taken) is the
 * server's own sentence.
 */
function refusal(err: CloudCallError): string {
  if (err.code === 'VOUCHER_EXPIRED' || err.code === 'VOUCHER_INVALID') {
    const view = failureView(err, 'member');
    return `${view.title}，${view.detail}`;
  }
  return err.message;
}

function CreditResult({ credit }: { credit: InStoreCredit }) {
  return (
    <View className='member-panel__credited' data-testid='credit-success'>
      <Text className='member-panel__credited-title'>{`✓ 已记入 ${formatFen(credit.amountFen)}`}</Text>
      <Text className='member-panel__credited-earned' data-testid='credit-earned'>
        {`果粒值 +${credit.growthEarned} · 积分 +${credit.pointsEarned}`}
      </Text>
      <Text className='member-panel__credited-after'>
        {`小票 ${credit.receiptNo} · 现有果粒值 ${credit.growth}，积分 ${credit.points}，${TIER_NAMES[credit.tier]}会员`}
      </Text>
    </View>
  );
}

function GiftRow({ gift, handed, busy, onHandOver }: { gift: CounterGift; handed: GiftHandover | undefined; busy: boolean; onHandOver: () => void }) {
  return (
    <View className={`member-panel__gift${handed ? ' member-panel__gift--handed' : ''}`} data-testid='counter-gift'>
      <View className='member-panel__gift-text'>
        <Text className='member-panel__gift-product'>{gift.productName}</Text>
        <Text className='member-panel__gift-name'>{`${gift.name} · ${validUntilText(gift.validTo)}`}</Text>
      </View>
      {handed ? (
        <Text className='member-panel__gift-done' data-testid='gift-handed'>
          已核销
        </Text>
      ) : (
        <Button className='member-panel__gift-button' data-testid='gift-redeem' size='mini' onClick={onHandOver} {...(busy ? { loading: true, disabled: true } : {})}>
          核销赠品
        </Button>
      )}
    </View>
  );
}

/**
 * A member at the counter (their 会员码 scanned): who it is, masked as the server sends it; 到店消费积分
 * for the till's receipt (checked here, confirmed with the amount, credited once per receipt by the
 * server); and the gift coupons they may take here now, each handed over after a confirmation.
 */
export function MemberPanel({ memberCode, view, onRecorded, onDone }: MemberPanelProps) {
  const [receipt, setReceipt] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [crediting, setCrediting] = useState(false);
  const [credited, setCredited] = useState<InStoreCredit | null>(null);
  const [handed, setHanded] = useState<Record<string, GiftHandover>>({});
  const [giftBusy, setGiftBusy] = useState<string | null>(null);
  const who = memberLine(view);

  const credit = async () => {
    if (crediting) return;
    const check = checkCredit(receipt, amount);
    if (!check.ok) {
      setError(check);
      return;
    }
    setError(null);
    const answer = await Taro.showModal({ title: '确认到店消费积分', content: creditConfirmText(check.receiptNo, check.amountFen, who), confirmText: '确认积分', cancelText: '返回修改' });
    if (!answer.confirm) return;
    setCrediting(true);
    const result = await runAction(() => callCloud('staff', { action: 'creditInStore', memberCode, receiptNo: check.receiptNo, amountFen: check.amountFen }), {
      loading: '积分中',
      error: false,
    });
    setCrediting(false);
    if (result.ok) {
      setCredited(result.data);
      onRecorded();
    } else setError({ ok: false, field: 'form', message: refusal(result.error) });
  };

  const handOver = async (gift: CounterGift) => {
    if (giftBusy) return;
    const answer = await Taro.showModal({
      title: '核销赠品',
      content: `将「${gift.productName}」交给会员 ${who}，并核销「${gift.name}」？核销后不可撤销。`,
      confirmText: '确认核销',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setGiftBusy(gift.couponId);
    const result = await runAction(() => callCloud('staff', { action: 'redeemGift', memberCode, couponId: gift.couponId }), {
      loading: '核销中',
      success: { title: '赠品已核销', icon: 'success' },
      error: refusal,
    });
    setGiftBusy(null);
    if (result.ok) {
      setHanded((h) => ({ ...h, [gift.couponId]: result.data }));
      onRecorded();
    }
  };

  return (
    <View className='member-panel' data-testid='member-panel'>
      <View className='member-panel__head'>
        <View className='member-panel__who'>
          <Text className='member-panel__name' data-testid='member-panel-who'>
            {who}
          </Text>
          <Text className='member-panel__hint'>会员码有效期 2 分钟，过期请会员刷新</Text>
        </View>
        <Text className={`member-panel__tier member-panel__tier--${view.tier}`} data-testid='member-panel-tier'>
          {`${TIER_NAMES[view.tier]}会员`}
        </Text>
      </View>

      <View className='member-panel__section'>
        <Text className='member-panel__section-title'>到店消费积分</Text>
        {credited ? (
          <CreditResult credit={credited} />
        ) : (
          <View className='member-panel__form'>
            <View className={`member-panel__field${error?.field === 'receiptNo' ? ' member-panel__field--error' : ''}`}>
              <Text className='member-panel__label'>小票号</Text>
              <Input
                className='member-panel__input member-panel__input--receipt'
                data-testid='credit-receipt'
                type='text'
                maxlength={32}
                placeholder='小票上的单号'
                value={receipt}
                onInput={(e) => setReceipt(e.detail.value)}
              />
            </View>
            <View className={`member-panel__field${error?.field === 'amount' ? ' member-panel__field--error' : ''}`}>
              <Text className='member-panel__label'>消费金额</Text>
              <Text className='member-panel__currency'>¥</Text>
              <Input
                className='member-panel__input member-panel__input--amount'
                data-testid='credit-amount'
                type='digit'
                maxlength={9}
                placeholder='实付金额，如 128.50'
                value={amount}
                onInput={(e) => setAmount(e.detail.value)}
              />
            </View>
            {error && (
              <Text className='member-panel__error' data-testid='credit-error'>
                {error.message}
              </Text>
            )}
            <Button className='member-panel__credit' data-testid='credit-submit' onClick={() => void credit()} {...(crediting ? { loading: true, disabled: true } : {})}>
              记入积分
            </Button>
          </View>
        )}
      </View>

      <View className='member-panel__section'>
        <Text className='member-panel__section-title'>可核销赠品</Text>
        {view.gifts.length === 0 ? (
          <Text className='member-panel__empty' data-testid='gift-empty'>
            暂无可在本店领取的赠品券
          </Text>
        ) : (
          view.gifts.map((gift) => (
            <GiftRow key={gift.couponId} gift={gift} handed={handed[gift.couponId]} busy={giftBusy === gift.couponId} onHandOver={() => void handOver(gift)} />
          ))
        )}
      </View>

      <Button className='member-panel__done' data-testid='member-panel-done' onClick={onDone}>
        完成，继续扫码
      </Button>
    </View>
  );
}
