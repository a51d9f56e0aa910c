import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { ShareCard } from '@contract/member';
import { DEV_GROUPS, previewCardUrl } from '@/dev/groupShare';
import { choosePersona, currentPersona, PERSONAS } from '@/dev/personas';
import { runAction } from '@/services/action';
import { createShareCard } from '@/services/sharing';
import type { ShareButtonProps } from './types';
import './index.scss';
import './preview.scss';

export type { ShareButtonProps } from './types';

/** Who may open a card in the preview: the shoppers, not the staff. */
const FRIENDS = PERSONAS.filter((p) => !p.id.startsWith('clerk') && p.id !== 'admin');

/**
 * H5 preview only: there is no WeChat to send a card to. The button makes the card (member.share, as
 * the mini-program does when the member shares) and shows it, with a way to open it as another
 * persona, from a group chat or not: the preview reloads on the card's page as that persona, with
 * `devGroup=` standing for the group (services/shareEntry.h5.ts).
 */
export function ShareButton({ kind, targetId, className, testId, onShare, children }: ShareButtonProps) {
  const [card, setCard] = useState<ShareCard | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const current = currentPersona();

  const share = async () => {
    onShare?.();
    const made = await runAction(() => createShareCard(kind, targetId), { loading: '生成分享卡片' });
    if (made.ok) setCard(made.data);
  };

  const openAs = (personaId: string) => {
    if (!card) return;
    choosePersona(personaId);
    window.location.href = previewCardUrl(card.path, group);
    window.location.reload();
  };

  return (
    <>
      <Button className={`share-button${className ? ` ${className}` : ''}`} data-testid={testId} onClick={() => void share()}>
        {children}
      </Button>
      {card && <View className='share-preview__mask' onClick={() => setCard(null)} />}
      {card && (
        <View className='share-preview' data-testid='share-preview'>
          <Text className='share-preview__heading'>分享卡片（仅 H5 预览模拟）</Text>
          <Text className='share-preview__hint'>小程序里这张卡片发给微信好友或群；预览里可换一个身份打开它。</Text>
          <Text className='share-preview__path' data-testid='share-card-path'>
            {card.path}
          </Text>
          <Text className='share-preview__label'>打开位置</Text>
          <View className='share-preview__choices'>
            <View
              className={`share-preview__choice${group === null ? ' share-preview__choice--on' : ''}`}
              data-testid='share-group-none'
              onClick={() => setGroup(null)}
            >
              <Text>私聊</Text>
            </View>
            {DEV_GROUPS.map((g) => (
              <View
                key={g.openGId}
                className={`share-preview__choice${group === g.openGId ? ' share-preview__choice--on' : ''}`}
                data-testid={`share-group-${g.openGId}`}
                onClick={() => setGroup(g.openGId)}
              >
                <Text>{`群聊 · ${g.label}`}</Text>
              </View>
            ))}
          </View>
          <Text className='share-preview__label'>以此身份打开</Text>
          <View className='share-preview__choices'>
            {FRIENDS.filter((p) => p.id !== current.id).map((p) => (
              <View key={p.id} className='share-preview__choice share-preview__choice--persona' data-testid={`share-open-as-${p.id}`} onClick={() => openAs(p.id)}>
                <Text>{p.label}</Text>
              </View>
            ))}
          </View>
          <View className='share-preview__close' data-testid='share-preview-close' onClick={() => setCard(null)}>
            <Text>关闭</Text>
          </View>
        </View>
      )}
    </>
  );
}
