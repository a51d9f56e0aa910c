import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { choosePersona, currentPersona, PERSONAS } from '@/dev/personas';
import { InboxPanel, useInbox } from './inbox';
import './index.scss';

const WORKBENCH_URL = '/packages/staff/pages/workbench/index';

/**
 * H5 preview only: pick which demo WeChat user the gateway should see (x-openid).
 * Choosing one stores it and reloads the app, as if another person had opened it.
 * 消息 shows the subscribe messages the local cloud delivered to that user.
 */
export function PersonaSwitcher() {
  const [open, setOpen] = useState<'personas' | 'inbox' | null>(null);
  const current = currentPersona();
  const inbox = useInbox(current.openid);

  const pick = (id: string) => {
    setOpen(null);
    if (id === current.id) return;
    choosePersona(id);
    window.location.reload();
  };

  const toggle = (panel: 'personas' | 'inbox') => {
    if (panel === 'inbox' && open !== 'inbox') inbox.refresh();
    setOpen((shown) => (shown === panel ? null : panel));
  };

  const count = inbox.messages.length;

  return (
    <View className='persona-switcher' data-testid='persona-switcher'>
      {open && <View className='persona-switcher__mask' onClick={() => setOpen(null)} />}
      {open === 'personas' && (
        <View className='persona-switcher__panel' data-testid='persona-panel'>
          <Text className='persona-switcher__heading'>预览身份（仅 H5 预览）</Text>
          {PERSONAS.map((p) => (
            <View
              key={p.id}
              className={`persona-switcher__option${p.id === current.id ? ' persona-switcher__option--current' : ''}`}
              data-testid={`persona-${p.id}`}
              onClick={() => pick(p.id)}
            >
              <Text className='persona-switcher__label'>{p.label}</Text>
              <Text className='persona-switcher__openid'>{p.openid}</Text>
            </View>
          ))}
          <View
            className='persona-switcher__link'
            data-testid='persona-open-workbench'
            onClick={() => {
              setOpen(null);
              void Taro.navigateTo({ url: WORKBENCH_URL });
            }}
          >
            <Text>打开店员工作台 ›</Text>
          </View>
        </View>
      )}
      {open === 'inbox' && <InboxPanel inbox={inbox} onOpened={() => setOpen(null)} />}
      {/* One pill, placed by each page (.persona-switcher__toggle): 消息 and 切换身份. */}
      <View className='persona-switcher__toggle'>
        <View className='persona-switcher__part' data-testid='persona-inbox' onClick={() => toggle('inbox')}>
          <Text className='persona-switcher__toggle-text'>消息</Text>
          {count > 0 && (
            <Text className='persona-switcher__badge' data-testid='persona-inbox-badge'>
              {count > 99 ? '99+' : count}
            </Text>
          )}
        </View>
        <View className='persona-switcher__part persona-switcher__part--who' data-testid='persona-toggle' onClick={() => toggle('personas')}>
          <Text className='persona-switcher__toggle-text'>切换身份 · {current.label}</Text>
        </View>
      </View>
    </View>
  );
}
