import { createHash } from "node:crypto";
import { TernClient } from "../client/client.ts";
import { uiUrl } from "../client/config.ts";
import { must } from "../client/must.ts";
import { errorCode, unauthenticatedMessage } from "../client/errors.ts";
import { graphql } from "../core/gql/gql.ts";
import { FlowValidationError, RegisterError } from "./errors.ts";
import type { Flow, RegisterOptions } from "./flow.ts";
import { defaultLabels, stableStringify } from "./serialize.ts";
import { inFlowRun, shared } from "./shared-state.ts";

const ProjectByName = graphql(`
  query Register_project($name: String!) {
    project(where: { name: { _eq: $name } }) {
      id
    }
  }
`);

const CreateFlow = graphql(`
  mutation Register_createFlow($input: create_flow_input!) {
    create_flow(input: $input) {
      id
    }
  }
`);

const FlowById = graphql(`
  query Register_flow($id: uuid!) {
    flow_by_pk(id: $id) {
      id
      flow_group_id
      version
    }
  }
`);

/** How `tern register FILE --project P` redirects the `register()` calls a file makes. */
export interface RegisterRedirect {
  projectName: string;
  labels?: string[];
  api?: string;
  /** Flows registered so far, with their ids (so the CLI registers the rest). */
  registered: Map<Flow, Promise<string | undefined>>;
}

export function setRegisterRedirect(redirect: RegisterRedirect | undefined) {
  shared.registerRedirect = redirect;
}

/** A refused API key is the user's to fix, so it reads as a registration error (one line, no stack). */
function explainRefusal(error: unknown): never {
  if (errorCode(error) === "UNAUTHENTICATED") throw new RegisterError(unauthenticatedMessage());
  throw error;
}

export function registerFlow(flow: Flow, options: RegisterOptions): Promise<string | undefined> {
  if (inFlowRun()) return Promise.resolve(undefined);
  const redirect = shared.registerRedirect;
  if (redirect) {
    const existing = redirect.registered.get(flow);
    if (existing) return existing;
    const promise = doRegister(flow, { ...options, projectName: redirect.projectName, labels: redirect.labels ?? options.labels, api: redirect.api ?? options.api });
    redirect.registered.set(flow, promise);
    return promise;
  }
  return doRegister(flow, options);
}

async function doRegister(flow: Flow, options: RegisterOptions): Promise<string> {
  if (!options?.projectName) throw new RegisterError(`flow.register() needs a projectName, e.g. flow.register({ projectName: "tutorial" })`);
  const { errors, warnings } = flow.validate();
  if (errors.length) throw new FlowValidationError(flow.name, errors);
  for (const w of warnings) console.warn(`Warning: ${w}`);
  const labels = defaultLabels(flow, options.labels);
  const serialized = flow.serialize({ labels });
  const idempotencyKey = options.idempotencyKey ?? createHash("sha256").update(stableStringify(serialized)).digest("hex");

  const client = new TernClient({ api: options.api });
  const projects = (await client.request(ProjectByName, { name: options.projectName }).catch(explainRefusal)).project;
  if (!projects.length) throw new RegisterError(`Project "${options.projectName}" not found. Create it with: tern create project "${options.projectName}"`);
  // Retried: the key makes a re-delivery of a request whose answer was lost find the flow it made.
  const created = await client.request(
    CreateFlow,
    { input: { project_id: projects[0].id, serialized_flow: serialized, idempotency_key: idempotencyKey, set_schedule_active: true } },
    { retry: true },
  );
  const flowId = must(created.create_flow?.id, "flow id");
  const row = (await client.request(FlowById, { id: flowId })).flow_by_pk;
  const base = uiUrl(client.url);
  console.log("Flow check: OK");
  console.log(`Flow URL: ${base}/flow/${row?.flow_group_id ?? ""}`);
  console.log(` └── ID: ${flowId}`);
  console.log(` └── Project: ${options.projectName}`);
  console.log(` └── Labels: [${labels.map((l) => `'${l}'`).join(", ")}]`);
  return flowId;
}
