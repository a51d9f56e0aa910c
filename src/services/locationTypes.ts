/** A point on the map in GCJ-02 (WeChat's and Tencent Maps' coordinates), as `catalog.stores` takes it. */
export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * Why there is no location: the member refused the 位置 permission (`denied`, asked again only from
 * the settings page), did not agree to the privacy guide (`privacy`), the phone's location service is
 * off (`off`), or anything else (`failed`).
 */
export type LocateFailure = 'denied' | 'privacy' | 'off' | 'failed';

export type LocateResult = { ok: true; location: LatLng } | { ok: false; reason: LocateFailure };

/** What 导航 needs of a store. */
export interface MapPoint {
  name: string;
  address: string;
  location: LatLng;
}
