import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InvitesView } from '@contract/member';
import { BIND_REFUSALS } from '@core/referral';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { ShareButton } from '@/components/share-button';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { useFreshOnShow } from '@/hooks/useFreshOnShow';
import { useShareCard } from '@/hooks/useShareCard';
import { runAction } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { bindConfirmText, INVITE_CODE_PATTERN, inviteeRows, normalizeInviteCode, REWARD_RULES, rewardLines, shareFigures, WALLET_URL } from './model';
import './index.scss';

const INVITE_CARD = { kind: 'invite' as const, title: '送你一份果粒鲜选新人礼，新鲜水果乳品到店自提', fallbackPath: '/pages/index/index' };

function CodeCard({ code }: { code: string }) {
  const copy = () => void runAction(() => Taro.setClipboardData({ data: code }), { error: () => '复制失败，请长按邀请码复制' });
  return (
    <View className='invite__card invite__code-card'>
      <Text className='invite__code-label'>我的邀请码</Text>
      <Text className='invite__code' id='invite-code' data-testid='invite-code' userSelect>
        {code}
      </Text>
      <View className='invite__code-actions'>
        <Button className='invite__btn invite__btn--ghost invite__copy' data-testid='invite-copy' onClick={copy}>
          复制邀请码
        </Button>
        <ShareButton kind='invite' className='invite__btn invite__share' testId='invite-share'>
          分享给好友
        </ShareButton>
      </View>
    </View>
  );
}

function Rewards({ offer }: { offer: InvitesView['offer'] }) {
  return (
    <View className='invite__card'>
      <Text className='invite__section'>邀请奖励</Text>
      <View className='invite__rewards'>
        {rewardLines(offer).map((r) => (
          <View key={r.who} className='invite__reward'>
            <Text className='invite__reward-who'>{r.who}</Text>
            <Text className='invite__reward-value'>{r.value}</Text>
            <Text className='invite__reward-kind'>{r.kind}</Text>
          </View>
        ))}
      </View>
      <View className='invite__rules'>
        {REWARD_RULES.map((rule, i) => (
          <Text key={i} className='invite__rule'>
            {`${i + 1}. ${rule}`}
          </Text>
        ))}
      </View>
    </View>
  );
}

function ShareResults({ view }: { view: InvitesView }) {
  return (
    <View className='invite__card' data-testid='invite-stats'>
      <Text className='invite__section'>分享成效</Text>
      <View className='invite__figures'>
        {shareFigures(view.shares).map((f) => (
          <View key={f.key} className={`invite__figure invite__figure--${f.key}`} data-testid={`invite-figure-${f.key}`}>
            <Text className='invite__figure-value'>{f.value}</Text>
            <Text className='invite__figure-label'>{f.label}</Text>
          </View>
        ))}
      </View>
      <Text className='invite__fine'>订单为好友打开你的卡片后 24 小时内支付的订单，金额已扣除退款。</Text>
      <View className='invite__wallet' data-testid='invite-rewards' onClick={() => void Taro.navigateTo({ url: WALLET_URL })}>
        <Text className='invite__wallet-text'>
          已获得邀请奖励券 <Text className='invite__wallet-count'>{view.rewards.length}</Text> 张
        </Text>
        <Text className='invite__wallet-link'>去券包 ›</Text>
      </View>
    </View>
  );
}

function Invitees({ view }: { view: InvitesView }) {
  const rows = inviteeRows(view.invitees);
  return (
    <View className='invite__card' data-testid='invitees'>
      <Text className='invite__section'>{`我邀请的好友（${rows.length}）`}</Text>
      {rows.length === 0 ? (
        <View className='invite__empty' data-testid='invitees-empty'>
          <Text className='invite__empty-title'>还没有好友接受邀请</Text>
          <Text className='invite__empty-text'>把邀请卡片发给好友或群，好友首单支付后你们都得券</Text>
        </View>
      ) : (
        rows.map((row, i) => (
          <View key={`${row.name}-${i}`} className='invite__invitee' data-testid='invitee'>
            <View className='invite__invitee-text'>
              <Text className='invite__invitee-name'>{row.name}</Text>
              <Text className='invite__invitee-date'>{row.joined}</Text>
            </View>
            <Text className={`invite__invitee-status${row.paid ? ' invite__invitee-status--paid' : ''}`}>{row.status}</Text>
          </View>
        ))
      )}
    </View>
  );
}

