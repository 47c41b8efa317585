import { gzipSync } from "node:zlib";
import { getIntrospectionQuery } from "graphql";
import { CSRF_HEADER } from "../graphql/csrf.ts";
import { serializedFlow } from "../graphql/mutations/test-helpers.ts";

/** What a legitimate GraphQL GET carries (csrf.ts); cases about something else send it. */
const GET_HEADERS = { [CSRF_HEADER]: "1" };

/**
 * The hostile-input corpus: each case is one HTTP request and the outcome it must have. Errors are
 * a status (when not 200), an `extensions.code` and a fragment of the message; accepted payloads
 * are read back and must come out byte-for-byte as sent. The runner (hostile-input.test.ts) also
 * checks after every case that no table changed for a refused request and that the server still
 * answers.
 */

/** Rows every case may refer to, created before the corpus runs. */
export interface Seed {
  projectId: string;
  projectName: string;
  flowId: string;
  flowRunId: string;
  taskRunId: string;
}

export interface WireRequest {
  method?: "GET" | "POST";
  /** Path and query string; `/graphql` when absent. */
  path?: string;
  contentType?: string | null;
  /** Extra headers; a `host` here replaces the one the URL implies. */
  headers?: Record<string, string>;
  body?: string;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export type Outcome =
  | { error: { status?: number; code: string; message: string } }
  /** Accepted: `read` fetches what was stored, `pick` takes the part to compare with `equals`. */
  | { stored: { read: (seed: Seed, data: any) => Operation; pick: (data: any) => unknown; equals: unknown } }
  /** Accepted, judged on the answer itself. */
  | { answers: { pick: (body: any) => unknown; equals: unknown } };

export interface HostileCase {
  name: string;
  request: (seed: Seed) => WireRequest;
  expect: Outcome;
}

/** SQL meant to break out of a string literal or a numeric context. */
export const SQL_PAYLOADS = ["'; DROP TABLE project; --", '" OR 1=1 --', "') OR ('1'='1", "1; DELETE FROM log WHERE 1=1; --"];
/** Markup and script a dashboard would run if it rendered text as HTML. */
export const HTML_PAYLOADS = ["<img src=x onerror=alert(1)>", '<script>alert("tern")</script>', '"><svg onload=alert(document.domain)>'];
/** Not an attack, but text that trips naive escaping: LIKE wildcards, backslashes, RTL, emoji, a tab. */
export const AWKWARD_TEXT = ["100%_done \\ back\\slash", "Ünïcødé ✓ 🙂 — שלום\tend"];
export const HOSTILE_STRINGS = [...SQL_PAYLOADS, ...HTML_PAYLOADS, ...AWKWARD_TEXT];

const json = (operation: Operation): WireRequest => ({ body: JSON.stringify(operation) });
const op = (query: string, variables?: Record<string, unknown>) => () => json({ query, variables });
const error = (code: string, message: string, status?: number): Outcome => ({ error: { code, message, status } });

const GHOST_ID = "00000000-0000-4000-8000-000000000000";
const PROJECT_BY_PK = `query($id: uuid!) { project_by_pk(id: $id) { id } }`;
const WRITE_LOGS = `mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`;
const CREATE_PROJECT = `mutation($input: create_project_input!) { create_project(input: $input) { id } }`;
const CREATE_FLOW = `mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`;
const CREATE_FLOW_RUN = `mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`;
const FLOW_RUN_STATES = `mutation($input: set_flow_run_states_input!) { set_flow_run_states(input: $input) { states { id } } }`;
const TASK_RUN_STATES = `mutation($input: set_task_run_states_input!) { set_task_run_states(input: $input) { states { id } } }`;

/** `project { flows { project { flows … } } }`, `levels` fields deep. */
function deepQuery(levels: number): string {
  const fields = Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? "project" : "flows"));
  return `{ ${fields.join(" { ")} { id${" }".repeat(levels)} }`;
}

/** Fragments that each spread the previous one twice: 2^levels fields from a few lines of text. */
function fragmentBomb(levels: number): string {
  const fragments = [`fragment F0 on project { id name }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on project { ...F${i - 1} ...F${i - 1} }`);
  return `{ project { ...F${levels} } } ${fragments.join(" ")}`;
}

