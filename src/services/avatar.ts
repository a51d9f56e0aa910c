/**
 * The member's avatar: WeChat's 头像昵称填写 gives a temporary file (Button openType="chooseAvatar"),
 * which goes to cloud storage; member.setProfile stores its fileID. Taro picks the platform file at
 * build time: avatar.weapp.ts (wx.cloud.uploadFile) or avatar.h5.ts (the preview has no chooseAvatar:
 * a file picker, then the local cloud's upload route). This file only gives TypeScript the shared
 * signatures; no build should ever bundle it.
 */

/** True where tapping the avatar button must pick the picture itself (the preview), instead of WeChat's chooseAvatar event. */
export const PICKS_AVATAR_ON_TAP: boolean = false;

/**
 * Uploads the chosen avatar to `cloudPath`: `chosen` is the temporary path WeChat's chooseAvatar
 * gave (the preview picks a file itself and ignores it). Its fileID, or null when nothing was chosen.
 */
export function uploadAvatar(chosen: string | null, cloudPath: string): Promise<string | null> {
  return Promise.reject(new Error(`no avatar upload for platform ${process.env.TARO_ENV} (${chosen ?? ''} → ${cloudPath})`));
}
