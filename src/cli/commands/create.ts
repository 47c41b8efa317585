import type { Command } from "commander";
import { TernClient } from "../../client/client.ts";
import { errorCode } from "../../client/errors.ts";
import { graphql } from "../../core/gql/gql.ts";
import { cliFailure } from "../failure.ts";

const CreateProject = graphql(`
  mutation Cli_createProject($input: create_project_input!) {
    create_project(input: $input) {
      id
    }
  }
`);

/** `tern create project NAME [--description D]`: a duplicate name is fine (exit 0), as in Prefect. */
export function registerCreateCommands(program: Command) {
  const create = program.command("create").description("Create things on the server");
  create
    .command("project <name>")
    .description("Create a project (flows are registered into projects)")
    .option("-d, --description <text>", "project description")
    .option("--api <url>", "GraphQL endpoint (default TERN_API or http://127.0.0.1:4200/graphql)")
    .action(async (name: string, opts: { description?: string; api?: string }) => {
      if (!name.trim()) throw cliFailure("the project name must not be empty");
      const client = new TernClient({ api: opts.api });
      try {
        await client.request(CreateProject, { input: { name, description: opts.description ?? null } });
        console.log(`${name} created`);
      } catch (error) {
        if (errorCode(error) === "UNIQUENESS_VIOLATION") {
          console.log(`${name} already exists`);
          return;
        }
        throw cliFailure(error);
      }
    });
}