const requestShape: HostileCase[] = [
  { name: "malformed JSON body", request: () => ({ body: "{not json" }), expect: error("BAD_REQUEST", "invalid JSON", 400) },
  { name: "truncated JSON body", request: () => ({ body: '{"query": "{ project { id } }"' }), expect: error("BAD_REQUEST", "invalid JSON", 400) },
  { name: "empty body", request: () => ({ body: "" }), expect: error("BAD_REQUEST", "invalid JSON", 400) },
  { name: "a JSON string as the body", request: () => ({ body: JSON.stringify(SQL_PAYLOADS[0]) }), expect: error("BAD_REQUEST", "expected to be object", 400) },
  { name: "JSON null as the body", request: () => ({ body: "null" }), expect: error("BAD_REQUEST", "expected to be object", 400) },
  { name: "text/plain content type", request: () => ({ contentType: "text/plain", body: "{ project { id } }" }), expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415) },
  { name: "XML content type", request: () => ({ contentType: "application/xml", body: "<query>project</query>" }), expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415) },
  { name: "no content type", request: () => ({ contentType: null, body: '{"query":"{ project { id } }"}' }), expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415) },
  { name: "query is a number", request: () => ({ body: '{"query": 42}' }), expect: error("BAD_REQUEST", '"query" param to be a string', 400) },
  { name: "no query at all", request: () => ({ body: "{}" }), expect: error("BAD_REQUEST", "Must provide query string") },
  { name: "unknown parameter in the body", request: () => ({ body: JSON.stringify({ query: "{ project { id } }", drop: SQL_PAYLOADS[0] }) }), expect: error("BAD_REQUEST", 'Unexpected parameter "drop"', 400) },
  { name: "variables as a string that is not JSON", request: () => ({ body: JSON.stringify({ query: PROJECT_BY_PK, variables: "{id:" }) }), expect: error("BAD_REQUEST", "not valid JSON", 400) },
  { name: "a 20 MB body", request: () => json({ query: "{ project { id } }", variables: { padding: "x".repeat(20 * 1024 * 1024) } }), expect: error("PAYLOAD_TOO_LARGE", "maximum is 16777216 bytes", 413) },
  { name: "a batch of 101 operations", request: () => ({ body: JSON.stringify(Array.from({ length: 101 }, () => ({ query: "{ project { id } }" }))) }), expect: error("BAD_REQUEST", "limited to 100 operations", 413) },
  { name: "an empty batch", request: () => ({ body: "[]" }), expect: error("BAD_REQUEST", "batch is empty", 400) },
  {
    name: "a mutation over GET",
    request: () => ({ method: "GET", path: `/graphql?query=${encodeURIComponent(`mutation { create_project(input: { name: "via-get" }) { id } }`)}`, contentType: null, headers: GET_HEADERS }),
    expect: error("BAD_REQUEST", "POST", 405),
  },
];

const CREATE_VIA_FORM = `mutation { create_project(input: { name: "cross-site" }) { id } }`;
const FOREIGN_ORIGIN = "https://attacker.example";

/**
 * What a web page on another site can send: bodies a form posts without a CORS preflight, and its
 * Origin; and what a DNS-rebound page sends: a Host naming the attacker's domain. None may act.
 */
const crossSite: HostileCase[] = [
  {
    name: "a form-urlencoded mutation (a cross-site form post)",
    request: () => ({ contentType: "application/x-www-form-urlencoded", body: new URLSearchParams({ query: CREATE_VIA_FORM }).toString() }),
    expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415),
  },
  {
    name: "a form-urlencoded mutation posted to /",
    request: () => ({ path: "/", contentType: "application/x-www-form-urlencoded", body: new URLSearchParams({ query: CREATE_VIA_FORM }).toString() }),
    expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415),
  },
  {
    name: "a multipart/form-data mutation",
    request: () => ({
      contentType: "multipart/form-data; boundary=x",
      body: `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: CREATE_VIA_FORM })}\r\n--x\r\nContent-Disposition: form-data; name="map"\r\n\r\n{}\r\n--x--\r\n`,
    }),
    expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415),
  },
  { name: "a text/plain JSON body posted to /", request: () => ({ path: "/", contentType: "text/plain", body: JSON.stringify({ query: CREATE_VIA_FORM }) }), expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415) },
  { name: "an application/graphql body", request: () => ({ contentType: "application/graphql", body: CREATE_VIA_FORM }), expect: error("UNSUPPORTED_MEDIA_TYPE", "application/json", 415) },
  {
    name: "a JSON mutation from a foreign Origin",
    request: () => ({ headers: { origin: FOREIGN_ORIGIN }, body: JSON.stringify({ query: CREATE_VIA_FORM }) }),
    expect: error("ORIGIN_NOT_ALLOWED", "--allowed-origins", 403),
  },
  { name: "a JSON mutation to / from a foreign Origin", request: () => ({ path: "/", headers: { origin: FOREIGN_ORIGIN }, body: JSON.stringify({ query: CREATE_VIA_FORM }) }), expect: error("ORIGIN_NOT_ALLOWED", "--allowed-origins", 403) },
  { name: "a JSON mutation from the null Origin (sandboxed frame, data: URL)", request: () => ({ headers: { origin: "null" }, body: JSON.stringify({ query: CREATE_VIA_FORM }) }), expect: error("ORIGIN_NOT_ALLOWED", "--allowed-origins", 403) },
  { name: "a query over GET from a foreign Origin", request: () => ({ method: "GET", path: "/graphql?query=%7B%20project%20%7B%20id%20%7D%20%7D", contentType: null, headers: { origin: FOREIGN_ORIGIN } }), expect: error("ORIGIN_NOT_ALLOWED", "--allowed-origins", 403) },
  {
    name: "a mutation from a DNS-rebound page (foreign Host, Origin to match)",
    request: () => ({ headers: { host: "rebound.attacker.example:4200", origin: "http://rebound.attacker.example:4200" }, body: JSON.stringify({ query: CREATE_VIA_FORM }) }),
    expect: error("HOST_NOT_ALLOWED", "--public-url", 403),
  },
  { name: "a query with a foreign Host and no Origin", request: () => ({ headers: { host: "rebound.attacker.example" }, body: JSON.stringify({ query: "{ project { id } }" }) }), expect: error("HOST_NOT_ALLOWED", "--public-url", 403) },
  { name: "a Host hiding a loopback address behind userinfo", request: () => ({ headers: { host: "attacker.example@127.0.0.1" }, body: JSON.stringify({ query: "{ project { id } }" }) }), expect: error("HOST_NOT_ALLOWED", "--public-url", 403) },
  { name: "the dashboard requested with a foreign Host", request: () => ({ method: "GET", path: "/", contentType: null, headers: { host: "rebound.attacker.example:4200" } }), expect: error("HOST_NOT_ALLOWED", "--public-url", 403) },
  {
    name: "an application/graphql-response+json query",
    request: () => ({ contentType: "application/graphql-response+json", body: JSON.stringify({ query: "{ tenant { slug } }" }) }),
    expect: { answers: { pick: (body) => body.data.tenant[0].slug, equals: "default" } },
  },
];

