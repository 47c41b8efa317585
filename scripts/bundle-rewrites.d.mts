import type { Plugin } from "esbuild";

export const leaveNodeFetchUnloaded: Plugin;
export const zodEnglishOnly: Plugin;
