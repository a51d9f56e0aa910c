import Taro from '@tarojs/taro';
import type { EntryOptions, ShareEntry } from './shareEntryTypes';

/** Mini-program: the app's onShow options, or wx.getEnterOptionsSync (the card the member last opened). */
export function readShareEntry(options?: EntryOptions): ShareEntry {
  let entered: EntryOptions | undefined = options;
  if (!entered) {
    try {
      entered = Taro.getEnterOptionsSync() as EntryOptions;
    } catch {
      entered = undefined; // base library before 2.9.4: the app's onShow covers it
    }
  }
  const shareId = entered?.query?.shareId;
  return { shareId: shareId ? String(shareId) : null, shareTicket: entered?.shareTicket || null };
}

/** wx.getShareInfo gives the group's CloudID, which only the cloud function can resolve to the openGId. */
export async function groupCloudId(shareTicket: string): Promise<string | null> {
  const info = (await Taro.getShareInfo({ shareTicket, timeout: 5000 })) as { cloudID?: string };
  return info.cloudID || null;
}

export function enableGroupShare(): void {
  try {
    void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined);
  } catch {
    // no share menu here (an old base library): the card still works, without the group
  }
}
