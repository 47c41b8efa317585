import type { Command } from "commander";
import { TernClient } from "../../client/client.ts";
import { must } from "../../client/must.ts";
import { graphql } from "../../core/gql/gql.ts";
import { isStateName } from "../../core/states.ts";
import { cliFailure } from "../failure.ts";

const ProjectByName = graphql(`
  query Cli_notifyProject($name: String!) {
    project(where: { name: { _eq: $name } }, limit: 1) {
      id
    }
  }
`);

const FlowInProject = graphql(`
  query Cli_notifyFlow($projectId: uuid!, $name: String!) {
    flow(where: { project_id: { _eq: $projectId }, name: { _eq: $name }, archived: { _eq: false } }, order_by: { version: desc }, limit: 1) {
      flow_group_id
    }
  }
`);

const CreateRule = graphql(`
  mutation Cli_createNotificationRule($input: create_notification_rule_input!) {
    create_notification_rule(input: $input) {
      id
    }
  }
`);

const ListRules = graphql(`
  query Cli_listNotificationRules {
    notification_rule(order_by: { created: asc }) {
      id
      states
      webhook_url
      project {
        name
      }
      flow_group {
        flows(order_by: { version: desc }, limit: 1) {
          name
        }
      }
    }
  }
`);

const DeleteRule = graphql(`
  mutation Cli_deleteNotificationRule($id: UUID!) {
    delete_notification_rule(input: { rule_id: $id }) {
      success
    }
  }
`);

const API_OPTION = ["--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)"] as const;

/** `--on Failed,TimedOut`: state names, checked here so a typo is one clear line before any request. */
function parseStates(value: string): string[] {
  const states = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = states.filter((s) => !isStateName(s));
  if (!states.length || unknown.length) throw cliFailure(`unknown state name in --on: ${unknown.join(", ") || "(none given)"}`);
  return states;
}

/** `tern notify add|list|remove`: webhook notifications when a project's flow runs enter chosen states. */
export function registerNotifyCommands(program: Command) {
  const notify = program.command("notify").description("Webhook notifications when flow runs enter chosen states");
  notify
    .command("add")
    .description("POST to a webhook when a project's flow runs (or one flow's) enter one of the states")
    .requiredOption("-p, --project <name>", "the project whose runs notify")
    .option("--flow <name>", "only this flow's runs (a flow of the project, by name)")
    .option("--on <states>", "comma-separated state names", "Failed")
    .requiredOption("--webhook <url>", "http(s) URL the JSON payload is POSTed to")
    .option(...API_OPTION)
    .action(async (opts: { project: string; flow?: string; on: string; webhook: string; api?: string }) => {
      const states = parseStates(opts.on);
      const client = new TernClient({ api: opts.api });
      try {
        const [project] = (await client.request(ProjectByName, { name: opts.project })).project;
        if (!project) throw cliFailure(`no project named ${JSON.stringify(opts.project)}`);
        let flowGroupId: string | undefined;
        if (opts.flow !== undefined) {
          const [flow] = (await client.request(FlowInProject, { projectId: project.id, name: opts.flow })).flow;
          if (!flow) throw cliFailure(`no flow named ${JSON.stringify(opts.flow)} in project ${JSON.stringify(opts.project)}`);
          flowGroupId = flow.flow_group_id;
        }
        const created = await client.request(CreateRule, { input: { project_id: project.id, flow_group_id: flowGroupId, states, webhook_url: opts.webhook } });
        console.log(must(created.create_notification_rule?.id, "rule id"));
      } catch (error) {
        throw cliFailure(error);
      }
    });
  notify
    .command("list")
    .description("List the notification rules")
    .option(...API_OPTION)
    .action(async (opts: { api?: string }) => {
      const client = new TernClient({ api: opts.api });
      try {
        const { notification_rule: rules } = await client.request(ListRules, {});
        if (!rules.length) console.log("No notification rules.");
        for (const rule of rules) {
          const flowName = rule.flow_group?.flows[0]?.name;
          const scope = flowName ? `${rule.project?.name}/${flowName}` : rule.project?.name;
          console.log([rule.id, scope, (rule.states as string[]).join(","), rule.webhook_url].join("\t"));
        }
      } catch (error) {
        throw cliFailure(error);
      }
    });
  notify
    .command("remove <id>")
    .description("Remove a notification rule (and its delivery log)")
    .option(...API_OPTION)
    .action(async (id: string, opts: { api?: string }) => {
      const client = new TernClient({ api: opts.api });
      try {
        await client.request(DeleteRule, { id });
        console.log(`${id} removed`);
      } catch (error) {
        throw cliFailure(error);
      }
    });
}
