/** Limits of the real service that the emulator enforces, each with its source. */

/** get() from a cloud function returns at most 1000 documents (documented); larger limits are clamped, as the SDK itself does. */
export const MAX_QUERY_LIMIT = 1000;

/** Limit assumed when a request carries none; the SDK always sends 100 in that case. */
export const DEFAULT_QUERY_LIMIT = 100;

/** An aggregation without a $limit stage returns 20 documents (documented). */
export const AGGREGATE_DEFAULT_LIMIT = 20;

/** A transaction must commit within 30 s of its start (documented), or it fails and loses its locks. */
export const TRANSACTION_TIMEOUT_MS = 30_000;

/** At most 20 indexes per collection (documented); checked against the schema at open. */
export const MAX_INDEXES_PER_COLLECTION = 20;

/** A document may be at most 16 MB (documented); measured on its stored EJSON text. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Generated _id values are 32 hex characters, like the ones the real service returns. */
export const GENERATED_ID_BYTES = 16;
