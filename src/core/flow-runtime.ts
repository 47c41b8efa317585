/**
 * Which kind of agent can execute a flow, read from what its client registered. Tern's SDK stores
 * where a TypeScript file is (`Local` with a `path`, `Git` with `repo`/`ref`/`path`); the Prefect 1
 * Python client stores its own storage shapes (`Local` with a `flows` map, `stored_as_script`, a
 * `.py` path; `GitHub`, `S3`, `Docker`, …) and run configs that only a Python agent honours.
 * A flow whose storage says nothing either way (no storage) may go to either kind.
 *
 * @example
 * flowRuntime({ type: "Git", repo: "https://x/r.git", ref: "main", path: "f.ts" }, null);
 * // → { runtime: "tern", storage: "git", repo: "https://x/r.git" }
 */

/** The agent kinds: Tern's TypeScript agent, or a Prefect 1 Python agent. */
export type FlowRuntime = "tern" | "python";
/** Storage kinds a Tern agent can load code from (`--allow-storage`). */
export const TERN_STORAGE_KINDS = ["local", "git"] as const;
export type TernStorageKind = (typeof TERN_STORAGE_KINDS)[number];

export interface FlowRequirements {
  /** null: nothing says which; any agent may take it. */
  runtime: FlowRuntime | null;
  /** For a Tern flow: where its code comes from. */
  storage?: TernStorageKind;
  /** For Git storage: the repository the code is cloned from. */
  repo?: string;
}

/** Run configs a Python agent alone can honour (Tern's SDK sends UniversalRun, which both accept). */
const PYTHON_RUN_CONFIGS = new Set(["LocalRun", "DockerRun", "KubernetesRun", "ECSRun", "VertexRun"]);
/** Keys only Prefect's storage classes write. */
const PYTHON_STORAGE_KEYS = ["flows", "stored_as_script", "directory", "secrets", "flow_path", "repo_host"];

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export function flowRuntime(storage: unknown, runConfig: unknown): FlowRequirements {
  const config = record(runConfig);
  if (typeof config?.type === "string" && PYTHON_RUN_CONFIGS.has(config.type)) return { runtime: "python" };
  const s = record(storage);
  if (!s) return { runtime: null };
  if (PYTHON_STORAGE_KEYS.some((key) => key in s)) return { runtime: "python" };
  if (typeof s.path === "string" && /\.pyc?$/i.test(s.path)) return { runtime: "python" };
  if (s.type === "Local") return { runtime: "tern", storage: "local" };
  if (s.type === "Git" && typeof s.repo === "string") return { runtime: "tern", storage: "git", repo: s.repo };
  return { runtime: "python" };
}

/** What a Tern agent accepts: the storage kinds it loads code from, and for Git the repository URL prefixes. */
export interface StoragePolicy {
  storage: readonly string[];
  gitPrefixes: readonly string[];
}

/** Why a Tern agent with `policy` will not load a flow's code, or null when it will. */
export function storageRefusal(requirements: FlowRequirements, policy: StoragePolicy): string | null {
  if (requirements.runtime === "python") return "this flow was registered by the Prefect 1 Python client and needs a Prefect 1 Python agent";
  if (!requirements.storage) return null;
  if (!policy.storage.includes(requirements.storage)) return `this agent does not load flows from ${requirements.storage} storage (start it with --allow-storage ${requirements.storage})`;
  if (requirements.storage === "git" && !policy.gitPrefixes.some((prefix) => requirements.repo?.startsWith(prefix))) {
    return `this agent does not load flows from the repository ${requirements.repo} (not under any --git-prefix)`;
  }
  return null;
}
