/**
 * Binding the member's phone: WeChat's Button openType="getPhoneNumber" answers with a CloudID that
 * only member.bindPhone can resolve (cloud.getOpenData, on the server). Taro picks the platform file
 * at build time: phone.weapp.ts (the button's event) or phone.h5.ts (the preview has no such sheet:
 * a tap stands in with a dev CloudID the local cloud resolves, as the group share tickets do).
 * This file only gives TypeScript the shared signatures; no build should ever bundle it.
 */

import type { PhoneNumberDetail } from './phoneTypes';

export type { PhoneNumberDetail };

/** True where a plain tap stands in for WeChat's phone sheet (the preview). */
export const PHONE_ON_TAP: boolean = false;

/** The CloudID to send to member.bindPhone, or null when the member declined. */
export function phoneCloudId(detail: PhoneNumberDetail | null): string | null {
  throw new Error(`no phone binding for platform ${process.env.TARO_ENV} (${detail?.errMsg ?? ''})`);
}
