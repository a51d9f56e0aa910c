// Error codes the host reports, with the numbers WeChat Cloud uses, so code written
// against the emulator reads the same codes it will meet in production.

export const FunctionErrorCode = {
  /** Unknown function. WeChat answers `errCode: -501000 | errMsg: FunctionName parameter could not be found.` (user error) */
  FUNCTION_NOT_FOUND: -501000,
  /** The function threw, rejected, returned something not JSON-serialisable, or its instance crashed. TCB_ERR_CODE.FUNCTIONS_EXECUTE_FAIL in wx-server-sdk. */
  FUNCTIONS_EXECUTE_FAIL: -504002,
  /** Ran past the time limit; the instance is killed, as on SCF ("Invoking task timed out after N seconds"). */
  FUNCTIONS_TIME_LIMIT_EXCEEDED: -504003,
} as const;

export const FUNCTION_NOT_FOUND_MESSAGE = 'FunctionName parameter could not be found.';

/**
 * String codes the admin API answers with (`{ code, message, requestId }`). What a calling
 * function then sees depends on the SDK path (read in wx-server-sdk 4.0.2 / node-sdk 3.17.2):
 * - callFunction: node-sdk throws on any `code`, so the caller gets errCode -1, err.code = the
 *   string below and errMsg `callFunction:fail <message>` (message starts with the numeric code).
 * - cloudPay (wx.wxPayApi): the code is mapped through TCB_ERR_CODE (INVALID_PARAM → -501007).
 */
export const TcbErrorString = {
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  FUNCTION_NOT_FOUND: 'ResourceNotFound.Function',
  INVALID_PARAM: 'INVALID_PARAM',
} as const;
