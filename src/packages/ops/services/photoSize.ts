/**
 * The widest a stored photo is (px): enough for any phone screen at 2×–3×, small to load. Its own
 * file because photo.weapp.ts and photo.h5.ts cannot import values from './photo' (Taro resolves
 * that name to the platform file itself).
 */
export const PHOTO_MAX_WIDTH = 1280;
