/** H5 preview: a browser has no wx.scanCode; the workbench shows a text field to paste or type the code. */
export const CAN_SCAN_CAMERA = false;

export function scanVoucher(): Promise<string | null> {
  return Promise.reject(new Error('H5 预览不支持相机扫码，请粘贴二维码内容或输入取货码'));
}
