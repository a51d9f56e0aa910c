/**
 * Product and banner photos: pick one, shrink it, put it in cloud storage. Taro picks the platform
 * file at build time: photo.weapp.ts (chooseMedia, compressImage, wx.cloud.uploadFile) or photo.h5.ts
 * (a file input, a canvas, the local cloud's upload route). This file only gives TypeScript the
 * shared signatures; no build should ever bundle it.
 */

/** Lets the operator pick a photo, shrinks it (at most PHOTO_MAX_WIDTH wide, photoSize.ts) and uploads it to `cloudPath`: its fileID, or null when they changed their mind. */
export function uploadPhoto(cloudPath: string): Promise<string | null> {
  return Promise.reject(new Error(`no photo upload for platform ${process.env.TARO_ENV} (${cloudPath})`));
}

/** A temporary URL to show a stored photo (null when it cannot be had). */
export function photoUrl(fileID: string): Promise<string | null> {
  return Promise.reject(new Error(`no photo URL for platform ${process.env.TARO_ENV} (${fileID})`));
}
