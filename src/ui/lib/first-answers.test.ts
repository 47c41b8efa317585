import { describe, expect, it } from "vitest";
import { Agents_ListDocument, Dashboard_FlowsDocument } from "../../core/gql/graphql.ts";
import { API_KEY_STORAGE } from "../first-requests.inline.ts";
import { createApiKeyStore } from "./api-key.ts";
import { type BatchResult, createFirstAnswers, FIRST_ANSWER_MAX_AGE_MS, type FirstRequests } from "./first-answers.ts";

const flows = { data: { flow: [{ id: "f1" }] } };
const agents = { data: { agent: [] } };

function sent(answers: Promise<readonly BatchResult[] | null>, at = 0): FirstRequests {
  return {
    sent: at,
    operations: [
      { name: "Dashboard_flows", variables: { projectId: null } },
      { name: "Agents_list", variables: {} },
    ],
    answers,
  };
}

describe("first answers", () => {
  it("hands an answer to the query with the same operation and variables, once", async () => {
    const answers = createFirstAnswers(sent(Promise.resolve([flows, agents])), () => 100);
    expect(await answers.take(Dashboard_FlowsDocument, { projectId: null })).toEqual(flows);
    expect(await answers.take(Dashboard_FlowsDocument, { projectId: null })).toBeUndefined();
    expect(await answers.take(Agents_ListDocument, {})).toEqual(agents);
  });

  it("compares variables by value, whatever the order of their keys", async () => {
    const first = sent(Promise.resolve([flows, agents]));
    const answers = createFirstAnswers({ ...first, operations: [{ name: "Dashboard_flows", variables: { b: 2, a: [1, { y: 1, x: 0 }] } }] }, () => 0);
    expect(await answers.take(Dashboard_FlowsDocument, { a: [1, { x: 0, y: 1 }], b: 2 })).toEqual(flows);
  });

  it("hands nothing for other variables, an answer too old, or no early requests", async () => {
    expect(await createFirstAnswers(sent(Promise.resolve([flows, agents])), () => 0).take(Dashboard_FlowsDocument, { projectId: "p1" })).toBeUndefined();
    expect(await createFirstAnswers(sent(Promise.resolve([flows, agents])), () => FIRST_ANSWER_MAX_AGE_MS + 1).take(Dashboard_FlowsDocument, { projectId: null })).toBeUndefined();
    expect(await createFirstAnswers(undefined, () => 0).take(Dashboard_FlowsDocument, { projectId: null })).toBeUndefined();
  });

  it("hands nothing when the batch failed or was refused, so the query asks itself", async () => {
    expect(await createFirstAnswers(sent(Promise.resolve(null)), () => 0).take(Dashboard_FlowsDocument, { projectId: null })).toBeUndefined();
    expect(await createFirstAnswers(sent(Promise.reject(new Error("offline"))), () => 0).take(Agents_ListDocument, {})).toBeUndefined();
  });

  it("hands over an operation's errors, for the query to fail with them", async () => {
    const refused = { errors: [{ message: "Too costly", extensions: { code: "QUERY_TOO_COSTLY" } }] };
    expect(await createFirstAnswers(sent(Promise.resolve([refused, agents])), () => 0).take(Dashboard_FlowsDocument, { projectId: null })).toEqual(refused);
  });

  it("sends the key the app saved", () => {
    const saved = new Map<string, string>();
    const store = createApiKeyStore({ getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => saved.set(k, v), removeItem: (k) => saved.delete(k) });
    store.save("k1");
    expect(saved.get(API_KEY_STORAGE)).toBe("k1");
  });
});
