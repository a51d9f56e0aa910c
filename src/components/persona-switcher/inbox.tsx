import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatShanghaiDateTime } from '@/utils/date';
import { messagesFor, messageTarget, messageView, type DeliveredMessage } from '@/dev/wechatInbox';

export interface Inbox {
  messages: DeliveredMessage[];
  loading: boolean;
  failed: boolean;
  refresh: () => void;
}

/** The subscribe messages the local cloud delivered to this persona, newest first (H5 preview only). */
export function useInbox(openid: string): Inbox {
  const [messages, setMessages] = useState<DeliveredMessage[]>([]);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  const refresh = useCallback(() => {
    setLoading(true);
    messagesFor(openid).then(
      (found) => {
        setMessages(found);
        setFailed(false);
        setLoading(false);
      },
      () => {
        setFailed(true);
        setLoading(false);
      },
    );
  }, [openid]);
  useEffect(() => refresh(), [refresh]);
  return { messages, loading, failed, refresh };
}

function open(message: DeliveredMessage): void {
  if (!message.page) return;
  const target = messageTarget(message.page);
  if (target.tab) void Taro.switchTab({ url: target.url });
  else void Taro.navigateTo({ url: target.url });
}

/**
 * 消息: what WeChat's 服务通知 would show this persona, one card per message (its title, each field
 * labelled, when it came); tapping one opens the page it names, as in WeChat.
 */
export function InboxPanel({ inbox, onOpened }: { inbox: Inbox; onOpened: () => void }) {
  const { messages, loading, failed } = inbox;
  let body: JSX.Element | JSX.Element[];
  if (messages.length) {
    body = messages.map((message, i) => {
      const view = messageView(message);
      return (
        <View
          key={`${message.at}-${i}`}
          className='persona-switcher__message'
          data-testid='inbox-message'
          onClick={() => {
            onOpened();
            open(message);
          }}
        >
          <View className='persona-switcher__message-head'>
            <Text className='persona-switcher__message-title'>{view.title}</Text>
            <Text className='persona-switcher__message-time'>{formatShanghaiDateTime(message.at)}</Text>
          </View>
          {view.fields.map((field) => (
            <Text key={field} className='persona-switcher__message-field'>
              {field}
            </Text>
          ))}
          {message.page ? <Text className='persona-switcher__message-open'>进入小程序查看 ›</Text> : null}
        </View>
      );
    });
  } else if (failed) {
    body = <Text className='persona-switcher__empty'>消息读取失败，请稍后再试</Text>;
  } else {
    body = (
      <Text className='persona-switcher__empty' data-testid='inbox-empty'>
        {loading ? '加载中…' : '还没有收到消息'}
      </Text>
    );
  }
  return (
    <View className='persona-switcher__panel' data-testid='inbox-panel'>
      <Text className='persona-switcher__heading'>服务通知 · 订阅消息（仅 H5 预览）</Text>
      <View className='persona-switcher__messages'>{body}</View>
    </View>
  );
}
