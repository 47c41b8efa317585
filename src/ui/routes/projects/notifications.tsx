import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { graphql } from "../../../core/gql/gql.ts";
import type { Notifications_DeliveriesQuery, Notifications_RulesQuery } from "../../../core/gql/graphql.ts";
import { STATE_NAMES, type StateName } from "../../../core/states.ts";
import { type Column, DataTable } from "../../components/data-table.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { Time } from "../../components/time.tsx";
import { Button } from "../../components/ui/button.tsx";
import { Empty, SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Field, Input, Select } from "../../components/ui/field.tsx";
import { errorCode, gqlQueryOptions, runMutation } from "../../lib/gql-query.ts";
import { notificationKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { validateWebhookUrl } from "../../lib/notification-form.ts";

const Rules = graphql(`
  query Notifications_rules {
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

const Deliveries = graphql(`
  query Notifications_deliveries {
    notification_delivery(order_by: { created: desc }, limit: 50) {
      id
      state
      status
      attempts
      last_error
      response_status
      created
      updated
      flow_run {
        id
        name
      }
      rule {
        webhook_url
        project {
          name
        }
      }
    }
  }
`);

const CreateRule = graphql(`
  mutation Notifications_create($input: create_notification_rule_input!) {
    create_notification_rule(input: $input) {
      id
    }
  }
`);

const DeleteRule = graphql(`
  mutation Notifications_delete($id: UUID!) {
    delete_notification_rule(input: { rule_id: $id }) {
      success
    }
  }
`);

export const rulesOptions = () => gqlQueryOptions(notificationKeys.rules(), Rules, {});
const deliveriesOptions = () => gqlQueryOptions(notificationKeys.deliveries(), Deliveries, {});

type Rule = Notifications_RulesQuery["notification_rule"][number];
type Delivery = Notifications_DeliveriesQuery["notification_delivery"][number];

/** Project settings' notifications: the rules (add, remove) and the latest deliveries with their outcome. */
export function NotificationsSection({ projects }: { projects: readonly { id: string; name: string }[] }) {
  const rules = useLiveQuery(rulesOptions());
  const deliveries = useLiveQuery(deliveriesOptions());
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (rule: Rule) => runMutation(DeleteRule, { id: rule.id }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const ruleColumns: Column<Rule>[] = [
    { header: "Project", cell: (r) => (r.flow_group?.flows[0] ? `${r.project?.name} / ${r.flow_group.flows[0].name}` : r.project?.name), className: "font-medium" },
    { header: "States", cell: (r) => (r.states as string[]).join(", ") },
    { header: "Webhook", cell: (r) => <span className="break-all">{r.webhook_url}</span>, className: "text-muted-foreground" },
    {
      header: "Actions",
      hideHeader: true,
      className: "flex justify-end",
      cell: (r) => (
        <Button size="sm" aria-label={`Remove notification rule for ${r.project?.name} to ${r.webhook_url}`} disabled={remove.isPending} onClick={() => remove.mutate(r)}>
          Remove
        </Button>
      ),
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">Notifications</h2>
      <Tile title="Notification rules">
        {rules.isPending ? (
          <SkeletonRows rows={2} />
        ) : rules.data === undefined ? (
          <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
        ) : rules.data.notification_rule.length === 0 ? (
          <Empty>No notification rules. Add one below, or from the shell: <code>npx tern notify add --project P --webhook URL</code></Empty>
        ) : (
          <DataTable label="Notification rules" columns={ruleColumns} rows={rules.data.notification_rule} rowKey={(r) => r.id} />
        )}
        {remove.error ? (
          <p role="alert" className="text-sm text-danger">
            {remove.error.message}
          </p>
        ) : null}
        {projects.length ? <AddRuleForm projects={projects} /> : null}
      </Tile>
      <Tile title="Deliveries">
        {deliveries.isPending ? (
          <SkeletonRows rows={2} />
        ) : deliveries.data === undefined ? (
          <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />
        ) : deliveries.data.notification_delivery.length === 0 ? (
          <Empty>No notifications sent yet.</Empty>
        ) : (
          <DataTable label="Deliveries" columns={deliveryColumns} rows={deliveries.data.notification_delivery} rowKey={(d) => d.id} />
        )}
      </Tile>
    </div>
  );
}

const deliveryColumns: Column<Delivery>[] = [
  { header: "Time", cell: (d) => <Time iso={d.created} /> },
  { header: "Flow run", cell: (d) => (d.flow_run ? <Link to={`/flow-run/${d.flow_run.id}`}>{d.flow_run.name ?? d.flow_run.id}</Link> : null) },
  { header: "State", cell: (d) => <StateBadge state={d.state} /> },
  { header: "Project", cell: (d) => d.rule?.project?.name },
  { header: "Status", cell: (d) => <span className={d.status === "Failed" ? "text-danger" : undefined}>{d.status}</span> },
  { header: "Attempts", cell: (d) => d.attempts },
  { header: "Last error", cell: (d) => d.last_error, className: "text-muted-foreground" },
];

function AddRuleForm({ projects }: { projects: readonly { id: string; name: string }[] }) {
  const client = useQueryClient();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [states, setStates] = useState<StateName[]>(["Failed"]);
  const [url, setUrl] = useState("");
  const [touched, setTouched] = useState(false);
  const add = useMutation({
    mutationFn: () => runMutation(CreateRule, { input: { project_id: projectId, states, webhook_url: url.trim() } }),
    onSuccess: async () => {
      setUrl("");
      setTouched(false);
      await client.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
  const urlError = touched ? validateWebhookUrl(url) : null;
  const statesError = touched && states.length === 0 ? "Choose at least one state." : null;
  const serverError = add.error ? (errorCode(add.error) === "NOT_FOUND" ? "That project no longer exists." : add.error.message) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (validateWebhookUrl(url) || states.length === 0) return;
    add.mutate();
  };
  const toggle = (state: StateName, on: boolean) => setStates((all) => (on ? [...all, state] : all.filter((s) => s !== state)));
  return (
    <form aria-label="Add notification rule" onSubmit={submit} noValidate className="flex flex-col gap-3 border-t pt-3">
      <Field label="Project">
        {(p) => (
          <Select {...p} value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <fieldset className="flex flex-col gap-1" aria-describedby={statesError ? "notify-states-error" : undefined}>
        <legend className="text-sm font-medium">Notify when a flow run enters</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {STATE_NAMES.map((state) => (
            <label key={state} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={states.includes(state)} onChange={(e) => toggle(state, e.target.checked)} />
              {state}
            </label>
          ))}
        </div>
        {statesError ? (
          <p id="notify-states-error" role="alert" className="text-xs text-danger">
            {statesError}
          </p>
        ) : null}
      </fieldset>
      <Field label="Webhook URL" error={urlError ?? serverError} hint="The JSON payload is POSTed here; it has a Slack-compatible text field.">
        {(p) => (
          <Input
            {...p}
            type="url"
            placeholder="https://hooks.example.com/…"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              if (add.error) add.reset();
            }}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={add.isPending}>
          Add rule
        </Button>
      </div>
    </form>
  );
}
