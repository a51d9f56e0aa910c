export const FUNCTION_BUNDLE_BUDGET_BYTES: number;
export function functionBundleSizes(dir?: string): Array<{ name: string; bytes: number }>;
export function checkFunctionsBudget(): Promise<Array<{ name: string; bytes: number }>>;