/** Paths a careless decoder throws on, sent to every kind of route. */
const paths: HostileCase[] = [
  {
    name: "a GET query without the CSRF header (what an image or link on another site sends)",
    request: () => ({ method: "GET", path: "/graphql?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D", contentType: null }),
    expect: error("CSRF_HEADER_REQUIRED", CSRF_HEADER, 403),
  },
  { name: "GET variables that are not JSON", request: () => ({ method: "GET", path: "/graphql?query=%7B%20tenant%20%7B%20slug%20%7D%20%7D&variables=%25", contentType: null, headers: GET_HEADERS }), expect: error("BAD_REQUEST", "must be JSON", 400) },
  { name: "a lone % in the path", request: () => ({ method: "GET", path: "/%", contentType: null }), expect: error("BAD_REQUEST", "percent-encoding", 400) },
  { name: "a truncated escape in a dashboard path", request: () => ({ method: "GET", path: "/flow-run/%E0%A4%A", contentType: null }), expect: error("BAD_REQUEST", "percent-encoding", 400) },
  { name: "an overlong UTF-8 escape", request: () => ({ method: "GET", path: "/%C0%AF..%C0%AF", contentType: null }), expect: error("BAD_REQUEST", "percent-encoding", 400) },
];

/** `{ project { project { … } } }`, `levels` selection sets deep, for the bracket-nesting limit. */
const nestedSelections = (levels: number) => `${"{ project ".repeat(levels)}${"}".repeat(levels)}`;

