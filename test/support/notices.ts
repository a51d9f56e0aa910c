import type { Result } from '@contract/errors';
import type { NoticeKey } from '@contract/vocabulary';
import type { SentMessage } from '@emulator/openApi/subscribeMessage';
import type { EmulatorInstance } from './emulator';
import { okData } from './shop';

/** The local cloud's template id for each kind of message (localCloud.config.ts). */
export const templateOf = (key: NoticeKey) => `local-tpl-${key}`;

/**
 * What tapping 允许 in WeChat's sheet does: WeChat records one more accept for the user (the local
 * cloud's /__dev/subscriptions) and the app reports it with member.subscribe.
 */
export async function acceptNotices(cloud: EmulatorInstance, openid: string, keys: NoticeKey[]): Promise<Record<NoticeKey, number>> {
  const { subscriptions } = okData(
    await cloud.call<Result<{ subscriptions: Record<NoticeKey, number> }>>('member', { action: 'subscribe', results: Object.fromEntries(keys.map((k) => [k, 'accept'])) }, openid),
  );
  for (const key of keys) await cloud.post('/__dev/subscriptions', { openid, templateId: templateOf(key), count: subscriptions[key] });
  return subscriptions;
}

/** Every message the local cloud delivered, optionally only one member's or one kind's. */
export async function messages(cloud: EmulatorInstance, filter: { openid?: string; key?: NoticeKey } = {}): Promise<SentMessage[]> {
  const all = (await cloud.get<SentMessage[]>('/__dev/messages')).body;
  return all.filter((m) => (!filter.openid || m.touser === filter.openid) && (!filter.key || m.templateId === templateOf(filter.key)));
}
