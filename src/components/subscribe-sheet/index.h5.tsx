import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { NoticeKey } from '@contract/vocabulary';
import { NOTICE_TITLES } from '@/config/notices';
import type { SubscribeSheetResult } from './types';
import './index.scss';

export type { SubscribeSheetResult } from './types';

interface Pending {
  keys: NoticeKey[];
  resolve: (result: SubscribeSheetResult) => void;
}

type Present = (pending: Pending) => void;

/**
 * The mounted sheets, latest last: the H5 router keeps earlier pages (hidden) in the document, so
 * the page on top is the one that mounted last and is still there.
 */
const mounted: Present[] = [];

/** Shows the sheet; resolves with what the member chose, or null when no page on screen renders one. */
export function openSubscribeSheet(keys: NoticeKey[]): Promise<SubscribeSheetResult | null> {
  const show = mounted[mounted.length - 1];
  if (!show) return Promise.resolve(null);
  return new Promise((resolve) => show({ keys, resolve }));
}

const allRejected = (keys: NoticeKey[]): SubscribeSheetResult => Object.fromEntries(keys.map((key) => [key, 'reject']));

/**
 * 订阅消息（本地模拟）: WeChat's consent sheet does not exist in a browser, so this bottom sheet stands
 * in for it in the H5 preview: one row per kind of message, ticked by default, then 允许 or 取消.
 * Render it once on a page that asks; `askSubscribe` (services/subscribe.h5.ts) opens it.
 */
export function SubscribeSheet() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [ticked, setTicked] = useState<Set<NoticeKey>>(new Set());

  useEffect(() => {
    const show: Present = (next) => {
      setTicked(new Set(next.keys));
      setPending(next);
    };
    mounted.push(show);
    return () => {
      const at = mounted.indexOf(show);
      if (at >= 0) mounted.splice(at, 1);
    };
  }, []);

  if (!pending) return null;

  const finish = (result: SubscribeSheetResult) => {
    setPending(null);
    pending.resolve(result);
  };
  const allow = () => finish(Object.fromEntries(pending.keys.map((key) => [key, ticked.has(key) ? 'accept' : 'reject'])));
  const cancel = () => finish(allRejected(pending.keys));
  const toggle = (key: NoticeKey) =>
    setTicked((before) => {
      const next = new Set(before);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <View className='subscribe-sheet' data-testid='subscribe-sheet'>
      <View className='subscribe-sheet__mask' onClick={cancel} />
      <View className='subscribe-sheet__panel'>
        <Text className='subscribe-sheet__title'>「果粒鲜选」申请向你发送以下消息</Text>
        <View className='subscribe-sheet__list'>
          {pending.keys.map((key) => {
            const on = ticked.has(key);
            return (
              <View
                key={key}
                className={`subscribe-sheet__item${on ? ' subscribe-sheet__item--on' : ''}`}
                data-testid={`subscribe-sheet-item-${key}`}
                data-checked={on ? 'true' : 'false'}
                onClick={() => toggle(key)}
              >
                <Text className='subscribe-sheet__item-title'>{NOTICE_TITLES[key]}</Text>
                <View className='subscribe-sheet__check'>
                  <Text>{on ? '✓' : ''}</Text>
                </View>
              </View>
            );
          })}
        </View>
        <Text className='subscribe-sheet__note'>每次允许可收到一条对应消息（本地模拟微信订阅消息）</Text>
        <View className='subscribe-sheet__actions'>
          <View className='subscribe-sheet__cancel' data-testid='subscribe-sheet-cancel' onClick={cancel}>
            <Text>取消</Text>
          </View>
          <View className='subscribe-sheet__allow' data-testid='subscribe-sheet-allow' onClick={allow}>
            <Text>允许</Text>
          </View>
        </View>
      </View>
    </View>
  );
}
