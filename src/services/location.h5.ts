import type { LatLng, LocateFailure, LocateResult, MapPoint } from './locationTypes';

/**
 * H5 preview: a browser's geolocation would ask the developer's own position (and in WGS-84, not
 * WeChat's GCJ-02), so the preview stands in a fixed point instead: 深圳市民中心 in 福田, among the
 * demo stores, so 门店 shows them nearest first with real distances, and the browser tests always
 * see the same order. Never in the mini-program build.
 */
export const PREVIEW_LOCATION: LatLng = { lat: 22.5431, lng: 114.0579 };

export function locate(): Promise<LocateResult> {
  return Promise.resolve({ ok: true, location: PREVIEW_LOCATION });
}

export function locateAgain(_previous: LocateFailure): Promise<LocateResult> {
  return locate();
}

/** A browser has no wx.openLocation: Amap's marker page (GCJ-02 as well) in a new tab. */
export function openStoreMap(point: MapPoint): Promise<void> {
  const { lat, lng } = point.location;
  const url = `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(point.name)}&coordinate=gaode&callnative=0`;
  window.open(url, '_blank', 'noopener');
  return Promise.resolve();
}
