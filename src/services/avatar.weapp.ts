import Taro from '@tarojs/taro';

/** Mini-program: WeChat's chooseAvatar sheet answers through the button's event. */
export const PICKS_AVATAR_ON_TAP = false;

/** The temporary file chooseAvatar gave (already a small picture), put in cloud storage. */
export async function uploadAvatar(chosen: string | null, cloudPath: string): Promise<string | null> {
  if (!chosen) return null;
  const uploaded = await Taro.cloud.uploadFile({ cloudPath, filePath: chosen });
  return uploaded.fileID;
}