const documents: HostileCase[] = [
  { name: "syntax error", request: op("{ project { id "), expect: error("GRAPHQL_PARSE_FAILED", "Syntax Error") },
  { name: "unterminated string", request: op(`{ project(where: { name: { _eq: "'; DROP TABLE project; -- } }) { id } }`), expect: error("GRAPHQL_PARSE_FAILED", "Unterminated string") },
  { name: "unknown field", request: op("{ project { id password } }"), expect: error("GRAPHQL_VALIDATION_FAILED", 'Cannot query field "password"') },
  { name: "unknown input field", request: op(`mutation { create_project(input: { name: "x", owner: "root" }) { id } }`), expect: error("GRAPHQL_VALIDATION_FAILED", '"owner" is not defined') },
  { name: "unknown mutation", request: op(`mutation { drop_all_tables { success } }`), expect: error("GRAPHQL_VALIDATION_FAILED", "drop_all_tables") },
  { name: "query 16 fields deep", request: op(deepQuery(16)), expect: error("DEPTH_LIMIT_EXCEEDED", "maximum is 10") },
  {
    name: "1,500 aliases",
    request: op(`{ ${Array.from({ length: 1500 }, (_, i) => `a${i}: __typename`).join(" ")} }`),
    expect: error("FIELD_LIMIT_EXCEEDED", "more than 1000 fields"),
  },
  { name: "fragment bomb (2^16 fields)", request: op(fragmentBomb(16)), expect: error("FIELD_LIMIT_EXCEEDED", "more than 1000 fields") },
  { name: "40,000 tokens", request: op(`{ project(where: { _and: [${"{}, ".repeat(20_000)}] }) { id } }`), expect: error("GRAPHQL_PARSE_FAILED", "20000 tokens") },
  { name: "argument literal nested 100 levels", request: op(`{ project(where: ${"{ _and: [".repeat(50)}{}${"] }".repeat(50)}) { id } }`), expect: error("BAD_USER_INPUT", "nested more than 64 levels") },
  {
    name: "variables as a JSON string nested 5,000 levels",
    request: () => ({ body: JSON.stringify({ query: "query($w: project_bool_exp) { project(where: $w) { id } }", variables: `{"w":${'{"_not":'.repeat(5000)}{}${"}".repeat(5000)}}` }) }),
    expect: error("BAD_USER_INPUT", "nested more than 64 levels", 400),
  },
  { name: "a query 10,000 selection sets deep", request: op(nestedSelections(10_000)), expect: error("NESTING_LIMIT_EXCEEDED", "more than 256 levels", 400) },
  {
    name: "run parameters as a literal nested 10,000 levels",
    request: (s) => json({ query: `mutation { create_flow_run(input: { flow_id: "${s.flowId}", parameters: ${'{ a: ['.repeat(10_000)}1${"] }".repeat(10_000)} }) { id } }` }),
    expect: error("NESTING_LIMIT_EXCEEDED", "more than 256 levels", 400),
  },
  // 1,000 levels: a URL must stay under Node's 16 KB header limit.
  { name: "a GET query 1,000 levels deep", request: () => ({ method: "GET", path: `/graphql?query=${encodeURIComponent(`${"{a".repeat(1000)}${"}".repeat(1000)}`)}`, contentType: null, headers: GET_HEADERS }), expect: error("NESTING_LIMIT_EXCEEDED", "more than 256 levels", 400) },
  {
    name: "brackets inside strings and comments do not count toward nesting",
    request: op(`# ${"{".repeat(1000)}\n{ project(where: { name: { _eq: "${"[".repeat(1000)}" } }) { id } }`),
    expect: { answers: { pick: (body) => body.data.project, equals: [] } },
  },
  {
    name: "variables nested 5,000 levels",
    request: () => ({ body: `{"query":"query($w: project_bool_exp) { project(where: $w) { id } }","variables":{"w":${'{"_and":['.repeat(5000)}{}${"]}".repeat(5000)}}}` }),
    expect: error("BAD_USER_INPUT", "nested more than 64 levels", 400),
  },
];

