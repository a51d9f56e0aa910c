// A small multipart/form-data reader. The SDK's cloudPay / openApi requests carry Buffer
// fields (apiOptions is protobuf), which Response.formData() would decode as UTF-8 text
// and corrupt, so parts are kept as raw bytes here.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {
  readonly code = 'BAD_MULTIPART';
}

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType.trim()) || !match) {
    throw new MultipartError(`expected multipart/form-data with a boundary, got "${contentType}"`);
  }
  return match[1] ?? match[2];
}

function parseHeaders(block: string): { name?: string; filename?: string; contentType?: string } {
  const out: { name?: string; filename?: string; contentType?: string } = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      out.name = /\bname="([^"]*)"/i.exec(value)?.[1];
      out.filename = /\bfilename="([^"]*)"/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      out.contentType = value;
    }
  }
  return out;
}

/** Parts by field name (a repeated name keeps the last part, which the SDK never sends). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, MultipartPart> {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const parts = new Map<string, MultipartPart>();
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError('multipart body has no boundary line');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts; // closing delimiter
    pos += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new MultipartError('multipart part without a header end');
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new MultipartError('multipart body is not terminated');
    if (headers.name !== undefined) {
      parts.set(headers.name, {
        name: headers.name,
        filename: headers.filename,
        contentType: headers.contentType,
        data: body.subarray(headerEnd + 4, next),
      });
    }
    pos = next + 2;
  }
}
