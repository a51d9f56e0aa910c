import { ERROR_MESSAGES, type CloudError, type ErrorCode } from '@contract/errors';

/** A user-facing failure: the handler turns it into `{ ok: false, error }`. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }

  toCloudError(): CloudError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}
