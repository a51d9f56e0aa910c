import { shrinkToJpeg } from '@/services/imageShrink.h5';
import { PHOTO_MAX_WIDTH } from './photoSize';

/** JPEG quality of the preview's resized photo. */
const JPEG_QUALITY = 0.75;

/** The page's one hidden file input (created on first use); each pick replaces the one before. */
let pending: ((file: File | null) => void) | null = null;

function fileInput(): HTMLInputElement {
  const existing = document.getElementById('ops-photo-input') as HTMLInputElement | null;
  if (existing) return existing;
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  input.id = 'ops-photo-input';
  input.setAttribute('data-testid', 'photo-file-input');
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const file = input.files?.[0] ?? null;
    input.value = '';
    pending?.(file);
    pending = null;
  });
  input.addEventListener('cancel', () => {
    pending?.(null);
    pending = null;
  });
  document.body.appendChild(input);
  return input;
}

function pickFile(): Promise<File | null> {
  const input = fileInput();
  pending?.(null);
  return new Promise((resolve) => {
    pending = resolve;
    input.click();
  });
}

/** H5 preview: a file input, a canvas, then the local cloud's upload route (same origin), as wx.cloud.uploadFile. */
export async function uploadPhoto(cloudPath: string): Promise<string | null> {
  const file = await pickFile();
  if (!file) return null;
  const body = new FormData();
  body.append('cloudPath', cloudPath);
  body.append('file', await shrinkToJpeg(file, PHOTO_MAX_WIDTH, JPEG_QUALITY), 'photo.jpg');
  const res = await fetch('/__dev/storage/upload', { method: 'POST', body });
  const answer = (await res.json().catch(() => null)) as { fileID?: string; errMsg?: string } | null;
  if (!res.ok || !answer?.fileID) throw new Error(answer?.errMsg ? `上传失败：${answer.errMsg}` : `上传失败（HTTP ${res.status}）`);
  return answer.fileID;
}

export async function photoUrl(fileID: string): Promise<string | null> {
  const res = await fetch('/__dev/storage/tempUrls', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileList: [fileID] }) });
  const answer = (await res.json().catch(() => null)) as { fileList?: Array<{ tempFileURL?: string }> } | null;
  return answer?.fileList?.[0]?.tempFileURL || null;
}
