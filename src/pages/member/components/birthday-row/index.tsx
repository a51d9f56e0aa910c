import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { runAction } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { formatShanghaiDate } from '@/utils/date';
import { BIRTHDAY_EARLIEST, BIRTHDAY_PICKER_START, birthdayConfirmText } from '@/pages/member/model';
import './index.scss';

interface BirthdayRowProps {
  birthday: string | null;
  /** The birthday was set: the profile changed. */
  onSaved: () => void;
}

const DAY_MS = 86_400_000;

/**
 * 生日: set once by the member (a date picker, then a confirmation, since it cannot be changed),
 * read-only afterwards. Birthday coupons are sent on the day.
 */
export function BirthdayRow({ birthday, onSaved }: BirthdayRowProps) {
  const [saving, setSaving] = useState(false);

  if (birthday) {
    return (
      <View className='birthday-row birthday-row--set' id='birthday-row'>
        <View className='birthday-row__icon'>
          <Text>生</Text>
        </View>
        <View className='birthday-row__text'>
          <Text className='birthday-row__title'>我的生日</Text>
          <Text className='birthday-row__hint'>已设置，如需修改请联系门店</Text>
        </View>
        <Text className='birthday-row__value' id='birthday-value'>
          {birthday}
        </Text>
      </View>
    );
  }

  const choose = async (value: string) => {
    if (saving || !value) return;
    const answer = await Taro.showModal({ title: '确认生日', content: birthdayConfirmText(value), confirmText: '确认设置', cancelText: '再想想' });
    if (!answer.confirm) return;
    setSaving(true);
    // A refusal is told in a dialog: the birthday is set once, the member should read why.
    const saved = await runAction(() => callCloud('member', { action: 'setBirthday', birthday: value }), {
      success: { title: '生日已设置', icon: 'success' },
      error: false,
    });
    // NOT_ELIGIBLE: it was set meanwhile (another device): show what is stored.
    if (saved.ok || saved.error.code === 'NOT_ELIGIBLE') onSaved();
    if (!saved.ok) void Taro.showModal({ title: '未能设置生日', content: saved.error.message, showCancel: false, confirmText: '知道了' });
    setSaving(false);
  };

  // The function refuses today and later (Shanghai): the picker stops at yesterday.
  const latest = formatShanghaiDate(new Date(Date.now() - DAY_MS));
  return (
    <Picker
      className='birthday-row__picker'
      mode='date'
      value={BIRTHDAY_PICKER_START}
      start={BIRTHDAY_EARLIEST}
      end={latest}
      disabled={saving}
      onChange={(e) => void choose(String(e.detail.value))}
    >
      <View className='birthday-row' id='birthday-row' data-testid='birthday-set'>
        <View className='birthday-row__icon'>
          <Text>生</Text>
        </View>
        <View className='birthday-row__text'>
          <Text className='birthday-row__title'>设置生日（仅可设置一次）</Text>
          <Text className='birthday-row__hint'>银卡及以上、心享会员生日当天可领生日券</Text>
        </View>
        <Text className='birthday-row__action'>{saving ? '保存中…' : '去设置 ›'}</Text>
      </View>
    </Picker>
  );
}
