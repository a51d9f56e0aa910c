// The object requests (COS's role) as the gateway mounts them: PUT /__storage/<bucket>/<cloudPath>
// (wx-server-sdk's upload, authorized by storage.getUploadMetadata) and GET or HEAD on a temporary URL.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectAnswer, StorageService } from './service';

/**
 * Reads an upload's bytes, keeping at most `maxBytes`: a larger body is read to its end and dropped,
 * so the SDK (still streaming it) gets COS's EntityTooLarge answer instead of a reset connection.
 */
export async function readUpload(req: IncomingMessage, maxBytes: number): Promise<Buffer | { tooLarge: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return size > maxBytes ? { tooLarge: size } : Buffer.concat(chunks);
}

/** `/__storage/<bucket>/<percent-encoded cloudPath>` → the cloudPath, or undefined when it does not decode. */
export function decodeObjectKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export function sendObjectAnswer(res: ServerResponse, answer: ObjectAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body); // a HEAD request's body is dropped by node:http
}

/** PUT: read, then store (or refuse) and answer. */
export async function handlePutObject(req: IncomingMessage, res: ServerResponse, storage: StorageService, bucket: string, encodedKey: string): Promise<void> {
  const body = await readUpload(req, storage.maxFileBytes);
  const cloudPath = decodeObjectKey(encodedKey) ?? '';
  const header = req.headers.authorization ?? req.headers.signature;
  sendObjectAnswer(res, storage.putObject(bucket, cloudPath, Array.isArray(header) ? header[0] : header, body));
}

/** GET or HEAD on a temporary URL. */
export function handleGetObject(res: ServerResponse, storage: StorageService, bucket: string, encodedKey: string, query: URLSearchParams): void {
  sendObjectAnswer(res, storage.getObject(bucket, decodeObjectKey(encodedKey) ?? '', query));
}