/** 填写邀请码: a new member names who invited them (the server refuses, in Chinese, when the rules do not allow it). */
/** Bound already (by a card or a code): what comes next. */
function BoundNote() {
  return (
    <View className='invite__card invite__bind invite__bind--done' data-testid='bind-done'>
      <Text className='invite__section'>已绑定邀请人</Text>
      <Text className='invite__fine'>首笔订单支付成功后，新人礼券将发到你的券包。</Text>
    </View>
  );
}

function BindInviter({ ownCode }: { ownCode: string }) {
  const [input, setInput] = useState('');
  const [binding, setBinding] = useState(false);
  const [bound, setBound] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const code = normalizeInviteCode(input);
  const ready = INVITE_CODE_PATTERN.test(code);

  if (bound) return <BoundNote />;

  const bind = async () => {
    if (binding) return;
    if (!ready) {
      setRefusal('邀请码为 6 位字母或数字');
      return;
    }
    if (code === ownCode) {
      setRefusal(BIND_REFUSALS.own);
      return;
    }
    const answer = await Taro.showModal({ title: '绑定邀请人', content: bindConfirmText(code), confirmText: '确认绑定', cancelText: '再想想' });
    if (!answer.confirm) return;
    setBinding(true);
    const result = await runAction(() => callCloud('member', { action: 'bindInviter', inviteCode: code }), {
      loading: '绑定中',
      success: { title: '绑定成功', icon: 'success' },
    });
    setBinding(false);
    if (result.ok) setBound(true);
    else setRefusal(result.error.message);
  };

  return (
    <View className='invite__card invite__bind' data-testid='bind-inviter'>
      <Text className='invite__section'>填写好友的邀请码</Text>
      <Text className='invite__fine'>还没下过单的新朋友可填写一次，绑定后不可更改；首单支付后得新人礼券。</Text>
      <View className='invite__bind-row'>
        <Input
          className='invite__bind-input'
          data-testid='bind-input'
          value={input}
          maxlength={6}
          placeholder='输入 6 位邀请码'
          placeholderClass='invite__bind-placeholder'
          onInput={(e) => {
            setInput(normalizeInviteCode(e.detail.value));
            setRefusal(null);
          }}
        />
        <Button
          className={`invite__btn invite__bind-submit${ready ? '' : ' invite__btn--off'}`}
          data-testid='bind-submit'
          {...(binding ? { loading: true, disabled: true } : {})}
          onClick={() => void bind()}
        >
          绑定
        </Button>
      </View>
      {refusal ? (
        <Text className='invite__bind-refusal' data-testid='bind-refusal'>
          {refusal}
        </Text>
      ) : null}
    </View>
  );
}

function InviteSkeleton() {
  return (
    <View className='invite__skeleton' data-testid='invite-skeleton'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='invite__skeleton-block' />
      ))}
    </View>
  );
}

/** 邀请有礼 · 我的邀请: the member's code and card, the rewards, what sharing brought, and the invitees. */
export default function InvitePage() {
  const { data, error, loading, reload } = useCloud(() => callCloud('member', { action: 'invites' }), []);
  useFreshOnShow(reload);
  useRefreshErrorToast(error, data);
  useShareCard(INVITE_CARD);

  let body: JSX.Element;
  if (data) {
    body = (
      <View className='invite__content'>
        <CodeCard code={data.inviteCode} />
        <Rewards offer={data.offer} />
        <ShareResults view={data} />
        <Invitees view={data} />
        {data.canBindInviter ? <BindInviter ownCode={data.inviteCode} /> : data.hasInviter ? <BoundNote /> : null}
      </View>
    );
  } else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <InviteSkeleton />;

  return (
    <View className='invite'>
      <View className='invite__hero'>
        <Text className='invite__title'>邀请有礼</Text>
        <Text className='invite__subtitle'>邀请好友来果粒鲜选，好友首单支付后，你们都得券</Text>
      </View>
      <View className='invite__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
