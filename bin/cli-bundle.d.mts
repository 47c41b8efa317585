export const packageRoot: string;
export const bundleDir: string;
export const bundleFile: string;
export const bundleInputsFile: string;
export function bundleIsFresh(root?: string): boolean;
export function isInstalledCopy(root: string): boolean;
