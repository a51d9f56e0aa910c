export function functionNames(): string[];
export function buildFunctions(options?: { quiet?: boolean }): Promise<string[]>;
