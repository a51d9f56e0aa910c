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

/** At most AVATAR_MAX_WIDTH wide, as a JPEG, like the small picture WeChat's chooseAvatar gives. */
async function shrink(file: File): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const image = new Image();
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error('无法读取这张图片'));
      image.src = url;
    });
    const scale = Math.min(1, AVATAR_MAX_WIDTH / img.naturalWidth);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('无法处理这张图片');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法处理这张图片'))), 'image/jpeg', 0.8));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A picked file, shrunk, through the local cloud's upload route (same origin), as wx.cloud.uploadFile. */
export async function uploadAvatar(_chosen: string | null, cloudPath: string): Promise<string | null> {
  const file = await pickFile();
  if (!file) return null;
  const body = new FormData();
  body.append('cloudPath', cloudPath);
  body.append('file', await shrink(file), 'avatar.jpg');
  const res = await fetch('/__dev/storage/upload', { method: 'POST', body });
  const answer = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null;
  if (!res.ok || !answer?.fileID) throw new Error(answer?.errMsg ? `上传失败：${answer.errMsg}` : `上传失败（HTTP ${res.status}）`);
  return answer.fileID;
}
