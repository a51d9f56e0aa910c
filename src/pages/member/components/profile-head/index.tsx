import { useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MemberProfile } from '@contract/member';
import { runAction, toastError } from '@/services/action';
import { PICKS_AVATAR_ON_TAP, uploadAvatar } from '@/services/avatar';
import { callCloud } from '@/services/cloud';
import { PHONE_ON_TAP, phoneCloudId, type PhoneNumberDetail } from '@/services/phone';
import { avatarCloudPath, MEMBER_CODE_URL, phoneLine } from '@/pages/member/model';
import './index.scss';

interface ProfileHeadProps {
  profile: MemberProfile;
  /** The profile changed on the server: ask again; resolves when it is in. */
  onChanged: () => Promise<void>;
}

/**
 * The member's own head of the centre: avatar and nickname (WeChat's 头像昵称填写: chooseAvatar and
 * the nickname keyboard; nothing is read from WeChat without the member choosing it), the bound
 * phone's tail or a 绑定手机号 button, and the 会员码 for the counter.
 */
export function ProfileHead({ profile, onChanged }: ProfileHeadProps) {
  // Each of the three saves on its own: a nickname still saving does not swallow a tap on 绑定手机号.
  const [busy, setBusy] = useState({ avatar: false, name: false, phone: false });
  const mark = (key: keyof typeof busy, on: boolean) => setBusy((b) => ({ ...b, [key]: on }));
  const [name, setName] = useState(profile.nickName ?? '');
  // A new profile (saved here, or changed elsewhere) shows its own name.
  useEffect(() => setName(profile.nickName ?? ''), [profile.nickName]);

  const chooseAvatar = async (chosen: string | null) => {
    if (busy.avatar) return;
    mark('avatar', true);
    try {
      const fileId = await uploadAvatar(chosen, avatarCloudPath(profile.openid, Date.now()));
      if (fileId) {
        const saved = await runAction(() => callCloud('member', { action: 'setProfile', avatarFileId: fileId }), { loading: '保存头像', success: { title: '头像已更新', icon: 'success' } });
        if (saved.ok) await onChanged();
      }
    } catch (err) {
      toastError(err instanceof Error && /上传失败|图片/.test(err.message) ? err.message : '头像上传失败，请重试');
    }
    mark('avatar', false);
  };

  const saveName = async (value: string) => {
    const nickName = value.trim();
    if (busy.name || nickName === (profile.nickName ?? '')) return;
    if (!nickName) {
      setName(profile.nickName ?? '');
      return;
    }
    mark('name', true);
    const saved = await runAction(() => callCloud('member', { action: 'setProfile', nickName }), { success: { title: '昵称已保存', icon: 'success' } });
    if (saved.ok) await onChanged();
    else setName(profile.nickName ?? '');
    mark('name', false);
  };

  const bindPhone = async (detail: PhoneNumberDetail | null) => {
    if (busy.phone) return;
    const cloudID = phoneCloudId(detail);
    if (!cloudID) return; // declined in WeChat's sheet: nothing to say
    mark('phone', true);
    const bound = await runAction(() => callCloud('member', { action: 'bindPhone', cloudID }), { loading: '绑定中', success: { title: '手机号已绑定', icon: 'success' } });
    if (bound.ok) await onChanged();
    mark('phone', false);
  };

  return (
    <View className='profile-head' data-testid='profile-head'>
      <Button
        className='profile-head__avatar-button'
        data-testid='profile-avatar'
        openType='chooseAvatar'
        onChooseAvatar={(e) => void chooseAvatar(e.detail.avatarUrl)}
        onClick={PICKS_AVATAR_ON_TAP ? () => void chooseAvatar(null) : undefined}
        {...(busy.avatar ? { loading: true, disabled: true } : {})}
      >
        {profile.avatarUrl ? (
          <Image className='profile-head__avatar' data-testid='profile-avatar-image' src={profile.avatarUrl} mode='aspectFill' />
        ) : (
          <View className='profile-head__avatar profile-head__avatar--none'>
            <Text>果</Text>
          </View>
        )}
      </Button>

      <View className='profile-head__text'>
        <Input
          className='profile-head__name'
          data-testid='profile-nickname'
          type='nickname'
          maxlength={20}
          placeholder='点击设置昵称'
          placeholderClass='profile-head__name-placeholder'
          value={name}
          {...(busy.name ? { disabled: true } : {})}
          onInput={(e) => setName(e.detail.value)}
          onBlur={(e) => void saveName(e.detail.value)}
          onConfirm={(e) => void saveName(e.detail.value)}
        />
        {profile.phoneTail ? (
          <Text className='profile-head__phone' data-testid='profile-phone'>
            {phoneLine(profile.phoneTail)}
          </Text>
        ) : (
          <Button
            className='profile-head__bind'
            data-testid='profile-bind-phone'
            size='mini'
            openType='getPhoneNumber'
            onGetPhoneNumber={(e) => void bindPhone(e.detail as PhoneNumberDetail)}
            onClick={PHONE_ON_TAP ? () => void bindPhone(null) : undefined}
            {...(busy.phone ? { loading: true, disabled: true } : {})}
          >
            绑定手机号
          </Button>
        )}
      </View>

      <View className='profile-head__code' data-testid='entry-member-code' onClick={() => void Taro.navigateTo({ url: MEMBER_CODE_URL })}>
        <View className='profile-head__code-icon'>
          <View className='profile-head__code-cell profile-head__code-cell--tl' />
          <View className='profile-head__code-cell profile-head__code-cell--tr' />
          <View className='profile-head__code-cell profile-head__code-cell--bl' />
          <View className='profile-head__code-cell profile-head__code-cell--br' />
        </View>
        <Text className='profile-head__code-label'>会员码</Text>
      </View>
    </View>
  );
}
