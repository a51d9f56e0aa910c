import Taro from '@tarojs/taro';
import type { LocateFailure, LocateResult, MapPoint } from './locationTypes';

/**
 * Mini-program: wx.getLocation in GCJ-02 (declared in app.json's requiredPrivateInfos, with the
 * scope.userLocation reason in `permission`). No wx.onNeedPrivacyAuthorization listener is
 * registered, so when the member has not yet agreed to the 用户隐私保护指引 WeChat shows its own
 * privacy popup before the permission dialog (registering one would make every privacy API of the
 * app, the clipboard and the console's photo picker too, wait for a popup of ours).
 */

/** wx APIs reject with `{ errMsg }`; the reason is only in its words. */
function reasonOf(err: unknown): LocateFailure {
  const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err);
  if (/privacy/i.test(errMsg)) return 'privacy';
  // The phone's location switch, or WeChat's own location permission in the phone's settings.
  if (/system permission|locationswitchoff|location service|ERROR_NOCELL|ERROR_SERVER_NOT_LOCATION/i.test(errMsg)) return 'off';
  if (/auth deny|auth denied|authorize/i.test(errMsg)) return 'denied';
  return 'failed';
}

export async function locate(): Promise<LocateResult> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, location: { lat: res.latitude, lng: res.longitude } };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

export async function locateAgain(previous: LocateFailure): Promise<LocateResult> {
  if (previous === 'denied') {
    // WeChat asks for a refused permission only once; after that, only its settings page grants it.
    try {
      const { authSetting } = await Taro.openSetting();
      if (!authSetting['scope.userLocation']) return { ok: false, reason: 'denied' };
    } catch {
      return { ok: false, reason: 'denied' };
    }
  }
  return locate();
}

export async function openStoreMap(point: MapPoint): Promise<void> {
  await Taro.openLocation({ latitude: point.location.lat, longitude: point.location.lng, name: point.name, address: point.address, scale: 16 });
}
