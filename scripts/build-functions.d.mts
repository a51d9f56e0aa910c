export function functionNames(): string[];
export function buildFunctions(options?: { quiet?: boolean; sourcemap?: boolean }): Promise<string[]>;
