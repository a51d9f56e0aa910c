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

/**
 * The request's body; over `maxBytes` (default MAX_BODY_BYTES) a 413. Read with 'data' events rather
 * than an async iterator: one callback per chunk instead of a promise each, on every request.
 */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        // Read on to the end unanswered, so the caller gets the 413 rather than a reset.
        refused = true;
        fail(new HttpError(413, -1, 'request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => ok(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', fail);
  });
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
  // Encoded once: the length is the buffer's, not a second pass over the text.
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
  res.end(bytes);
}

/** The dev surface answers only this machine: 127.0.0.0/8 and ::1 (also as IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
