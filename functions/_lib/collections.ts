/** Collection names, in one place (database/schema.json declares the same ones with their indexes). */
export const COLLECTIONS = {
  members: 'members',
  ledger: 'ledger',
} as const;

/** The cloud database answers this errCode for a duplicate key (unique index or _id). */
export function isDuplicateKey(err: unknown): boolean {
  const text = String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? '');
  return /duplicate|E11000|DUPLICATE/i.test(text);
}

/** wx-server-sdk's typings return unions that include string and void; these name what a call really answers. */
export function rowsOf<T>(res: unknown): T[] {
  return (res as { data: T[] }).data;
}

export function docOf<T>(res: unknown): T {
  return (res as { data: T }).data;
}

export function updatedOf(res: unknown): number {
  return (res as { stats: { updated: number } }).stats.updated;
}
