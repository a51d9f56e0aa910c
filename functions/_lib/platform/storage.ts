import cloud from 'wx-server-sdk';

/** CloudBase answers temporary URLs for at most 50 files a call. */
const PER_CALL = 50;
/** Long enough for a shopping session; the shop asks again on its next load. */
const PHOTO_URL_SECONDS = 2 * 3600;

/**
 * Temporary URLs for cloud-storage files (product photos, banners), a call per 50 files. A file that
 * is missing or refused is simply left out: the shop shows its drawing instead of a broken image.
 */
export async function tempUrls(fileIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(fileIds.filter(Boolean))];
  const urls = new Map<string, string>();
  for (let i = 0; i < unique.length; i += PER_CALL) {
    const chunk = unique.slice(i, i + PER_CALL);
    try {
      const res = (await cloud.getTempFileURL({ fileList: chunk.map((fileID) => ({ fileID, maxAge: PHOTO_URL_SECONDS })) })) as { fileList: Array<{ fileID: string; tempFileURL: string; status: number }> };
      for (const f of res.fileList) if (f.status === 0 && f.tempFileURL) urls.set(f.fileID, f.tempFileURL);
    } catch (err) {
      console.error('[storage] no temporary URLs', chunk.length, err);
    }
  }
  return urls;
}
