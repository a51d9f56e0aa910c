import { useState } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import type { NoticeKey } from '@contract/vocabulary';
import { toastNote } from '@/services/action';
import { askSubscribe } from '@/services/subscribe';
import { MEMBER_NOTICES, noticeRowView, NOTICES_OFF_TOAST } from '@/pages/member/model';
import './index.scss';

interface NoticeRowProps {
  subscriptions: Partial<Record<NoticeKey, number>>;
  /** Asks for the profile again (the counts); resolves when it is in. */
  onChanged: () => Promise<void>;
}

/**
 * 消息提醒 with its 提醒我 switch: on while any of the member's reminders (等级到期, 优惠券到期,
 * 等级变更) may still be sent. Turning it on asks WeChat's consent for the three, inside the tap.
 * One-time subscriptions end by themselves, so turning it off only says so.
 */
export function NoticeRow({ subscriptions, onChanged }: NoticeRowProps) {
  const view = noticeRowView(subscriptions);
  const [asking, setAsking] = useState(false);
  // WeChat's switch moves under the finger whatever `checked` says: a new one shows the true state.
  const [redraws, setRedraws] = useState(0);

  const change = async (on: boolean) => {
    if (asking) return;
    if (!on) {
      toastNote(NOTICES_OFF_TOAST);
      setRedraws((n) => n + 1);
      return;
    }
    setAsking(true);
    await askSubscribe(MEMBER_NOTICES);
    await onChanged();
    setAsking(false);
  };

  return (
    <View className='notice-row' data-testid='notice-row'>
      <View className='notice-row__icon'>
        <Text>铃</Text>
      </View>
      <View className='notice-row__text'>
        <Text className='notice-row__title'>消息提醒</Text>
        <Text className='notice-row__hint' data-testid='notice-row-hint'>
          {asking ? '正在开启提醒…' : view.hint}
        </Text>
      </View>
      <Text className='notice-row__label'>提醒我</Text>
      <Switch
        key={redraws}
        className='notice-row__switch'
        data-testid='notice-row-switch'
        checked={asking || view.on}
        disabled={asking}
        color='#1fa463'
        onChange={(e) => void change(e.detail.value)}
      />
    </View>
  );
}
