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
 * String codes the admin API answers with (`{ code, message }`), which wx-server-sdk maps through
 * TCB_ERR_CODE. There is no string that maps to -501000, so a missing function reaches a calling
 * function as -501001 (SYS_ERR) with the real message, as an unmapped code would.
 */
export const TcbErrorString = {
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  FUNCTION_NOT_FOUND: 'ResourceNotFound.Function',
  INVALID_PARAM: 'INVALID_PARAM',
} as const;
