import type { PhoneNumberDetail } from './phoneTypes';

/** Mini-program: WeChat's own sheet, through the button's getphonenumber event. */
export const PHONE_ON_TAP = false;

/** A declined sheet ("getPhoneNumber:fail user deny") carries no CloudID: nothing to bind. */
export function phoneCloudId(detail: PhoneNumberDetail | null): string | null {
  return detail?.cloudID || null;
}
