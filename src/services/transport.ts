/**
 * How a cloud function call leaves the app. Taro picks the platform file at build time:
 * transport.weapp.ts (wx.cloud.callFunction) or transport.h5.ts (the local emulator's gateway).
 * This file only gives TypeScript the shared signature; no build should ever bundle it.
 */

/** Calls cloud function `name` with `data` and resolves to what its `main` returned. Rejects on transport failure. */
export function invokeFunction(name: string, data: unknown): Promise<unknown> {
  return Promise.reject(new Error(`no cloud transport for platform ${process.env.TARO_ENV} (calling ${name} with ${typeof data})`));
}
