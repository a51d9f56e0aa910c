import Taro from '@tarojs/taro';
import { toCloudCallError, type CloudCallError } from './cloud';

/**
 * What the member is told about the actions they start (a button: claim, pay, cancel…), in one
 * place: the toasts' look and length, the loading mask, and the failure's Chinese message.
 * Screens that load data show their errors inline (useCloud, ErrorState) instead.
 */

/** How long a failure stays: it is a sentence to read, longer than WeChat's 1.5 s default. */
export const ERROR_TOAST_MS = 2000;

/** A toast's text, or the text with WeChat's ✓ icon (at most 7 characters show beside it). */
export type ToastText = string | { title: string; icon: 'success' | 'none' };

/** A short notice: done, switched, copied, or why a tap did nothing. */
export function toast(title: string, icon: 'none' | 'success' = 'none'): void {
  void Taro.showToast({ title, icon });
}

/** A failure's message (the server's Chinese words, or the screen's rewording of them). */
export function toastError(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: ERROR_TOAST_MS });
}

/** A sentence to read that is no failure (why a switch did nothing): it stays as long as a failure's message. */
export function toastNote(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: ERROR_TOAST_MS });
}

/** WeChat's masked loading while `work` runs; hidden however it ends. */
export async function withLoading<T>(title: string, work: () => Promise<T>): Promise<T> {
  void Taro.showLoading({ title, mask: true });
  try {
    return await work();
  } finally {
    void Taro.hideLoading();
  }
}

/** How an action ended, the shape of a cloud function's own answer. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: CloudCallError };

export interface ActionOptions<T> {
  /** A masked loading indicator while the action runs. */
  loading?: string;
  /** Said when it worked: fixed, or from the answer (undefined: nothing). By default nothing is said. */
  success?: ToastText | ((data: T) => ToastText | undefined);
  /**
   * The failure toast's text: the error's own message by default, or the screen's rewording; false
   * when the screen tells the member some other way (a dialog) and only wants the error back.
   */
  error?: false | ((error: CloudCallError) => string);
}

/**
 * Runs one user action (usually one or more `callCloud`s) and tells the member how it went: on
 * failure a toast with the error's Chinese message, on success the `success` toast if any. Never
 * rejects: answers `{ ok: true, data }` or `{ ok: false, error }` for the screen to branch on.
 * The loading indicator, if asked for, is hidden before any toast (hiding it would hide the toast).
 */
export async function runAction<T>(action: () => Promise<T>, options: ActionOptions<T> = {}): Promise<ActionResult<T>> {
  let result: ActionResult<T>;
  try {
    const data = await (options.loading ? withLoading(options.loading, action) : action());
    result = { ok: true, data };
  } catch (err) {
    result = { ok: false, error: toCloudCallError(err) };
  }
  if (result.ok) {
    const said = typeof options.success === 'function' ? options.success(result.data) : options.success;
    if (typeof said === 'string') toast(said);
    else if (said) toast(said.title, said.icon);
  } else if (options.error !== false) {
    toastError(options.error ? options.error(result.error) : result.error.message);
  }
  return result;
}
