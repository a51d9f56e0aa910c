import { currentPersona } from '../dev/personas';

/**
 * H5 preview: POST to the local emulator's gateway (same origin, it serves this build).
 * The gateway stands in for WeChat's identity with the `x-openid` header of the chosen demo persona.
 * Answers: 200 `{ result }` (what the function's main returned) or 500 `{ errCode, errMsg }`.
 */
export async function invokeFunction(name: string, data: unknown): Promise<unknown> {
  const res = await fetch(`/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': currentPersona().openid },
    body: JSON.stringify({ data }),
  });
  const body = (await res.json().catch(() => null)) as { result?: unknown; errCode?: unknown; errMsg?: unknown } | null;
  if (!res.ok || !body || !('result' in body)) {
    const detail = body && body.errMsg ? `${String(body.errCode)} ${String(body.errMsg)}` : `HTTP ${res.status}`;
    throw new Error(`gateway: ${detail}`);
  }
  return body.result;
}
