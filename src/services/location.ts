/**
 * The member's location, for the stores nearest first, and the map for 导航. Taro picks the platform
 * file at build time: location.weapp.ts (wx.getLocation, with the 位置 permission and WeChat's
 * privacy popup) or location.h5.ts (the preview stands in a fixed location, so its tests are
 * deterministic). This file only gives TypeScript the shared signatures; no build should ever bundle it.
 */
import type { LatLng, LocateFailure, LocateResult, MapPoint } from './locationTypes';

export type { LatLng, LocateFailure, LocateResult, MapPoint };

/** Asks for the location once; never rejects (a refusal or a failure is a result). */
export function locate(): Promise<LocateResult> {
  return Promise.reject(new Error(`no location for platform ${process.env.TARO_ENV}`));
}

/**
 * Asks again after `previous` failed. Call it inside the member's tap: a refused permission can only
 * be granted on WeChat's settings page, which opens only from a tap.
 */
export function locateAgain(previous: LocateFailure): Promise<LocateResult> {
  return Promise.reject(new Error(`no location for platform ${process.env.TARO_ENV} (${previous})`));
}

/** Opens the store on a map, from where the member can start navigation. */
export function openStoreMap(point: MapPoint): Promise<void> {
  return Promise.reject(new Error(`no map for platform ${process.env.TARO_ENV} (${point.name})`));
}