const values: HostileCase[] = [
  { name: "invalid UUID in a variable", request: op(PROJECT_BY_PK, { id: "not-a-uuid" }), expect: error("BAD_USER_INPUT", "Invalid UUID", 400) },
  { name: "SQL in a UUID variable", request: op(PROJECT_BY_PK, { id: SQL_PAYLOADS[0] }), expect: error("BAD_USER_INPUT", "Invalid UUID", 400) },
  { name: "invalid UUID inline in where", request: op(`{ flow_run(where: { id: { _eq: "1 OR 1=1" } }) { id } }`), expect: error("BAD_USER_INPUT", "Invalid UUID") },
  { name: "invalid UUID in an _in list", request: op(`query($ids: [uuid!]) { flow(where: { id: { _in: $ids } }) { id } }`, { ids: [GHOST_ID, "x"] }), expect: error("BAD_USER_INPUT", "Invalid UUID", 400) },
  { name: "invalid UUID in a mutation input", request: op(CREATE_FLOW_RUN, { input: { flow_id: "<script>" } }), expect: error("BAD_USER_INPUT", "Invalid UUID", 400) },
  { name: "invalid timestamp", request: (s) => json({ query: CREATE_FLOW_RUN, variables: { input: { flow_id: s.flowId, scheduled_start_time: "yesterday" } } }), expect: error("BAD_USER_INPUT", "Invalid timestamp", 400) },
  { name: "unknown flow-run state", request: (s) => json({ query: FLOW_RUN_STATES, variables: { input: { states: [{ flow_run_id: s.flowRunId, state: { type: "Exploded" } }] } } }), expect: error("BAD_USER_INPUT", "Unknown state type") },
  { name: "SQL as a state name", request: (s) => json({ query: FLOW_RUN_STATES, variables: { input: { states: [{ flow_run_id: s.flowRunId, state: { type: SQL_PAYLOADS[1] } }] } } }), expect: error("BAD_USER_INPUT", "Unknown state type") },
  { name: "unknown task-run state", request: (s) => json({ query: TASK_RUN_STATES, variables: { input: { states: [{ task_run_id: s.taskRunId, state: { type: "success" } }] } } }), expect: error("BAD_USER_INPUT", "Unknown state type") },
  { name: "state that is not an object", request: (s) => json({ query: FLOW_RUN_STATES, variables: { input: { states: [{ flow_run_id: s.flowRunId, state: "Running" }] } } }), expect: error("BAD_USER_INPUT", "State must be a JSON object") },
  { name: "unknown log level", request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "x", level: "LOUD" }] } } }), expect: error("BAD_USER_INPUT", "log_level", 400) },
  { name: "negative limit", request: op("{ project(limit: -1) { id } }"), expect: error("BAD_USER_INPUT", "limit must not be negative") },
  { name: "negative offset", request: op("{ flow_run(offset: -10) { id } }"), expect: error("BAD_USER_INPUT", "offset must not be negative") },
  { name: "limit above the row cap", request: op("{ log(limit: 10001) { id } }"), expect: error("LIMIT_EXCEEDED", "maximum of 10000 rows") },
  { name: "limit beyond 32 bits, inline", request: op("{ project(limit: 99999999999) { id } }"), expect: error("GRAPHQL_VALIDATION_FAILED", "non 32-bit") },
  { name: "limit beyond 32 bits, in a variable", request: op("query($n: Int) { project(limit: $n) { id } }", { n: 1e12 }), expect: error("BAD_USER_INPUT", "non 32-bit", 400) },
  { name: "negative limit on a relationship", request: op("{ project { flows(limit: -5) { id } } }"), expect: error("BAD_USER_INPUT", "limit must not be negative") },
  { name: "huge offset", request: op("query($n: Int) { project(offset: $n) { id } }", { n: 2_147_483_647 }), expect: { answers: { pick: (body) => body.data.project, equals: [] } } },
  { name: "missing required variable", request: op(PROJECT_BY_PK), expect: error("BAD_USER_INPUT", "was not provided", 400) },
  { name: "unknown column in a where variable", request: op(`query($w: project_bool_exp) { project(where: $w) { id } }`, { w: { "name; DROP TABLE project": { _eq: "x" } } }), expect: error("BAD_USER_INPUT", "is not defined", 400) },
  { name: "SQL as an order_by column", request: op(`query($o: [project_order_by!]) { project(order_by: $o) { id } }`, { o: [{ "id DESC; --": "asc" }] }), expect: error("BAD_USER_INPUT", "is not defined", 400) },
  { name: "SQL as an order direction", request: op(`query($o: [project_order_by!]) { project(order_by: $o) { id } }`, { o: [{ name: "asc; DROP TABLE project" }] }), expect: error("BAD_USER_INPUT", "order_by", 400) },
  { name: "SQL as a distinct_on column", request: op(`query($d: [project_select_column!]) { project(distinct_on: $d) { id } }`, { d: ["name) FROM project; --"] }), expect: error("BAD_USER_INPUT", "project_select_column", 400) },
  {
    name: "SQL in a _like pattern matches nothing",
    request: op(`query($p: String!) { project(where: { name: { _like: $p } }) { name } }`, { p: "' OR '1'='1" }),
    expect: { answers: { pick: (body) => body.data.project, equals: [] } },
  },
  {
    name: "a state message over 1 MB",
    request: (s) => json({ query: FLOW_RUN_STATES, variables: { input: { states: [{ flow_run_id: s.flowRunId, state: { type: "Submitted", message: "m".repeat(1_100_000) } }] } } }),
    expect: error("BAD_USER_INPUT", "larger than 1 MB"),
  },
];

const logs: HostileCase[] = [
  {
    name: "a 10 MB log message beside a good one",
    request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "fine" }, { flow_run_id: s.flowRunId, message: "x".repeat(10 * 1024 * 1024) }] } } }),
    expect: error("LOG_MESSAGE_TOO_LARGE", "larger than 1 MB"),
  },
  {
    name: "100,000 logs in one call",
    request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: Array.from({ length: 100_000 }, (_, i) => ({ flow_run_id: s.flowRunId, message: `line ${i}` })) } } }),
    // Refused before graphql-js coerces 100,000 input objects (seconds of CPU), see list-limits.ts.
    expect: error("LIST_TOO_LONG", "$input.logs has 100000 items; no list may hold more than 20000"),
  },
  {
    name: "15,000 logs in one call",
    request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: Array.from({ length: 15_000 }, (_, i) => ({ flow_run_id: s.flowRunId, message: `line ${i}` })) } } }),
    expect: error("TOO_MANY_LOGS", "At most 10000 logs per call"),
  },
  {
    name: "25,000 ids in a nested _in list",
    request: op(`query($w: flow_run_bool_exp) { flow_run(where: $w) { id } }`, { w: { _or: [{ flow: { id: { _in: Array.from({ length: 25_000 }, () => GHOST_ID) } } }] } }),
    expect: error("LIST_TOO_LONG", "$w._or[0].flow.id._in has 25000 items"),
  },
  {
    name: "logs for an unknown run beside a good one",
    request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "fine" }, { flow_run_id: GHOST_ID, message: SQL_PAYLOADS[3] }] } } }),
    expect: error("NOT_FOUND", `Flow run ${GHOST_ID} not found`),
  },
  { name: "NUL character in a log message", request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "a\u0000b" }] } } }), expect: error("BAD_USER_INPUT", "NUL character", 400) },
];

