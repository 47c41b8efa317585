/**
 * Where the engine finds a flow's code. Tern never serializes code: storage says which file (or
 * which file in which git commit) defines the flow, and the engine imports it.
 */

export interface LocalStorage {
  type: "Local";
  /** Absolute path of the file that defines the flow. */
  path: string;
}

export interface GitStorage {
  type: "Git";
  /** Anything `git clone` accepts: https URL, ssh address, or a local (bare) repository path. */
  repo: string;
  /** Branch, tag or commit (default "HEAD" of the remote). */
  ref: string;
  /** The flow file's path inside the repository. */
  path: string;
}

export type Storage = LocalStorage | GitStorage;

/**
 * Local storage: the engine imports the flow file from this machine's disk. The default; the path
 * is found from where `new Flow` was called.
 *
 * @example
 * ```ts
 * new Flow("hello-flow", build, { storage: Local(import.meta.filename) });
 * ```
 */
export function Local(path: string): LocalStorage {
  return { type: "Local", path };
}

/**
 * Git storage: the engine clones (or fetches) the repository into `$TERN_HOME/git-cache`, checks
 * out `ref`, and imports `path` from it.
 *
 * @example
 * ```ts
 * new Flow("etl", build, { storage: Git({ repo: "https://github.com/acme/flows.git", ref: "main", path: "flows/etl.ts" }) });
 * ```
 */
export function Git(options: { repo: string; ref?: string; path: string }): GitStorage {
  if (!options.repo) throw new TypeError("Git storage: repo is required");
  if (!options.path) throw new TypeError("Git storage: path is required");
  return { type: "Git", repo: options.repo, ref: options.ref ?? "HEAD", path: options.path };
}
