/**
 * Every error code the local database answers with. All names are real CloudBase codes (from the
 * NoSQL API error table and @cloudbase/database's ERRORS), so code written against the emulator
 * sees what production would send. wx-server-sdk turns `code` into `errCode` through its
 * TCB_ERR_CODE table; the resulting number is noted per code (-501001 = "unknown to the SDK").
 */
export const ErrorCode = {
  /** Malformed request: missing or mistyped field, bad EJSON, negative limit/offset, unknown action. (-501007) */
  INVALID_PARAM: 'INVALID_PARAM',
  /** Operation not allowed here: where()/multi writes inside a transaction, $out/$merge stages. Misspelt as in the real service. (-502002) */
  DATABASE_INVALID_OPERRATOR: 'DATABASE_INVALID_OPERRATOR',
  /** The collection was never created (addCollection or the schema). (-502005) */
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  /** addCollection for a name that already exists. (-501001) */
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** Duplicate _id or unique-index key (a missing field counts as null). (-501001) */
  DATABASE_DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  /** The query engine rejected the command: unknown operator, conflicting update paths, changing _id, oversized document, a refused $jsonSchema, a geo query without a 2dsphere index. (-502001; an aggregation's error reaches the caller as errCode -1) */
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** Another transaction holds the document's write lock, or it changed after this transaction began. runTransaction retries this only at commit. (-501001) */
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** Transaction unknown, already ended, or past its 30 s limit: the service says "TransactionNotExist" for all three. (-501001) */
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** A failure inside the emulator itself (a bug or a storage error), never the caller's fault. (-501001) */
  SYS_ERR: 'SYS_ERR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A user-facing failure: `handle` turns it into `{ code, message }` instead of throwing. */
export class DbError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}
