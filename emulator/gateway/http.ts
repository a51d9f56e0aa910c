import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies above this are refused: the real gateway limits a call's data to a few MB as well. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number | string,
    message: string,
  ) {
    super(message);
  }
}

/** The request's body; over `maxBytes` (default MAX_BODY_BYTES) a 413. */
export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, -1, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req);
  if (!raw.length) return {};
  try {
    const parsed = JSON.parse(raw.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the typed error below
  }
  throw new HttpError(400, 'INVALID_JSON', 'body must be a JSON object');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The dev surface answers only this machine: 127.0.0.0/8 and ::1 (also as IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
