import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../testing/stack.ts";
import { graphql } from "../core/gql/gql.ts";
import { testDialects } from "../server/db/testing.ts";
import { type AnswerLosingProxy, startAnswerLosingProxy } from "../server/testing/answer-losing-proxy.ts";
import { TernClient } from "./client.ts";
import { TernConnectionError } from "./errors.ts";
import { must } from "./must.ts";

/**
 * create_flow_run whose answer never arrives: the server created the run, the client saw the
 * connection break. With an idempotency key, re-sending is safe and must answer with the run the lost
 * request created; without the retry, the caller gets a transport error and the run exists anyway.
 */

const HELLO_FLOW = join(import.meta.dirname, "../../examples/hello-flow.ts");

const CreateRun = graphql(`
  mutation ClientLostAnswerTest_createRun($input: create_flow_run_input!) {
    create_flow_run(input: $input) {
      id
    }
  }
`);

const RunsOfFlow = graphql(`
  query ClientLostAnswerTest_runs($flowId: uuid!) {
    flow_run(where: { flow_id: { _eq: $flowId } }) {
      id
      idempotency_key
    }
  }
`);

describe.each(testDialects())("create_flow_run whose answer was lost (%s)", (dialect) => {
  let stack: TestStack;
  let proxy: AnswerLosingProxy | undefined;
  let flowId: string;
  beforeAll(async () => {
    stack = await startTestStack({ dialect });
    flowId = (await stack.register(HELLO_FLOW)).flowId;
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(async () => stack?.close());

  const runsWithKey = async (key: string) => (await stack.client.request(RunsOfFlow, { flowId })).flow_run.filter((r) => r.idempotency_key === key);

  it("retried with its idempotency key: answers with the run the lost request created, one run stored", async () => {
    proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, [{ operation: "create_flow_run" }]);
    const client = new TernClient({ api: proxy.url });
    const key = randomUUID();
    const input = { flow_id: flowId, parameters: {}, idempotency_key: key };

    const id = must((await client.request(CreateRun, { input }, { retry: true })).create_flow_run?.id, "flow run id");

    expect(proxy.lost).toHaveLength(1);
    expect(JSON.parse(proxy.lost[0].answer).data.create_flow_run.id).toBe(id);
    expect(proxy.count("create_flow_run")).toBe(2);
    expect(await runsWithKey(key)).toEqual([{ id, idempotency_key: key }]);
    // Any later delivery of the same request names the same run.
    expect((await client.request(CreateRun, { input })).create_flow_run?.id).toBe(id);
    expect(await runsWithKey(key)).toHaveLength(1);
  });

  it("not retried (a mutation's default): the caller gets a transport error, and re-sending by hand finds the run", async () => {
    proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, [{ operation: "create_flow_run" }]);
    const client = new TernClient({ api: proxy.url });
    const key = randomUUID();
    const input = { flow_id: flowId, parameters: {}, idempotency_key: key };

    await expect(client.request(CreateRun, { input })).rejects.toBeInstanceOf(TernConnectionError);
    const created = JSON.parse(proxy.lost[0].answer).data.create_flow_run.id as string;
    expect((await client.request(CreateRun, { input })).create_flow_run?.id).toBe(created);
    expect(await runsWithKey(key)).toEqual([{ id: created, idempotency_key: key }]);
  });

  it("retried while the server is still creating it (both deliveries at once): one run, both answers name it", async () => {
    proxy = await startAnswerLosingProxy(stack.server.graphqlUrl, [{ operation: "create_flow_run", race: true }]);
    const client = new TernClient({ api: proxy.url });
    const key = randomUUID();

    const id = must((await client.request(CreateRun, { input: { flow_id: flowId, parameters: {}, idempotency_key: key } }, { retry: true })).create_flow_run?.id, "flow run id");

    await proxy.idle();
    expect(JSON.parse(proxy.lost[0].answer).data.create_flow_run.id).toBe(id);
    expect(await runsWithKey(key)).toEqual([{ id, idempotency_key: key }]);
  });
});
