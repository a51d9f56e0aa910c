import Taro from '@tarojs/taro';
import { PHOTO_MAX_WIDTH } from './photoSize';

const isCancel = (err: unknown) => /cancel/i.test(String((err as { errMsg?: unknown })?.errMsg ?? ''));

/** A smaller JPEG of the picked photo (at most PHOTO_MAX_WIDTH wide, quality 70), or the photo itself where compressImage cannot. */
async function shrink(src: string): Promise<string> {
  try {
    const { width } = await Taro.getImageInfo({ src });
    const res = await Taro.compressImage({ src, quality: 70, ...(width > PHOTO_MAX_WIDTH ? { compressedWidth: PHOTO_MAX_WIDTH } : {}) });
    return res.tempFilePath;
  } catch {
    return src;
  }
}

/** Mini-program: the album or camera (compressed), then wx.cloud.uploadFile. */
export async function uploadPhoto(cloudPath: string): Promise<string | null> {
  let picked: string;
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
    picked = res.tempFiles[0]?.tempFilePath;
  } catch (err) {
    if (isCancel(err)) return null;
    throw err;
  }
  if (!picked) return null;
  const filePath = await shrink(picked);
  const uploaded = await Taro.cloud.uploadFile({ cloudPath, filePath });
  return uploaded.fileID;
}

export async function photoUrl(fileID: string): Promise<string | null> {
  const res = await Taro.cloud.getTempFileURL({ fileList: [fileID] });
  const [file] = res.fileList;
  return file && file.tempFileURL ? file.tempFileURL : null;
}
