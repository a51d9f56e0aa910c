import Taro from '@tarojs/taro';

/** Mini-program: WeChat's own scanner. */
export const CAN_SCAN_CAMERA = true;

/** Only the camera (an album photo of a voucher is not the member standing at the counter), only QR codes. */
export async function scanVoucher(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return res.result;
  } catch (err) {
    // Closing the scanner rejects with errMsg "scanCode:fail cancel": not an error to show.
    const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : '';
    if (/cancel/i.test(errMsg)) return null;
    throw err;
  }
}
