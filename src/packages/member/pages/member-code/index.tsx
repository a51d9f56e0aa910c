import { Button, Image, Text, View } from '@tarojs/components';
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { TIER_NAMES } from '@core/tier';
import { VoucherQr } from '@/components/voucher-qr';
import { useCloud } from '@/hooks/useCloud';
import { callCloud } from '@/services/cloud';
import { groupDigits } from './model';
import { brightenForCounter, restoreScreen } from './screen';
import { useMemberCode } from './useMemberCode';
import './index.scss';

/** Who the code is for: the name the member gave, the tier (the clerk sees the same at the counter). */
function MemberLine() {
  const { data: profile } = useCloud(() => callCloud('member', { action: 'profile' }), []);
  if (!profile) return <View className='member-code__who member-code__who--loading' />;
  return (
    <View className='member-code__who' data-testid='member-code-who'>
      {profile.avatarUrl ? (
        <Image className='member-code__avatar' src={profile.avatarUrl} mode='aspectFill' />
      ) : (
        <View className='member-code__avatar member-code__avatar--none'>
          <Text>果</Text>
        </View>
      )}
      <Text className='member-code__name'>{profile.nickName || '果粒会员'}</Text>
      <Text className={`member-code__tier member-code__tier--${profile.tier}`} data-testid='member-code-tier'>
        {`${TIER_NAMES[profile.tier]}会员`}
      </Text>
    </View>
  );
}

/**
 * 会员码: shown at the counter so the clerk credits an in-store receipt (果粒值 and points) or hands
 * over a gift. The code changes every minute (the server signs it, valid for two); the screen is
 * bright and stays on while it shows.
 */
export default function MemberCodePage() {
  const { held, failure, loading, refresh } = useMemberCode();

  useDidShow(() => void brightenForCounter());
  useDidHide(() => void restoreScreen());
  useUnload(() => void restoreScreen());

  let body: JSX.Element;
  if (held) {
    body = (
      <View className='member-code__code'>
        <View className='member-code__qr'>
          <VoucherQr code={held.code} />
        </View>
        <Text className='member-code__digits' data-testid='member-code-digits'>
          {groupDigits(held.digits)}
        </Text>
        {failure ? (
          <Text className='member-code__warning' data-testid='member-code-warning'>
            {failure.offline ? '网络未连接，当前会员码仍可使用，恢复网络后自动更新' : '会员码更新失败，当前会员码仍可使用，稍后自动重试'}
          </Text>
        ) : (
          <Text className='member-code__hint'>每分钟自动更新 · 仅限本人到店使用，请勿截图转发</Text>
        )}
      </View>
    );
  } else if (failure) {
    body = (
      <View className='member-code__failed' data-testid='member-code-failed'>
        <View className={`member-code__failed-icon${failure.offline ? ' member-code__failed-icon--offline' : ''}`}>
          <Text>{failure.offline ? '网' : '!'}</Text>
        </View>
        <Text className='member-code__failed-title'>{failure.offline ? '网络未连接' : '会员码暂时无法显示'}</Text>
        <Text className='member-code__failed-text' data-testid='member-code-failed-text'>
          {failure.message}
        </Text>
        <Button className='member-code__retry' data-testid='member-code-retry' onClick={refresh} {...(loading ? { loading: true, disabled: true } : {})}>
          重新获取
        </Button>
      </View>
    );
  } else {
    body = (
      <View className='member-code__loading' data-testid='member-code-loading'>
        <View className='member-code__qr-placeholder' />
        <Text className='member-code__hint'>正在生成会员码…</Text>
      </View>
    );
  }

  return (
    <View className='member-code'>
      <View className='member-code__card'>
        <MemberLine />
        <Text className='member-code__lead'>到店结账时出示，消费积累果粒值与积分</Text>
        {body}
        {held && (
          <Text className='member-code__refresh' data-testid='member-code-refresh' onClick={loading ? undefined : refresh}>
            {loading ? '正在更新…' : '刷新会员码'}
          </Text>
        )}
      </View>
      <Text className='member-code__foot'>店员扫码后，果粒值与积分按线上规则计入，可在会员中心查看</Text>
    </View>
  );
}
