export function functionNames(): string[];
export function zodMembersUsed(): Promise<{ importers: Set<string>; members: string[] }>;
export function buildFunctions(options?: { quiet?: boolean; sourcemap?: boolean; outDir?: string; metafile?: boolean; names?: string[] }): Promise<string[] & { metafiles?: Record<string, import('esbuild').Metafile> }>;
export function bundleAsFunctions(contents: string): Promise<string>;
