/**
 * CloudIDs in a client call. In WeChat, `wx.cloud.CloudID(id)` inside callFunction data reaches the
 * function already resolved as `{ cloudID, data }`. The preview has no WeChat to mint real ones, so
 * the dev form is a value `{ "$cloudID": "dev-cloudid:<json>" }`, which becomes
 * `{ cloudID: "dev-cloudid:<json>", data: <json> }`; any other id becomes `{ cloudID, errCode, errMsg }`
 * the way WeChat reports an id it cannot resolve.
 */
export const DEV_CLOUD_ID_PREFIX = 'dev-cloudid:';

export function decodeDevCloudId(cloudID: string): { ok: true; data: unknown } | { ok: false; errMsg: string } {
  if (!cloudID.startsWith(DEV_CLOUD_ID_PREFIX)) return { ok: false, errMsg: 'cloudID invalid' };
  try {
    return { ok: true, data: JSON.parse(cloudID.slice(DEV_CLOUD_ID_PREFIX.length)) };
  } catch {
    return { ok: false, errMsg: 'cloudID invalid: not JSON after the dev-cloudid: prefix' };
  }
}

export function resolveCloudIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveCloudIds);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$cloudID' && typeof record.$cloudID === 'string') {
    const cloudID = record.$cloudID;
    const decoded = decodeDevCloudId(cloudID);
    return decoded.ok ? { cloudID, data: decoded.data } : { cloudID, errCode: -601006, errMsg: decoded.errMsg };
  }
  return Object.fromEntries(keys.map((key) => [key, resolveCloudIds(record[key])]));
}