const names: HostileCase[] = [
  { name: "blank project name", request: op(CREATE_PROJECT, { input: { name: " \t " } }), expect: error("BAD_USER_INPUT", "must not be empty") },
  { name: "300-character project name", request: op(CREATE_PROJECT, { input: { name: "p".repeat(300) } }), expect: error("BAD_USER_INPUT", "at most 255 characters") },
  { name: "duplicate project name", request: (s) => json({ query: CREATE_PROJECT, variables: { input: { name: s.projectName } } }), expect: error("UNIQUENESS_VIOLATION", "Uniqueness violation.") },
  { name: "NUL character in a project name literal", request: op(`mutation { create_project(input: { name: "nul\\u0000name" }) { id } }`), expect: error("BAD_USER_INPUT", "NUL character") },
  { name: "SQL as the serialized flow", request: (s) => json({ query: CREATE_FLOW, variables: { input: { project_id: s.projectId, serialized_flow: SQL_PAYLOADS[0] } } }), expect: error("BAD_USER_INPUT", "Invalid serialized flow") },
  { name: "flow with an empty name", request: (s) => json({ query: CREATE_FLOW, variables: { input: { project_id: s.projectId, serialized_flow: serializedFlow({ name: "" }) } } }), expect: error("BAD_USER_INPUT", "name") },
  { name: "flow with a 300-character name", request: (s) => json({ query: CREATE_FLOW, variables: { input: { project_id: s.projectId, serialized_flow: serializedFlow({ name: "f".repeat(300) }) } } }), expect: error("BAD_USER_INPUT", "name") },
  { name: "flow in an unknown project", request: () => json({ query: CREATE_FLOW, variables: { input: { project_id: GHOST_ID, serialized_flow: serializedFlow() } } }), expect: error("NOT_FOUND", "not found") },
  {
    name: "compressed flow that is not gzip",
    request: (s) => json({ query: `mutation($input: create_flow_from_compressed_string_input!) { create_flow_from_compressed_string(input: $input) { id } }`, variables: { input: { project_id: s.projectId, serialized_flow: HTML_PAYLOADS[0] } } }),
    expect: error("BAD_USER_INPUT", "base64-encoded gzip"),
  },
  { name: "run parameters that are a list", request: (s) => json({ query: CREATE_FLOW_RUN, variables: { input: { flow_id: s.flowId, parameters: [SQL_PAYLOADS[0]] } } }), expect: error("BAD_USER_INPUT", "must be a JSON object") },
];

/** One payload carried through every place a user string is stored, each read back. */
function storedCases(payload: string, index: number): HostileCase[] {
  const label = JSON.stringify(payload);
  return [
    {
      name: `project name and description ${label}`,
      request: op(CREATE_PROJECT, { input: { name: payload, description: payload } }),
      expect: {
        stored: {
          // Reading back through `where` with the payload as the value also proves it is a bound parameter.
          read: () => ({ query: `query($name: String!) { project(where: { name: { _eq: $name } }) { name description } }`, variables: { name: payload } }),
          pick: (data) => data.project,
          equals: [{ name: payload, description: payload }],
        },
      },
    },
    {
      name: `project renamed to ${label}`,
      request: (s) => json({ query: `mutation($input: set_project_name_input!) { set_project_name(input: $input) { id } }`, variables: { input: { project_id: s.projectId, name: `renamed ${payload}` } } }),
      expect: { stored: { read: (s) => ({ query: `query($id: uuid!) { project_by_pk(id: $id) { name } }`, variables: { id: s.projectId } }), pick: (data) => data.project_by_pk.name, equals: `renamed ${payload}` } },
    },
    {
      name: `flow, task and parameter named ${label}`,
      request: (s) =>
        json({
          query: CREATE_FLOW,
          variables: {
            input: {
              project_id: s.projectId,
              description: payload,
              serialized_flow: serializedFlow({ name: payload, tasks: [`${payload}-1`], parameters: [{ name: payload, default: payload }], labels: [`label-${index}`] }),
            },
          },
        }),
      expect: {
        stored: {
          read: (_s, data) => ({ query: `query($id: uuid!) { flow_by_pk(id: $id) { name description parameters tasks { slug name } } }`, variables: { id: data.create_flow.id } }),
          pick: (data) => {
            const flow = data.flow_by_pk;
            return { name: flow.name, description: flow.description, parameter: [flow.parameters[0].name, flow.parameters[0].default], tasks: flow.tasks };
          },
          equals: { name: payload, description: payload, parameter: [payload, payload], tasks: [{ slug: `${payload}-1`, name: payload }] },
        },
      },
    },
    {
      name: `flow run named ${label} with it in its parameters`,
      request: (s) => json({ query: CREATE_FLOW_RUN, variables: { input: { flow_id: s.flowId, flow_run_name: payload, parameters: { [payload]: payload, nested: [payload, { inner: payload }] } } } }),
      expect: {
        stored: {
          read: (_s, data) => ({ query: `query($id: uuid!) { flow_run_by_pk(id: $id) { name parameters } }`, variables: { id: data.create_flow_run.id } }),
          pick: (data) => data.flow_run_by_pk,
          equals: { name: payload, parameters: { [payload]: payload, nested: [payload, { inner: payload }] } },
        },
      },
    },
    {
      name: `log message, logger name and info ${label}`,
      request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, task_run_id: s.taskRunId, message: payload, name: payload, info: { [payload]: payload } }] } } }),
      expect: {
        stored: {
          read: (s) => ({
            query: `query($run: uuid!, $message: String!) { log(where: { flow_run_id: { _eq: $run }, message: { _eq: $message } }) { message name info } }`,
            variables: { run: s.flowRunId, message: payload },
          }),
          pick: (data) => data.log,
          equals: [{ message: payload, name: payload, info: { [payload]: payload } }],
        },
      },
    },
  ];
}

