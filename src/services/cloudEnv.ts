/**
 * The WeChat Cloud Development environment the mini-program talks to (云开发 → 设置 → 环境 ID).
 * Replace with the real environment id before uploading; the H5 preview does not use it
 * (it talks to the local emulator's gateway).
 */
export const CLOUD_ENV = 'guoli-dev';
