import { shrinkToJpeg } from './imageShrink.h5';

/** The widest an avatar is stored in the preview (px): it is shown at 96 design px. */
const AVATAR_MAX_WIDTH = 256;

/** H5 preview: there is no chooseAvatar sheet, so a tap on the avatar opens a file picker. */
export const PICKS_AVATAR_ON_TAP = true;

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.setAttribute('data-testid', 'avatar-file-input');
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** A picked file, shrunk, through the local cloud's upload route (same origin), as wx.cloud.uploadFile. */
export async function uploadAvatar(_chosen: string | null, cloudPath: string): Promise<string | null> {
  const file = await pickFile();
  if (!file) return null;
  const body = new FormData();
  body.append('cloudPath', cloudPath);
  body.append('file', await shrinkToJpeg(file, AVATAR_MAX_WIDTH, 0.8), 'avatar.jpg');
  const res = await fetch('/__dev/storage/upload', { method: 'POST', body });
  const answer = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null;
  if (!res.ok || !answer?.fileID) throw new Error(answer?.errMsg ? `上传失败：${answer.errMsg}` : `上传失败（HTTP ${res.status}）`);
  return answer.fileID;
}