const accepted: HostileCase[] = [
  {
    name: "a full batch of 100 operations",
    request: () => ({ body: JSON.stringify(Array.from({ length: 100 }, () => ({ query: "{ tenant { slug } }" }))) }),
    expect: { answers: { pick: (body) => new Set(body.map((r: any) => r.data.tenant[0].slug)), equals: new Set(["default"]) } },
  },
  {
    name: "a batch of a good operation and a broken one",
    request: () => ({ body: JSON.stringify([{ query: "{ tenant { slug } }" }, { query: "{ tenant { slug " }]) }),
    expect: { answers: { pick: (body) => [body[0].data.tenant[0].slug, body[1].errors[0].extensions.code], equals: ["default", "GRAPHQL_PARSE_FAILED"] } },
  },
  {
    name: "the standard introspection query (tools such as GraphiQL and codegen send it)",
    request: op(getIntrospectionQuery()),
    expect: { answers: { pick: (body) => ({ errors: body.errors, types: body.data.__schema.types.length > 100 }), equals: { errors: undefined, types: true } } },
  },
];

export const HOSTILE_CORPUS: HostileCase[] = [...requestShape, ...crossSite, ...paths, ...documents, ...values, ...logs, ...names, ...HOSTILE_STRINGS.flatMap(storedCases), ...accepted];

// ---- Lone surrogates (UTF-16 halves with no partner) ----
// JSON and GraphQL escapes can carry them, but UTF-8 cannot: SQLite would store invalid bytes and
// PostgreSQL a replacement character, so the text would not come back as sent. They are refused
// with a code wherever text enters, as NUL is; a proper pair (an emoji) is fine and stays stored.

/** A high half alone, a low half alone, and a pair in the wrong order. */
export const LONE_SURROGATES = { "high surrogate alone": "a\ud800b", "low surrogate alone": "a\udc00b", "reversed surrogate pair": "a\udc00\ud800b" };

const loneSurrogate = (status?: number) => error("BAD_USER_INPUT", "lone surrogate", status);
const gzipBase64 = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString("base64");
const CREATE_FLOW_COMPRESSED = `mutation($input: create_flow_from_compressed_string_input!) { create_flow_from_compressed_string(input: $input) { id } }`;

