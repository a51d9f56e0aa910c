/**
 * Reading a pickup voucher with the camera. Taro picks the platform file at build time:
 * scan.weapp.ts (wx.scanCode) or scan.h5.ts (the H5 preview has no camera API: staff type or paste).
 * This file only gives TypeScript the shared signatures; no build should ever bundle it.
 */

/** True where `scanVoucher` can open a camera scanner. */
export const CAN_SCAN_CAMERA: boolean = false;

/** Opens the QR scanner; resolves to the scanned text, or null when the user closed the scanner. */
export function scanVoucher(): Promise<string | null> {
  return Promise.reject(new Error(`no camera scanner for platform ${process.env.TARO_ENV}`));
}
