export function contentHash(root: string, paths: readonly string[]): string;
export function statStamp(root: string, files: readonly string[]): string;