function loneSurrogateCases(label: string, text: string): HostileCase[] {
  return [
    { name: `${label} in a project name`, request: op(CREATE_PROJECT, { input: { name: text } }), expect: loneSurrogate(400) },
    {
      name: `${label} in a project name literal`,
      request: op(`mutation { create_project(input: { name: ${JSON.stringify(text)} }) { id } }`),
      expect: error("GRAPHQL_PARSE_FAILED", "Invalid"),
    },
    { name: `${label} in a flow name`, request: (s) => json({ query: CREATE_FLOW, variables: { input: { project_id: s.projectId, serialized_flow: serializedFlow({ name: text }) } } }), expect: loneSurrogate(400) },
    {
      name: `${label} in a compressed flow's name`,
      request: (s) => json({ query: CREATE_FLOW_COMPRESSED, variables: { input: { project_id: s.projectId, serialized_flow: gzipBase64(serializedFlow({ name: text })) } } }),
      expect: loneSurrogate(),
    },
    { name: `${label} in a flow run parameter`, request: (s) => json({ query: CREATE_FLOW_RUN, variables: { input: { flow_id: s.flowId, parameters: { who: text } } } }), expect: loneSurrogate(400) },
    { name: `${label} in a flow run parameter's key`, request: (s) => json({ query: CREATE_FLOW_RUN, variables: { input: { flow_id: s.flowId, parameters: { [text]: 1 } } } }), expect: loneSurrogate(400) },
    { name: `${label} in a log message`, request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "fine" }, { flow_run_id: s.flowRunId, message: text }] } } }), expect: loneSurrogate(400) },
    { name: `${label} in a JSON key of a log's info`, request: (s) => json({ query: WRITE_LOGS, variables: { input: { logs: [{ flow_run_id: s.flowRunId, message: "fine", info: { [text]: true } }] } } }), expect: loneSurrogate(400) },
    {
      name: `${label} in variables sent as a JSON string`,
      request: () => ({ body: JSON.stringify({ query: CREATE_PROJECT, variables: JSON.stringify({ input: { name: text } }) }) }),
      expect: loneSurrogate(400),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Abusive reads: documents and batches that are cheap to send and expensive to answer. Over a
// real amount of data (abusive-reads.test.ts seeds 30,000 log lines) the read budget refuses them
// with QUERY_TOO_COSTLY; over the corpus's few seeded rows they are cheap, and must simply be
// answered in full, each alias and each document of the batch.

/** Aliases of the issue's abusive document: each one a scan of every log line. */
export const ABUSIVE_ALIASES = 300;

/** `aliases` aliases of `log_aggregate(where: {message: {_ilike: …}}) { aggregate { count } }`. */
export function abusiveDocument(aliases: number): string {
  const fields = Array.from({ length: aliases }, (_, i) => `a${i}: log_aggregate(where: { message: { _ilike: "%${i}%" } }) { aggregate { count } }`);
  return `{ ${fields.join(" ")} }`;
}

/**
 * One read that is a single long statement: every log line checked against `terms` patterns
 * that match nothing. Within the default budget with up to about 300 terms over 30,000 lines.
 */
export function heavyRead(terms: number): Operation {
  const where = { _or: Array.from({ length: terms }, (_, i) => ({ message: { _ilike: `%no such text ${i}%` } })) };
  return { query: `query($where: log_bool_exp!) { log_aggregate(where: $where) { aggregate { count } } }`, variables: { where } };
}

function abusiveReads(): HostileCase[] {
  const counts = (body: any) => new Set<number>(Object.values(body.data as Record<string, { aggregate: { count: number } }>).map((a) => a.aggregate.count));
  return [
    {
      name: `a document of ${ABUSIVE_ALIASES} aliased log scans (few rows: answered)`,
      request: op(abusiveDocument(ABUSIVE_ALIASES)),
      expect: { answers: { pick: (body) => ({ errors: body.errors, aliases: Object.keys(body.data).length }), equals: { errors: undefined, aliases: ABUSIVE_ALIASES } } },
    },
    {
      name: `a batch of 10 documents of ${ABUSIVE_ALIASES} aliased log scans (few rows: answered)`,
      request: () => ({ body: JSON.stringify(Array.from({ length: 10 }, () => ({ query: abusiveDocument(ABUSIVE_ALIASES) }))) }),
      expect: { answers: { pick: (body) => body.map((b: any) => b.errors === undefined && counts(b).size > 0), equals: Array.from({ length: 10 }, () => true) } },
    },
    {
      name: "a read that checks every log line against 300 patterns (few rows: answered)",
      request: () => json(heavyRead(300)),
      expect: { answers: { pick: (body) => ({ errors: body.errors, count: body.data.log_aggregate.aggregate.count }), equals: { errors: undefined, count: 0 } } },
    },
  ];
}

const encodings: HostileCase[] = [
  ...Object.entries(LONE_SURROGATES).flatMap(([label, text]) => loneSurrogateCases(label, text)),
  {
    name: "a compressed flow that is not UTF-8",
    request: (s) => {
      const bytes = Buffer.from(JSON.stringify(serializedFlow({ name: "latin1 NAME" })));
      const at = bytes.indexOf("NAME");
      bytes[at] = 0xff;
      return json({ query: CREATE_FLOW_COMPRESSED, variables: { input: { project_id: s.projectId, serialized_flow: gzipSync(bytes).toString("base64") } } });
    },
    expect: error("BAD_USER_INPUT", "not valid UTF-8"),
  },
];

HOSTILE_CORPUS.push(...encodings);
// Appended here (not in HOSTILE_CORPUS's list above) so this block stands alone after the constants it uses.
HOSTILE_CORPUS.push(...abusiveReads());
