import type { PhoneNumberDetail } from './phoneTypes';

/** H5 preview: a tap stands in for WeChat's phone sheet (never in the mini-program build). */
export const PHONE_ON_TAP = true;

/** The demo number the preview binds: the local cloud resolves `dev-cloudid:<json>` to that JSON. */
const DEV_PHONE_CLOUD_ID = `dev-cloudid:${JSON.stringify({ phoneNumber: '13800138000' })}`;

export function phoneCloudId(_detail: PhoneNumberDetail | null): string | null {
  return DEV_PHONE_CLOUD_ID;
}
