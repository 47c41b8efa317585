/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Boolean_Comparison_Exp = {
  _eq?: boolean | null | undefined;
  _gt?: boolean | null | undefined;
  _gte?: boolean | null | undefined;
  _in?: Array<boolean> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: boolean | null | undefined;
  _lte?: boolean | null | undefined;
  _neq?: boolean | null | undefined;
  _nin?: Array<boolean> | null | undefined;
};

export type Int_Comparison_Exp = {
  _eq?: number | null | undefined;
  _gt?: number | null | undefined;
  _gte?: number | null | undefined;
  _in?: Array<number> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: number | null | undefined;
  _lte?: number | null | undefined;
  _neq?: number | null | undefined;
  _nin?: Array<number> | null | undefined;
};

export type String_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _ilike?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _is_null?: boolean | null | undefined;
  _like?: string | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nilike?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
  _nlike?: string | null | undefined;
};

export type Agent_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Agent_Bool_Exp = {
  _and?: Array<Agent_Bool_Exp> | null | undefined;
  _not?: Agent_Bool_Exp | null | undefined;
  _or?: Array<Agent_Bool_Exp> | null | undefined;
  agent_config?: Agent_Config_Bool_Exp | null | undefined;
  agent_config_id?: Uuid_Comparison_Exp | null | undefined;
  core_version?: String_Comparison_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  flow_runs?: Flow_Run_Bool_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  labels?: Jsonb_Comparison_Exp | null | undefined;
  last_queried?: Timestamptz_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  type?: String_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

export type Agent_Config_Bool_Exp = {
  _and?: Array<Agent_Config_Bool_Exp> | null | undefined;
  _not?: Agent_Config_Bool_Exp | null | undefined;
  _or?: Array<Agent_Config_Bool_Exp> | null | undefined;
  agents?: Agent_Bool_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  settings?: Jsonb_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

export type Agent_Config_Order_By = {
  agents_aggregate?: Agent_Aggregate_Order_By | null | undefined;
  created?: Order_By | null | undefined;
  id?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  settings?: Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
};

export type Agent_Order_By = {
  agent_config?: Agent_Config_Order_By | null | undefined;
  agent_config_id?: Order_By | null | undefined;
  core_version?: Order_By | null | undefined;
  created?: Order_By | null | undefined;
  flow_runs_aggregate?: Flow_Run_Aggregate_Order_By | null | undefined;
  id?: Order_By | null | undefined;
  labels?: Order_By | null | undefined;
  last_queried?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  type?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
};

export type Cancel_Flow_Run_Input = {
  flow_run_id: string;
};

export type Claim_Flow_Runs_Input = {
  /** Runs due at or before this time (default: now). */
  before?: string | null | undefined;
  /** Git storage only from repositories whose URL starts with one of these (default: any). */
  git_prefixes?: Array<string> | null | undefined;
  labels?: Array<string> | null | undefined;
  /** How many runs the agent can start now (1 to 25; default 25). */
  limit?: number | null | undefined;
  /** Storage kinds the agent loads flow code from: local, git (default: both). Runs of other flows wait for an agent that loads them; a Prefect 1 Python client's flow is never claimed. */
  storage?: Array<string> | null | undefined;
};

export type Create_Flow_Input = {
  description?: string | null | undefined;
  idempotency_key?: string | null | undefined;
  project_id: string;
  serialized_flow: any;
  set_schedule_active?: boolean | null | undefined;
  version_group_id?: string | null | undefined;
};

export type Create_Flow_Run_Input = {
  context?: any;
  flow_id?: string | null | undefined;
  flow_run_name?: string | null | undefined;
  idempotency_key?: string | null | undefined;
  labels?: Array<string> | null | undefined;
  parameters?: any;
  run_config?: any;
  scheduled_start_time?: string | null | undefined;
  /** Runs the newest unarchived flow of this version group. */
  version_group_id?: string | null | undefined;
};

export type Create_Project_Input = {
  description?: string | null | undefined;
  name: string;
  /** Accepted for compatibility; Tern has one tenant. */
  tenant_id?: string | null | undefined;
};

export type Delete_Project_Input = {
  /** Delete the project's flows with it. */
  delete_flows?: boolean | null | undefined;
  /** Move the project's flows here first. */
  move_flows_to_project_id?: string | null | undefined;
  project_id: string;
};

export type Edge_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Edge_Bool_Exp = {
  _and?: Array<Edge_Bool_Exp> | null | undefined;
  _not?: Edge_Bool_Exp | null | undefined;
  _or?: Array<Edge_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  downstream_task?: Task_Bool_Exp | null | undefined;
  downstream_task_id?: Uuid_Comparison_Exp | null | undefined;
  flow?: Flow_Bool_Exp | null | undefined;
  flow_id?: Uuid_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  key?: String_Comparison_Exp | null | undefined;
  mapped?: Boolean_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  upstream_task?: Task_Bool_Exp | null | undefined;
  upstream_task_id?: Uuid_Comparison_Exp | null | undefined;
};

export type Flow_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Flow_Bool_Exp = {
  _and?: Array<Flow_Bool_Exp> | null | undefined;
  _not?: Flow_Bool_Exp | null | undefined;
  _or?: Array<Flow_Bool_Exp> | null | undefined;
  archived?: Boolean_Comparison_Exp | null | undefined;
  core_version?: String_Comparison_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  description?: String_Comparison_Exp | null | undefined;
  edges?: Edge_Bool_Exp | null | undefined;
  environment?: Jsonb_Comparison_Exp | null | undefined;
  flow_group?: Flow_Group_Bool_Exp | null | undefined;
  flow_group_id?: Uuid_Comparison_Exp | null | undefined;
  flow_runs?: Flow_Run_Bool_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  idempotency_key?: String_Comparison_Exp | null | undefined;
  is_schedule_active?: Boolean_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  parameters?: Jsonb_Comparison_Exp | null | undefined;
  project?: Project_Bool_Exp | null | undefined;
  project_id?: Uuid_Comparison_Exp | null | undefined;
  run_config?: Jsonb_Comparison_Exp | null | undefined;
  schedule?: Jsonb_Comparison_Exp | null | undefined;
  serialized_flow?: Jsonb_Comparison_Exp | null | undefined;
  settings?: Jsonb_Comparison_Exp | null | undefined;
  storage?: Jsonb_Comparison_Exp | null | undefined;
  tasks?: Task_Bool_Exp | null | undefined;
  tenant?: Tenant_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  version?: Int_Comparison_Exp | null | undefined;
  version_group_id?: String_Comparison_Exp | null | undefined;
};

export type Flow_Group_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Flow_Group_Bool_Exp = {
  _and?: Array<Flow_Group_Bool_Exp> | null | undefined;
  _not?: Flow_Group_Bool_Exp | null | undefined;
  _or?: Array<Flow_Group_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  default_parameters?: Jsonb_Comparison_Exp | null | undefined;
  description?: String_Comparison_Exp | null | undefined;
  flows?: Flow_Bool_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  labels?: Jsonb_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  run_config?: Jsonb_Comparison_Exp | null | undefined;
  schedule?: Jsonb_Comparison_Exp | null | undefined;
  settings?: Jsonb_Comparison_Exp | null | undefined;
  tenant?: Tenant_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

export type Flow_Group_Order_By = {
  created?: Order_By | null | undefined;
  default_parameters?: Order_By | null | undefined;
  description?: Order_By | null | undefined;
  flows_aggregate?: Flow_Aggregate_Order_By | null | undefined;
  id?: Order_By | null | undefined;
  labels?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  run_config?: Order_By | null | undefined;
  schedule?: Order_By | null | undefined;
  settings?: Order_By | null | undefined;
  tenant?: Tenant_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
};

export type Flow_Order_By = {
  archived?: Order_By | null | undefined;
  core_version?: Order_By | null | undefined;
  created?: Order_By | null | undefined;
  description?: Order_By | null | undefined;
  edges_aggregate?: Edge_Aggregate_Order_By | null | undefined;
  environment?: Order_By | null | undefined;
  flow_group?: Flow_Group_Order_By | null | undefined;
  flow_group_id?: Order_By | null | undefined;
  flow_runs_aggregate?: Flow_Run_Aggregate_Order_By | null | undefined;
  id?: Order_By | null | undefined;
  idempotency_key?: Order_By | null | undefined;
  is_schedule_active?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  parameters?: Order_By | null | undefined;
  project?: Project_Order_By | null | undefined;
  project_id?: Order_By | null | undefined;
  run_config?: Order_By | null | undefined;
  schedule?: Order_By | null | undefined;
  serialized_flow?: Order_By | null | undefined;
  settings?: Order_By | null | undefined;
  storage?: Order_By | null | undefined;
  tasks_aggregate?: Task_Aggregate_Order_By | null | undefined;
  tenant?: Tenant_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
  version?: Order_By | null | undefined;
  version_group_id?: Order_By | null | undefined;
};

export type Flow_Run_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Flow_Run_Bool_Exp = {
  _and?: Array<Flow_Run_Bool_Exp> | null | undefined;
  _not?: Flow_Run_Bool_Exp | null | undefined;
  _or?: Array<Flow_Run_Bool_Exp> | null | undefined;
  agent?: Agent_Bool_Exp | null | undefined;
  agent_id?: Uuid_Comparison_Exp | null | undefined;
  auto_scheduled?: Boolean_Comparison_Exp | null | undefined;
  context?: Jsonb_Comparison_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  end_time?: Timestamptz_Comparison_Exp | null | undefined;
  flow?: Flow_Bool_Exp | null | undefined;
  flow_id?: Uuid_Comparison_Exp | null | undefined;
  heartbeat?: Timestamptz_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  idempotency_key?: String_Comparison_Exp | null | undefined;
  labels?: Jsonb_Comparison_Exp | null | undefined;
  logs?: Log_Bool_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  parameters?: Jsonb_Comparison_Exp | null | undefined;
  run_config?: Jsonb_Comparison_Exp | null | undefined;
  scheduled_start_time?: Timestamptz_Comparison_Exp | null | undefined;
  serialized_state?: Jsonb_Comparison_Exp | null | undefined;
  start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state?: String_Comparison_Exp | null | undefined;
  state_message?: String_Comparison_Exp | null | undefined;
  state_result?: Jsonb_Comparison_Exp | null | undefined;
  state_start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state_timestamp?: Timestamptz_Comparison_Exp | null | undefined;
  states?: Flow_Run_State_Bool_Exp | null | undefined;
  task_runs?: Task_Run_Bool_Exp | null | undefined;
  tenant?: Tenant_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  times_resurrected?: Int_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  version?: Int_Comparison_Exp | null | undefined;
};

export type Flow_Run_Order_By = {
  agent?: Agent_Order_By | null | undefined;
  agent_id?: Order_By | null | undefined;
  auto_scheduled?: Order_By | null | undefined;
  context?: Order_By | null | undefined;
  created?: Order_By | null | undefined;
  end_time?: Order_By | null | undefined;
  flow?: Flow_Order_By | null | undefined;
  flow_id?: Order_By | null | undefined;
  heartbeat?: Order_By | null | undefined;
  id?: Order_By | null | undefined;
  idempotency_key?: Order_By | null | undefined;
  labels?: Order_By | null | undefined;
  logs_aggregate?: Log_Aggregate_Order_By | null | undefined;
  name?: Order_By | null | undefined;
  parameters?: Order_By | null | undefined;
  run_config?: Order_By | null | undefined;
  scheduled_start_time?: Order_By | null | undefined;
  serialized_state?: Order_By | null | undefined;
  start_time?: Order_By | null | undefined;
  state?: Order_By | null | undefined;
  state_message?: Order_By | null | undefined;
  state_result?: Order_By | null | undefined;
  state_start_time?: Order_By | null | undefined;
  state_timestamp?: Order_By | null | undefined;
  states_aggregate?: Flow_Run_State_Aggregate_Order_By | null | undefined;
  task_runs_aggregate?: Task_Run_Aggregate_Order_By | null | undefined;
  tenant?: Tenant_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  times_resurrected?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
  version?: Order_By | null | undefined;
};

export type Flow_Run_State_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Flow_Run_State_Bool_Exp = {
  _and?: Array<Flow_Run_State_Bool_Exp> | null | undefined;
  _not?: Flow_Run_State_Bool_Exp | null | undefined;
  _or?: Array<Flow_Run_State_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  flow_run?: Flow_Run_Bool_Exp | null | undefined;
  flow_run_id?: Uuid_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  idempotency_key?: String_Comparison_Exp | null | undefined;
  message?: String_Comparison_Exp | null | undefined;
  result?: Jsonb_Comparison_Exp | null | undefined;
  serialized_state?: Jsonb_Comparison_Exp | null | undefined;
  start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state?: String_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  timestamp?: Timestamptz_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  version?: Int_Comparison_Exp | null | undefined;
};

export type Get_Or_Create_Task_Run_Info_Input = {
  flow_run_id: string;
  map_index?: number | null | undefined;
  task_id: string;
};

export type Get_Runs_In_Queue_Input = {
  /** Runs due at or before this time (default: now). */
  before?: string | null | undefined;
  labels?: Array<string> | null | undefined;
  /** Accepted for compatibility; Tern has one tenant. */
  tenant_id?: string | null | undefined;
};

export type Jsonb_Comparison_Exp = {
  _eq?: any;
  _gt?: any;
  _gte?: any;
  _in?: Array<any> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: any;
  _lte?: any;
  _neq?: any;
  _nin?: Array<any> | null | undefined;
};

export type Log_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Log_Bool_Exp = {
  _and?: Array<Log_Bool_Exp> | null | undefined;
  _not?: Log_Bool_Exp | null | undefined;
  _or?: Array<Log_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  flow_run_id?: Uuid_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  idempotency_key?: String_Comparison_Exp | null | undefined;
  info?: Jsonb_Comparison_Exp | null | undefined;
  is_loaded_from_archive?: Boolean_Comparison_Exp | null | undefined;
  level?: String_Comparison_Exp | null | undefined;
  message?: String_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  seq?: Int_Comparison_Exp | null | undefined;
  task_run_id?: Uuid_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  timestamp?: Timestamptz_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

/** Python logging's level names, as Prefect sends them. */
export type Log_Level =
  | 'CRITICAL'
  | 'DEBUG'
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

export type Order_By =
  | 'asc'
  | 'asc_nulls_first'
  | 'asc_nulls_last'
  | 'desc'
  | 'desc_nulls_first'
  | 'desc_nulls_last';

export type Project_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Project_Bool_Exp = {
  _and?: Array<Project_Bool_Exp> | null | undefined;
  _not?: Project_Bool_Exp | null | undefined;
  _or?: Array<Project_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  description?: String_Comparison_Exp | null | undefined;
  flows?: Flow_Bool_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  tenant?: Tenant_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

export type Project_Order_By = {
  created?: Order_By | null | undefined;
  description?: Order_By | null | undefined;
  flows_aggregate?: Flow_Aggregate_Order_By | null | undefined;
  id?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  tenant?: Tenant_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
};

export type Register_Agent_Input = {
  agent_config_id?: string | null | undefined;
  labels?: Array<string> | null | undefined;
  name?: string | null | undefined;
  /** Accepted for compatibility; Tern has one tenant. */
  tenant_id?: string | null | undefined;
  type: string;
};

export type Set_Flow_Run_State_Input = {
  flow_run_id: string;
  /** Client-chosen key for this write: re-sending it after a lost answer returns the stored result instead of writing twice. */
  idempotency_key?: string | null | undefined;
  state: any;
  /** When given, must equal the run's current version (else VERSION_LOCKING_ERROR). */
  version?: number | null | undefined;
};

export type Set_Flow_Run_States_Input = {
  states: Array<Set_Flow_Run_State_Input>;
};

export type Set_Project_Description_Input = {
  description?: string | null | undefined;
  project_id: string;
};

export type Set_Project_Name_Input = {
  name: string;
  project_id: string;
};

export type Set_Schedule_Active_Input = {
  flow_id: string;
};

export type Set_Schedule_Inactive_Input = {
  flow_id: string;
};

export type Set_Task_Run_State_Input = {
  flow_run_version?: number | null | undefined;
  /** Client-chosen key for this write: re-sending it after a lost answer returns the stored result instead of writing twice. */
  idempotency_key?: string | null | undefined;
  state: any;
  task_run_id: string;
  version?: number | null | undefined;
};

export type Set_Task_Run_States_Input = {
  states: Array<Set_Task_Run_State_Input>;
};

export type Task_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Task_Bool_Exp = {
  _and?: Array<Task_Bool_Exp> | null | undefined;
  _not?: Task_Bool_Exp | null | undefined;
  _or?: Array<Task_Bool_Exp> | null | undefined;
  auto_generated?: Boolean_Comparison_Exp | null | undefined;
  cache_key?: String_Comparison_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  description?: String_Comparison_Exp | null | undefined;
  downstream_edges?: Edge_Bool_Exp | null | undefined;
  flow?: Flow_Bool_Exp | null | undefined;
  flow_id?: Uuid_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  is_reference_task?: Boolean_Comparison_Exp | null | undefined;
  is_root_task?: Boolean_Comparison_Exp | null | undefined;
  is_terminal_task?: Boolean_Comparison_Exp | null | undefined;
  mapped?: Boolean_Comparison_Exp | null | undefined;
  max_retries?: Int_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  retry_delay?: String_Comparison_Exp | null | undefined;
  slug?: String_Comparison_Exp | null | undefined;
  tags?: Jsonb_Comparison_Exp | null | undefined;
  task_runs?: Task_Run_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  timeout?: Int_Comparison_Exp | null | undefined;
  trigger?: String_Comparison_Exp | null | undefined;
  type?: String_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  upstream_edges?: Edge_Bool_Exp | null | undefined;
};

export type Task_Order_By = {
  auto_generated?: Order_By | null | undefined;
  cache_key?: Order_By | null | undefined;
  created?: Order_By | null | undefined;
  description?: Order_By | null | undefined;
  downstream_edges_aggregate?: Edge_Aggregate_Order_By | null | undefined;
  flow?: Flow_Order_By | null | undefined;
  flow_id?: Order_By | null | undefined;
  id?: Order_By | null | undefined;
  is_reference_task?: Order_By | null | undefined;
  is_root_task?: Order_By | null | undefined;
  is_terminal_task?: Order_By | null | undefined;
  mapped?: Order_By | null | undefined;
  max_retries?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  retry_delay?: Order_By | null | undefined;
  slug?: Order_By | null | undefined;
  tags?: Order_By | null | undefined;
  task_runs_aggregate?: Task_Run_Aggregate_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  timeout?: Order_By | null | undefined;
  trigger?: Order_By | null | undefined;
  type?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
  upstream_edges_aggregate?: Edge_Aggregate_Order_By | null | undefined;
};

export type Task_Run_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Task_Run_Bool_Exp = {
  _and?: Array<Task_Run_Bool_Exp> | null | undefined;
  _not?: Task_Run_Bool_Exp | null | undefined;
  _or?: Array<Task_Run_Bool_Exp> | null | undefined;
  cache_key?: String_Comparison_Exp | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  end_time?: Timestamptz_Comparison_Exp | null | undefined;
  flow_run?: Flow_Run_Bool_Exp | null | undefined;
  flow_run_id?: Uuid_Comparison_Exp | null | undefined;
  heartbeat?: Timestamptz_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  logs?: Log_Bool_Exp | null | undefined;
  map_index?: Int_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  serialized_state?: Jsonb_Comparison_Exp | null | undefined;
  start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state?: String_Comparison_Exp | null | undefined;
  state_message?: String_Comparison_Exp | null | undefined;
  state_result?: Jsonb_Comparison_Exp | null | undefined;
  state_start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state_timestamp?: Timestamptz_Comparison_Exp | null | undefined;
  states?: Task_Run_State_Bool_Exp | null | undefined;
  task?: Task_Bool_Exp | null | undefined;
  task_id?: Uuid_Comparison_Exp | null | undefined;
  tenant?: Tenant_Bool_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  version?: Int_Comparison_Exp | null | undefined;
};

export type Task_Run_Order_By = {
  cache_key?: Order_By | null | undefined;
  created?: Order_By | null | undefined;
  end_time?: Order_By | null | undefined;
  flow_run?: Flow_Run_Order_By | null | undefined;
  flow_run_id?: Order_By | null | undefined;
  heartbeat?: Order_By | null | undefined;
  id?: Order_By | null | undefined;
  logs_aggregate?: Log_Aggregate_Order_By | null | undefined;
  map_index?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  serialized_state?: Order_By | null | undefined;
  start_time?: Order_By | null | undefined;
  state?: Order_By | null | undefined;
  state_message?: Order_By | null | undefined;
  state_result?: Order_By | null | undefined;
  state_start_time?: Order_By | null | undefined;
  state_timestamp?: Order_By | null | undefined;
  states_aggregate?: Task_Run_State_Aggregate_Order_By | null | undefined;
  task?: Task_Order_By | null | undefined;
  task_id?: Order_By | null | undefined;
  tenant?: Tenant_Order_By | null | undefined;
  tenant_id?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
  version?: Order_By | null | undefined;
};

export type Task_Run_State_Aggregate_Order_By = {
  count?: Order_By | null | undefined;
};

export type Task_Run_State_Bool_Exp = {
  _and?: Array<Task_Run_State_Bool_Exp> | null | undefined;
  _not?: Task_Run_State_Bool_Exp | null | undefined;
  _or?: Array<Task_Run_State_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  idempotency_key?: String_Comparison_Exp | null | undefined;
  message?: String_Comparison_Exp | null | undefined;
  result?: Jsonb_Comparison_Exp | null | undefined;
  serialized_state?: Jsonb_Comparison_Exp | null | undefined;
  start_time?: Timestamptz_Comparison_Exp | null | undefined;
  state?: String_Comparison_Exp | null | undefined;
  task_run?: Task_Run_Bool_Exp | null | undefined;
  task_run_id?: Uuid_Comparison_Exp | null | undefined;
  tenant_id?: Uuid_Comparison_Exp | null | undefined;
  timestamp?: Timestamptz_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
  version?: Int_Comparison_Exp | null | undefined;
};

export type Tenant_Bool_Exp = {
  _and?: Array<Tenant_Bool_Exp> | null | undefined;
  _not?: Tenant_Bool_Exp | null | undefined;
  _or?: Array<Tenant_Bool_Exp> | null | undefined;
  created?: Timestamptz_Comparison_Exp | null | undefined;
  flow_groups?: Flow_Group_Bool_Exp | null | undefined;
  flows?: Flow_Bool_Exp | null | undefined;
  id?: Uuid_Comparison_Exp | null | undefined;
  info?: Jsonb_Comparison_Exp | null | undefined;
  name?: String_Comparison_Exp | null | undefined;
  projects?: Project_Bool_Exp | null | undefined;
  settings?: Jsonb_Comparison_Exp | null | undefined;
  slug?: String_Comparison_Exp | null | undefined;
  updated?: Timestamptz_Comparison_Exp | null | undefined;
};

export type Tenant_Order_By = {
  created?: Order_By | null | undefined;
  flow_groups_aggregate?: Flow_Group_Aggregate_Order_By | null | undefined;
  flows_aggregate?: Flow_Aggregate_Order_By | null | undefined;
  id?: Order_By | null | undefined;
  info?: Order_By | null | undefined;
  name?: Order_By | null | undefined;
  projects_aggregate?: Project_Aggregate_Order_By | null | undefined;
  settings?: Order_By | null | undefined;
  slug?: Order_By | null | undefined;
  updated?: Order_By | null | undefined;
};

export type Timestamptz_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
};

export type Update_Agent_Heartbeat_Input = {
  agent_id: string;
};

export type Update_Flow_Run_Heartbeat_Input = {
  flow_run_id: string;
};

export type Uuid_Comparison_Exp = {
  _eq?: string | null | undefined;
  _gt?: string | null | undefined;
  _gte?: string | null | undefined;
  _in?: Array<string> | null | undefined;
  _is_null?: boolean | null | undefined;
  _lt?: string | null | undefined;
  _lte?: string | null | undefined;
  _neq?: string | null | undefined;
  _nin?: Array<string> | null | undefined;
};

export type Write_Run_Batch_Input = {
  /** Written after the logs. */
  flow_run_states?: Array<Set_Flow_Run_State_Input> | null | undefined;
  /** Stored first: a run's lines are there before any state of the same call shows. */
  logs?: Array<Write_Run_Log_Input> | null | undefined;
  /** Written after the flow-run states (a task run can go Running in the call that makes its flow run Running). */
  task_run_states?: Array<Set_Task_Run_State_Input> | null | undefined;
};

export type Write_Run_Log_Input = {
  flow_run_id: string;
  /** Client-chosen, unique per flow run: a line re-sent with a stored key is not stored again. */
  idempotency_key?: string | null | undefined;
  info?: any;
  /** INFO when absent. */
  level?: Log_Level | null | undefined;
  message?: string | null | undefined;
  name?: string | null | undefined;
  task_run_id?: string | null | undefined;
  timestamp?: string | null | undefined;
};

export type Write_Run_Logs_Input = {
  /** At most 10,000 a call; each message at most 1 MB. */
  logs: Array<Write_Run_Log_Input>;
};

export type AgentTest_RunDetailsQueryVariables = Exact<{
  id: string;
}>;


export type AgentTest_RunDetailsQuery = { flow_run_by_pk: { id: string, state: string | null, state_message: string | null, agent_id: string | null, states: Array<{ state: string }>, logs: Array<{ name: string | null, level: string | null, message: string | null, task_run_id: string | null }>, task_runs: Array<{ id: string, state: string | null, state_message: string | null, task: { slug: string | null } | null, states: Array<{ state: string, message: string | null }> }> } | null };

export type AgentTest_CancelMutationVariables = Exact<{
  input: Cancel_Flow_Run_Input;
}>;


export type AgentTest_CancelMutation = { cancel_flow_run: { state: string | null } | null };

export type ClaimRaceTest_UnfinishedQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type ClaimRaceTest_UnfinishedQuery = { flow_run_aggregate: { aggregate: { count: number } | null } };

export type ClaimRaceTest_HistoriesQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type ClaimRaceTest_HistoriesQuery = { flow_run: Array<{ id: string, state: string | null, agent_id: string | null, states: Array<{ state: string }> }> };

export type Agent_TenantQueryVariables = Exact<{ [key: string]: never; }>;


export type Agent_TenantQuery = { tenant: Array<{ id: string, slug: string }> };

export type Agent_RegisterMutationVariables = Exact<{
  input: Register_Agent_Input;
}>;


export type Agent_RegisterMutation = { register_agent: { id: string | null, flow_run_heartbeat_seconds: number | null } | null };

export type Agent_RunsInQueueMutationVariables = Exact<{
  input: Get_Runs_In_Queue_Input;
}>;


export type Agent_RunsInQueueMutation = { get_runs_in_queue: { flow_run_ids: Array<string> | null } | null };

export type Agent_RunVersionsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type Agent_RunVersionsQuery = { flow_run: Array<{ id: string, version: number, state: string | null }> };

export type Agent_RunStateQueryVariables = Exact<{
  id: string;
}>;


export type Agent_RunStateQuery = { flow_run_by_pk: { id: string, state: string | null, version: number } | null };

export type Agent_SetFlowRunStatesMutationVariables = Exact<{
  input: Set_Flow_Run_States_Input;
}>;


export type Agent_SetFlowRunStatesMutation = { set_flow_run_states: { states: Array<{ id: string | null, status: string | null, message: string | null } | null> | null } | null };

export type Agent_WriteRunLogsMutationVariables = Exact<{
  input: Write_Run_Logs_Input;
}>;


export type Agent_WriteRunLogsMutation = { write_run_logs: { success: boolean | null } | null };

export type Agent_NewestScheduledRunSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type Agent_NewestScheduledRunSubscription = { flow_run: Array<{ id: string }> };

export type Agent_HeartbeatMutationVariables = Exact<{
  input: Update_Agent_Heartbeat_Input;
}>;


export type Agent_HeartbeatMutation = { update_agent_heartbeat: { success: boolean | null } | null };

export type Agent_RunningTaskRunsQueryVariables = Exact<{
  flowRunId: string;
}>;


export type Agent_RunningTaskRunsQuery = { task_run: Array<{ id: string }> };

export type Agent_SetTaskRunStatesMutationVariables = Exact<{
  input: Set_Task_Run_States_Input;
}>;


export type Agent_SetTaskRunStatesMutation = { set_task_run_states: { states: Array<{ id: string | null } | null> | null } | null };

export type Agent_ClaimFlowRunsMutationVariables = Exact<{
  input: Claim_Flow_Runs_Input;
}>;


export type Agent_ClaimFlowRunsMutation = { claim_flow_runs: { lost: number, flow_runs: Array<{ id: string, version: number, flow_run: { id: string, name: string | null, version: number, state: string | null, parameters: any, flow: { id: string, name: string, storage: any, tasks: Array<{ id: string, slug: string | null }> } | null, task_runs: Array<{ id: string, version: number, state: string | null, task: { id: string, slug: string | null } | null }> } | null }> } };

export type Agent_OwnSubmittedRunsQueryVariables = Exact<{
  agentId: string;
  since: string;
}>;


export type Agent_OwnSubmittedRunsQuery = { flow_run: Array<{ id: string }> };

export type AgentLostAnswerTest_SubmittedQueryVariables = Exact<{ [key: string]: never; }>;


export type AgentLostAnswerTest_SubmittedQuery = { flow_run: Array<{ id: string }> };

export type AgentRestartTest_RunQueryVariables = Exact<{
  id: string;
}>;


export type AgentRestartTest_RunQuery = { flow_run_by_pk: { id: string, version: number, state: string | null, states: Array<{ state: string }>, task_runs: Array<{ id: string, version: number, state: string | null, serialized_state: any, task: { slug: string | null } | null, states: Array<{ state: string }> }>, logs: Array<{ name: string | null, level: string | null, message: string | null, task_run_id: string | null }> } | null };

export type AgentRestartTest_SetTaskRunStatesMutationVariables = Exact<{
  input: Set_Task_Run_States_Input;
}>;


export type AgentRestartTest_SetTaskRunStatesMutation = { set_task_run_states: { states: Array<{ id: string | null } | null> | null } | null };

export type AgentRestartTest_SetFlowRunStatesMutationVariables = Exact<{
  input: Set_Flow_Run_States_Input;
}>;


export type AgentRestartTest_SetFlowRunStatesMutation = { set_flow_run_states: { states: Array<{ id: string | null } | null> | null } | null };

export type Testing_RunHistoryQueryVariables = Exact<{
  id: string;
}>;


export type Testing_RunHistoryQuery = { flow_run_by_pk: { state: string | null, states: Array<{ state: string, version: number | null }>, task_runs: Array<{ state: string | null, states: Array<{ state: string }> }>, logs: Array<{ name: string | null, message: string | null }> } | null };

export type Testing_CreateProjectMutationVariables = Exact<{
  input: Create_Project_Input;
}>;


export type Testing_CreateProjectMutation = { create_project: { id: string | null } | null };

export type Testing_CreateFlowRunMutationVariables = Exact<{
  input: Create_Flow_Run_Input;
}>;


export type Testing_CreateFlowRunMutation = { create_flow_run: { id: string | null } | null };

export type Testing_RunStateQueryVariables = Exact<{
  id: string;
}>;


export type Testing_RunStateQuery = { flow_run_by_pk: { id: string, state: string | null, state_message: string | null } | null };

export type AgentCliTest_RunProgressQueryVariables = Exact<{
  id: string;
}>;


export type AgentCliTest_RunProgressQuery = { flow_run_by_pk: { id: string, state: string | null, task_runs: Array<{ state: string | null }> } | null };

export type AgentCliTest_StuckRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type AgentCliTest_StuckRunsQuery = { flow_run: Array<{ id: string, state: string | null }>, task_run: Array<{ id: string, state: string | null }> };

export type AuthTest_AgentsQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthTest_AgentsQuery = { agent: Array<{ id: string, name: string | null }> };

export type AuthTest_ProjectFlowsQueryVariables = Exact<{
  name: string;
}>;


export type AuthTest_ProjectFlowsQuery = { project: Array<{ name: string, flows: Array<{ name: string }> }> };

export type Cli_CreateProjectMutationVariables = Exact<{
  input: Create_Project_Input;
}>;


export type Cli_CreateProjectMutation = { create_project: { id: string | null } | null };

export type RunCliTest_HistoryQueryVariables = Exact<{
  id: string;
}>;


export type RunCliTest_HistoryQuery = { flow_run_by_pk: { name: string | null, states: Array<{ state: string, timestamp: string }>, task_runs: Array<{ map_index: number, task: { slug: string | null } | null, states: Array<{ state: string, timestamp: string }> }> } | null };

export type Cli_FlowByNameQueryVariables = Exact<{
  name: string;
  project: string;
}>;


export type Cli_FlowByNameQuery = { flow: Array<{ id: string, name: string, version: number | null }> };

export type Cli_CreateFlowRunMutationVariables = Exact<{
  input: Create_Flow_Run_Input;
}>;


export type Cli_CreateFlowRunMutation = { create_flow_run: { id: string | null } | null };

export type Cli_WatchRunSubscriptionVariables = Exact<{
  id: string;
}>;


export type Cli_WatchRunSubscription = { flow_run_by_pk: { id: string, name: string | null, state: string | null, states: Array<{ id: string, state: string, message: string | null, timestamp: string }>, task_runs: Array<{ id: string, map_index: number, task: { slug: string | null } | null, states: Array<{ id: string, state: string, timestamp: string }> }> } | null };

export type Cli_WatchLogsSubscriptionVariables = Exact<{
  id: string;
}>;


export type Cli_WatchLogsSubscription = { log: Array<{ id: string, timestamp: string, level: string | null, name: string | null, message: string | null }> };

export type ClientLostAnswerTest_CreateRunMutationVariables = Exact<{
  input: Create_Flow_Run_Input;
}>;


export type ClientLostAnswerTest_CreateRunMutation = { create_flow_run: { id: string | null } | null };

export type ClientLostAnswerTest_RunsQueryVariables = Exact<{
  flowId: string;
}>;


export type ClientLostAnswerTest_RunsQuery = { flow_run: Array<{ id: string, idempotency_key: string | null }> };

export type Engine_RunFragment = { id: string, name: string | null, version: number, state: string | null, parameters: any, flow: { id: string, name: string, storage: any, tasks: Array<{ id: string, slug: string | null }> } | null, task_runs: Array<{ id: string, version: number, state: string | null, task: { id: string, slug: string | null } | null }> };

export type Engine_FlowRunQueryVariables = Exact<{
  id: string;
}>;


export type Engine_FlowRunQuery = { flow_run_by_pk: { id: string, name: string | null, version: number, state: string | null, parameters: any, flow: { id: string, name: string, storage: any, tasks: Array<{ id: string, slug: string | null }> } | null, task_runs: Array<{ id: string, version: number, state: string | null, task: { id: string, slug: string | null } | null }> } | null };

export type Engine_KeptTaskRunsQueryVariables = Exact<{
  id: string;
  states: Array<string> | string;
}>;


export type Engine_KeptTaskRunsQuery = { task_run: Array<{ id: string, state: string | null, serialized_state: any, task: { id: string, slug: string | null } | null }> };

export type Engine_FlowRunStateLiveSubscriptionVariables = Exact<{
  id: string;
}>;


export type Engine_FlowRunStateLiveSubscription = { flow_run_by_pk: { id: string, state: string | null } | null };

export type Engine_FlowRunStateQueryVariables = Exact<{
  id: string;
}>;


export type Engine_FlowRunStateQuery = { flow_run_by_pk: { id: string, state: string | null, version: number } | null };

export type Engine_SetFlowRunStatesMutationVariables = Exact<{
  input: Set_Flow_Run_States_Input;
}>;


export type Engine_SetFlowRunStatesMutation = { set_flow_run_states: { states: Array<{ id: string | null, status: string | null, message: string | null } | null> | null } | null };

export type Engine_SetTaskRunStatesMutationVariables = Exact<{
  input: Set_Task_Run_States_Input;
}>;


export type Engine_SetTaskRunStatesMutation = { set_task_run_states: { states: Array<{ id: string | null, status: string | null, message: string | null } | null> | null } | null };

export type Engine_TaskRunInfoMutationVariables = Exact<{
  input: Get_Or_Create_Task_Run_Info_Input;
}>;


export type Engine_TaskRunInfoMutation = { get_or_create_task_run_info: { id: string | null, version: number | null, state: string | null } | null };

export type Engine_WriteRunLogsMutationVariables = Exact<{
  input: Write_Run_Logs_Input;
}>;


export type Engine_WriteRunLogsMutation = { write_run_logs: { success: boolean | null } | null };

export type Engine_HeartbeatMutationVariables = Exact<{
  input: Update_Flow_Run_Heartbeat_Input;
}>;


export type Engine_HeartbeatMutation = { update_flow_run_heartbeat: { success: boolean | null } | null };

export type Engine_WriteRunBatchMutationVariables = Exact<{
  input: Write_Run_Batch_Input;
}>;


export type Engine_WriteRunBatchMutation = { write_run_batch: { flow_run_states: Array<{ id: string | null }>, task_run_states: Array<{ id: string | null }> } };

export type RoundTripsTest_CancelMutationVariables = Exact<{
  input: Cancel_Flow_Run_Input;
}>;


export type RoundTripsTest_CancelMutation = { cancel_flow_run: { state: string | null } | null };

export type ServerRestartTest_CreateProjectMutationVariables = Exact<{
  input: Create_Project_Input;
}>;


export type ServerRestartTest_CreateProjectMutation = { create_project: { id: string | null } | null };

export type ServerRestartTest_FlowQueryVariables = Exact<{
  name: string;
}>;


export type ServerRestartTest_FlowQuery = { flow: Array<{ id: string, run_config: any }> };

export type ServerRestartTest_CreateRunMutationVariables = Exact<{
  input: Create_Flow_Run_Input;
}>;


export type ServerRestartTest_CreateRunMutation = { create_flow_run: { id: string | null } | null };

export type ServerRestartTest_ProgressQueryVariables = Exact<{
  id: string;
}>;


export type ServerRestartTest_ProgressQuery = { flow_run_by_pk: { id: string, state: string | null } | null, log_aggregate: { aggregate: { count: number } | null } };

export type ServerRestartTest_ReportQueryVariables = Exact<{
  id: string;
}>;


export type ServerRestartTest_ReportQuery = { flow_run_by_pk: { id: string, state: string | null, state_message: string | null, states: Array<{ state: string, message: string | null }>, task_runs: Array<{ state: string | null, task: { name: string | null } | null }>, logs: Array<{ message: string | null }> } | null };

export type RegisterTest_FlowQueryVariables = Exact<{
  id: string;
}>;


export type RegisterTest_FlowQuery = { flow_by_pk: { id: string, name: string, version: number | null, flow_group_id: string, archived: boolean, storage: any, run_config: any, tasks: Array<{ slug: string | null, max_retries: number | null }>, edges: Array<{ key: string | null }> } | null };

export type Register_ProjectQueryVariables = Exact<{
  name: string;
}>;


export type Register_ProjectQuery = { project: Array<{ id: string }> };

export type Register_CreateFlowMutationVariables = Exact<{
  input: Create_Flow_Input;
}>;


export type Register_CreateFlowMutation = { create_flow: { id: string | null } | null };

export type Register_FlowQueryVariables = Exact<{
  id: string;
}>;


export type Register_FlowQuery = { flow_by_pk: { id: string, flow_group_id: string, version: number | null } | null };

export type Agents_ListQueryVariables = Exact<{ [key: string]: never; }>;


export type Agents_ListQuery = { agent: Array<{ id: string, name: string | null, type: string | null, labels: any, core_version: string | null, last_queried: string | null, created: string }> };

export type ProjectDialog_CreateMutationVariables = Exact<{
  input: Create_Project_Input;
}>;


export type ProjectDialog_CreateMutation = { create_project: { id: string | null } | null };

export type RunHistory_RunFragment = { id: string, name: string | null, state: string | null, start_time: string | null, end_time: string | null, scheduled_start_time: string };

export type Schematic_FlowFragment = { tasks: Array<{ id: string, name: string | null }>, edges: Array<{ upstream_task_id: string, downstream_task_id: string }> };

export type Dashboard_ProjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type Dashboard_ProjectsQuery = { project: Array<{ id: string, name: string }> };

export type Dashboard_FlowsQueryVariables = Exact<{
  projectId?: string | null | undefined;
}>;


export type Dashboard_FlowsQuery = { flow: Array<{ id: string, flow_group_id: string, name: string, version: number | null, project: { id: string, name: string } | null, flow_runs: Array<{ id: string, state: string | null }> }> };

export type Dashboard_HistoryQueryVariables = Exact<{
  projectId?: string | null | undefined;
}>;


export type Dashboard_HistoryQuery = { flow_run: Array<{ id: string, name: string | null, state: string | null, start_time: string | null, end_time: string | null, scheduled_start_time: string }> };

export type Dashboard_UpcomingQueryVariables = Exact<{
  projectId?: string | null | undefined;
}>;


export type Dashboard_UpcomingQuery = { flow_run: Array<{ id: string, name: string | null, labels: any, scheduled_start_time: string, flow: { id: string, name: string } | null }> };

export type Dashboard_InProgressQueryVariables = Exact<{
  projectId?: string | null | undefined;
}>;


export type Dashboard_InProgressQuery = { flow_run: Array<{ id: string, name: string | null, state: string | null, start_time: string | null, flow: { id: string, name: string } | null }> };

export type Dashboard_FailuresQueryVariables = Exact<{
  projectId?: string | null | undefined;
  failed?: Array<string> | string | null | undefined;
}>;


export type Dashboard_FailuresQuery = { flow_run: Array<{ id: string, name: string | null, state: string | null, state_message: string | null, state_timestamp: string | null, flow: { id: string, name: string } | null }> };

export type FlowRunActions_CancelMutationVariables = Exact<{
  input: Cancel_Flow_Run_Input;
}>;


export type FlowRunActions_CancelMutation = { cancel_flow_run: { state: string | null } | null };

export type FlowRunActions_RestartDataQueryVariables = Exact<{
  id: string;
}>;


export type FlowRunActions_RestartDataQuery = { flow_run_by_pk: { id: string, version: number, task_runs: Array<{ id: string, task_id: string, state: string | null, version: number }>, flow: { id: string, edges: Array<{ upstream_task_id: string, downstream_task_id: string }> } | null } | null };

export type FlowRunActions_SetTaskRunStatesMutationVariables = Exact<{
  input: Set_Task_Run_States_Input;
}>;


export type FlowRunActions_SetTaskRunStatesMutation = { set_task_run_states: { states: Array<{ id: string | null, status: string | null } | null> | null } | null };

export type FlowRunActions_SetFlowRunStatesMutationVariables = Exact<{
  input: Set_Flow_Run_States_Input;
}>;


export type FlowRunActions_SetFlowRunStatesMutation = { set_flow_run_states: { states: Array<{ id: string | null, status: string | null } | null> | null } | null };

export type FlowRun_LogsQueryVariables = Exact<{
  id: string;
  where?: Log_Bool_Exp | null | undefined;
  limit?: number | null | undefined;
}>;


export type FlowRun_LogsQuery = { flow_run_by_pk: { id: string, logs: Array<{ id: string, level: string | null, name: string | null, message: string | null, timestamp: string, task_run_id: string | null }>, logs_aggregate: { aggregate: { count: number } | null } } | null };

export type FlowRun_LogPageQueryVariables = Exact<{
  where: Log_Bool_Exp;
  limit: number;
  offset: number;
}>;


export type FlowRun_LogPageQuery = { log: Array<{ id: string, level: string | null, name: string | null, message: string | null, timestamp: string }> };

export type FlowRun_DetailQueryVariables = Exact<{
  id: string;
}>;


export type FlowRun_DetailQuery = { flow_run_by_pk: { id: string, name: string | null, state: string | null, state_message: string | null, state_timestamp: string | null, start_time: string | null, end_time: string | null, scheduled_start_time: string, labels: any, version: number, flow: { id: string, name: string, version: number | null, flow_group_id: string, storage: any, run_config: any, project: { id: string, name: string } | null } | null } | null };

export type FlowRun_SchematicQueryVariables = Exact<{
  id: string;
}>;


export type FlowRun_SchematicQuery = { flow_run_by_pk: { id: string, task_runs: Array<{ id: string, task_id: string, state: string | null }>, flow: { id: string, tasks: Array<{ id: string, name: string | null }>, edges: Array<{ upstream_task_id: string, downstream_task_id: string }> } | null } | null };

export type SetStateDialog_SetFlowRunStateMutationVariables = Exact<{
  input: Set_Flow_Run_States_Input;
}>;


export type SetStateDialog_SetFlowRunStateMutation = { set_flow_run_states: { states: Array<{ id: string | null, status: string | null } | null> | null } | null };

export type FlowRun_StateHistoryQueryVariables = Exact<{
  id: string;
}>;


export type FlowRun_StateHistoryQuery = { flow_run_by_pk: { id: string, states: Array<{ id: string, state: string, message: string | null, timestamp: string }> } | null };

export type FlowRun_TaskRunsQueryVariables = Exact<{
  id: string;
  where?: Task_Run_Bool_Exp | null | undefined;
  orderBy?: Array<Task_Run_Order_By> | Task_Run_Order_By | null | undefined;
  limit?: number | null | undefined;
  offset?: number | null | undefined;
}>;


export type FlowRun_TaskRunsQuery = { flow_run_by_pk: { id: string, task_runs: Array<{ id: string, name: string | null, state: string | null, map_index: number, start_time: string | null, end_time: string | null, task: { id: string, name: string | null } | null }>, filtered: { aggregate: { count: number } | null } } | null };

export type FlowRun_CountsQueryVariables = Exact<{
  id: string;
}>;


export type FlowRun_CountsQuery = { flow_run_by_pk: { id: string, total: { aggregate: { count: number } | null }, Pending: { aggregate: { count: number } | null }, Running: { aggregate: { count: number } | null }, Retrying: { aggregate: { count: number } | null }, Success: { aggregate: { count: number } | null }, Failed: { aggregate: { count: number } | null }, TriggerFailed: { aggregate: { count: number } | null }, Skipped: { aggregate: { count: number } | null }, Cancelled: { aggregate: { count: number } | null } } | null };

export type FlowRun_TimelineQueryVariables = Exact<{
  id: string;
  limit?: number | null | undefined;
}>;


export type FlowRun_TimelineQuery = { flow_run_by_pk: { id: string, start_time: string | null, end_time: string | null, task_runs: Array<{ id: string, state: string | null, task: { name: string | null } | null, states: Array<{ state: string, timestamp: string }> }> } | null };

export type Flow_RecentRunsQueryVariables = Exact<{
  groupId: string;
}>;


export type Flow_RecentRunsQuery = { flow_run: Array<{ id: string, name: string | null, state: string | null, start_time: string | null, end_time: string | null, scheduled_start_time: string }> };

export type Flow_GroupQueryVariables = Exact<{
  id: string;
}>;


export type Flow_GroupQuery = { flow_group_by_pk: { id: string, labels: any, flows: Array<{ id: string, name: string, version: number | null, archived: boolean, created: string, description: string | null, is_schedule_active: boolean, schedule: any, parameters: any, storage: any, run_config: any, project: { id: string, name: string } | null }> } | null };

export type Flow_ScheduleOnMutationVariables = Exact<{
  input: Set_Schedule_Active_Input;
}>;


export type Flow_ScheduleOnMutation = { set_schedule_active: { success: boolean | null } | null };

export type Flow_ScheduleOffMutationVariables = Exact<{
  input: Set_Schedule_Inactive_Input;
}>;


export type Flow_ScheduleOffMutation = { set_schedule_inactive: { success: boolean | null } | null };

export type FlowRun_CreateMutationVariables = Exact<{
  input: Create_Flow_Run_Input;
}>;


export type FlowRun_CreateMutation = { create_flow_run: { id: string | null } | null };

export type Flow_TasksQueryVariables = Exact<{
  flowId: string;
  name?: string | null | undefined;
}>;


export type Flow_TasksQuery = { task: Array<{ id: string, name: string | null, slug: string | null, type: string | null, max_retries: number | null, retry_delay: string | null, trigger: string | null }> };

export type Flow_RunsQueryVariables = Exact<{
  groupId: string;
  limit: number;
  offset: number;
}>;


export type Flow_RunsQuery = { flow_run: Array<{ id: string, name: string | null, state: string | null, start_time: string | null, end_time: string | null, scheduled_start_time: string, flow: { version: number | null } | null }> };

export type Flow_RunCountQueryVariables = Exact<{
  groupId: string;
}>;


export type Flow_RunCountQuery = { flow_run_aggregate: { aggregate: { count: number } | null } };

export type Flow_GraphQueryVariables = Exact<{
  flowId: string;
}>;


export type Flow_GraphQuery = { flow_by_pk: { id: string, tasks: Array<{ id: string, name: string | null }>, edges: Array<{ upstream_task_id: string, downstream_task_id: string }> } | null };

export type Projects_ListQueryVariables = Exact<{ [key: string]: never; }>;


export type Projects_ListQuery = { project: Array<{ id: string, name: string, description: string | null, created: string, active_flow_count: { aggregate: { count: number } | null } }> };

export type Projects_RenameMutationVariables = Exact<{
  input: Set_Project_Name_Input;
}>;


export type Projects_RenameMutation = { set_project_name: { id: string | null } | null };

export type Projects_DescribeMutationVariables = Exact<{
  input: Set_Project_Description_Input;
}>;


export type Projects_DescribeMutation = { set_project_description: { id: string | null } | null };

export type Projects_DeleteMutationVariables = Exact<{
  input: Delete_Project_Input;
}>;


export type Projects_DeleteMutation = { delete_project: { success: boolean | null } | null };

export type TaskRun_DetailQueryVariables = Exact<{
  id: string;
}>;


export type TaskRun_DetailQuery = { task_run_by_pk: { id: string, name: string | null, state: string | null, state_message: string | null, start_time: string | null, end_time: string | null, map_index: number, version: number, task: { id: string, name: string | null, slug: string | null, max_retries: number | null, trigger: string | null } | null, flow_run: { id: string, name: string | null, flow: { name: string, flow_group_id: string } | null } | null, states: Array<{ id: string, state: string, message: string | null, timestamp: string }>, logs: Array<{ id: string, level: string | null, message: string | null, timestamp: string }> } | null };

export const Engine_RunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Engine_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_RunFragment, unknown>;
export const RunHistory_RunFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunHistory_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}}]}}]} as unknown as DocumentNode<RunHistory_RunFragment, unknown>;
export const Schematic_FlowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Schematic_flow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstream_task_id"}},{"kind":"Field","name":{"kind":"Name","value":"downstream_task_id"}}]}}]}}]} as unknown as DocumentNode<Schematic_FlowFragment, unknown>;
export const AgentTest_RunDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentTest_runDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"agent_id"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"task_run_id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AgentTest_RunDetailsQuery, AgentTest_RunDetailsQueryVariables>;
export const AgentTest_CancelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentTest_cancel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"cancel_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancel_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<AgentTest_CancelMutation, AgentTest_CancelMutationVariables>;
export const ClaimRaceTest_UnfinishedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClaimRaceTest_unfinished"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_nin"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Success","block":false},{"kind":"StringValue","value":"Failed","block":false},{"kind":"StringValue","value":"Cancelled","block":false},{"kind":"StringValue","value":"TimedOut","block":false},{"kind":"StringValue","value":"TriggerFailed","block":false},{"kind":"StringValue","value":"Skipped","block":false}]}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<ClaimRaceTest_UnfinishedQuery, ClaimRaceTest_UnfinishedQueryVariables>;
export const ClaimRaceTest_HistoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClaimRaceTest_histories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"agent_id"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<ClaimRaceTest_HistoriesQuery, ClaimRaceTest_HistoriesQueryVariables>;
export const Agent_TenantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agent_tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<Agent_TenantQuery, Agent_TenantQueryVariables>;
export const Agent_RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"register_agent_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register_agent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"flow_run_heartbeat_seconds"}}]}}]}}]} as unknown as DocumentNode<Agent_RegisterMutation, Agent_RegisterMutationVariables>;
export const Agent_RunsInQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_runsInQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"get_runs_in_queue_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"get_runs_in_queue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_ids"}}]}}]}}]} as unknown as DocumentNode<Agent_RunsInQueueMutation, Agent_RunsInQueueMutationVariables>;
export const Agent_RunVersionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agent_runVersions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<Agent_RunVersionsQuery, Agent_RunVersionsQueryVariables>;
export const Agent_RunStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agent_runState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<Agent_RunStateQuery, Agent_RunStateQueryVariables>;
export const Agent_SetFlowRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_setFlowRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_flow_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_flow_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<Agent_SetFlowRunStatesMutation, Agent_SetFlowRunStatesMutationVariables>;
export const Agent_WriteRunLogsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_writeRunLogs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"write_run_logs_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"write_run_logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Agent_WriteRunLogsMutation, Agent_WriteRunLogsMutationVariables>;
export const Agent_NewestScheduledRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Agent_newestScheduledRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Scheduled","block":false}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"created"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Agent_NewestScheduledRunSubscription, Agent_NewestScheduledRunSubscriptionVariables>;
export const Agent_HeartbeatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_heartbeat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"update_agent_heartbeat_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"update_agent_heartbeat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Agent_HeartbeatMutation, Agent_HeartbeatMutationVariables>;
export const Agent_RunningTaskRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agent_runningTaskRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flowRunId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_run_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flowRunId"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Running","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Agent_RunningTaskRunsQuery, Agent_RunningTaskRunsQueryVariables>;
export const Agent_SetTaskRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_setTaskRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_task_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_task_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<Agent_SetTaskRunStatesMutation, Agent_SetTaskRunStatesMutationVariables>;
export const Agent_ClaimFlowRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Agent_claimFlowRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"claim_flow_runs_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claim_flow_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Engine_run"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lost"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Engine_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<Agent_ClaimFlowRunsMutation, Agent_ClaimFlowRunsMutationVariables>;
export const Agent_OwnSubmittedRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agent_ownSubmittedRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"timestamptz"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"agent_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agentId"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Submitted","block":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state_timestamp"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_gte"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Agent_OwnSubmittedRunsQuery, Agent_OwnSubmittedRunsQueryVariables>;
export const AgentLostAnswerTest_SubmittedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentLostAnswerTest_submitted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Submitted","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AgentLostAnswerTest_SubmittedQuery, AgentLostAnswerTest_SubmittedQueryVariables>;
export const AgentRestartTest_RunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentRestartTest_run"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"serialized_state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"task_run_id"}}]}}]}}]}}]} as unknown as DocumentNode<AgentRestartTest_RunQuery, AgentRestartTest_RunQueryVariables>;
export const AgentRestartTest_SetTaskRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentRestartTest_setTaskRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_task_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_task_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AgentRestartTest_SetTaskRunStatesMutation, AgentRestartTest_SetTaskRunStatesMutationVariables>;
export const AgentRestartTest_SetFlowRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentRestartTest_setFlowRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_flow_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_flow_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AgentRestartTest_SetFlowRunStatesMutation, AgentRestartTest_SetFlowRunStatesMutationVariables>;
export const Testing_RunHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Testing_runHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<Testing_RunHistoryQuery, Testing_RunHistoryQueryVariables>;
export const Testing_CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Testing_createProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_project_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Testing_CreateProjectMutation, Testing_CreateProjectMutationVariables>;
export const Testing_CreateFlowRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Testing_createFlowRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Testing_CreateFlowRunMutation, Testing_CreateFlowRunMutationVariables>;
export const Testing_RunStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Testing_runState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}}]}}]}}]} as unknown as DocumentNode<Testing_RunStateQuery, Testing_RunStateQueryVariables>;
export const AgentCliTest_RunProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentCliTest_runProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<AgentCliTest_RunProgressQuery, AgentCliTest_RunProgressQueryVariables>;
export const AgentCliTest_StuckRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentCliTest_stuckRuns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Submitted","block":false},{"kind":"StringValue","value":"Running","block":false},{"kind":"StringValue","value":"Cancelling","block":false}]}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Running","block":false}]}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<AgentCliTest_StuckRunsQuery, AgentCliTest_StuckRunsQueryVariables>;
export const AuthTest_AgentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuthTest_agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AuthTest_AgentsQuery, AuthTest_AgentsQueryVariables>;
export const AuthTest_ProjectFlowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuthTest_projectFlows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"flows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AuthTest_ProjectFlowsQuery, AuthTest_ProjectFlowsQueryVariables>;
export const Cli_CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Cli_createProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_project_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Cli_CreateProjectMutation, Cli_CreateProjectMutationVariables>;
export const RunCliTest_HistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RunCliTest_history"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"map_index"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RunCliTest_HistoryQuery, RunCliTest_HistoryQueryVariables>;
export const Cli_FlowByNameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cli_flowByName"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"project"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"archived"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"BooleanValue","value":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"project"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"project"}}}]}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<Cli_FlowByNameQuery, Cli_FlowByNameQueryVariables>;
export const Cli_CreateFlowRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Cli_createFlowRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Cli_CreateFlowRunMutation, Cli_CreateFlowRunMutationVariables>;
export const Cli_WatchRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Cli_watchRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"map_index"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]}}]} as unknown as DocumentNode<Cli_WatchRunSubscription, Cli_WatchRunSubscriptionVariables>;
export const Cli_WatchLogsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Cli_watchLogs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"log"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_run_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<Cli_WatchLogsSubscription, Cli_WatchLogsSubscriptionVariables>;
export const ClientLostAnswerTest_CreateRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClientLostAnswerTest_createRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ClientLostAnswerTest_CreateRunMutation, ClientLostAnswerTest_CreateRunMutationVariables>;
export const ClientLostAnswerTest_RunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClientLostAnswerTest_runs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"idempotency_key"}}]}}]}}]} as unknown as DocumentNode<ClientLostAnswerTest_RunsQuery, ClientLostAnswerTest_RunsQueryVariables>;
export const Engine_FlowRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Engine_flowRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Engine_run"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Engine_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_FlowRunQuery, Engine_FlowRunQueryVariables>;
export const Engine_KeptTaskRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Engine_keptTaskRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"states"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_run_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"states"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"serialized_state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_KeptTaskRunsQuery, Engine_KeptTaskRunsQueryVariables>;
export const Engine_FlowRunStateLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"Engine_flowRunStateLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<Engine_FlowRunStateLiveSubscription, Engine_FlowRunStateLiveSubscriptionVariables>;
export const Engine_FlowRunStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Engine_flowRunState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<Engine_FlowRunStateQuery, Engine_FlowRunStateQueryVariables>;
export const Engine_SetFlowRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_setFlowRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_flow_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_flow_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_SetFlowRunStatesMutation, Engine_SetFlowRunStatesMutationVariables>;
export const Engine_SetTaskRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_setTaskRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_task_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_task_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_SetTaskRunStatesMutation, Engine_SetTaskRunStatesMutationVariables>;
export const Engine_TaskRunInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_taskRunInfo"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"get_or_create_task_run_info_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"get_or_create_task_run_info"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<Engine_TaskRunInfoMutation, Engine_TaskRunInfoMutationVariables>;
export const Engine_WriteRunLogsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_writeRunLogs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"write_run_logs_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"write_run_logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Engine_WriteRunLogsMutation, Engine_WriteRunLogsMutationVariables>;
export const Engine_HeartbeatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_heartbeat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"update_flow_run_heartbeat_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"update_flow_run_heartbeat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Engine_HeartbeatMutation, Engine_HeartbeatMutationVariables>;
export const Engine_WriteRunBatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Engine_writeRunBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"write_run_batch_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"write_run_batch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_run_states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<Engine_WriteRunBatchMutation, Engine_WriteRunBatchMutationVariables>;
export const RoundTripsTest_CancelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RoundTripsTest_cancel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"cancel_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancel_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<RoundTripsTest_CancelMutation, RoundTripsTest_CancelMutationVariables>;
export const ServerRestartTest_CreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ServerRestartTest_createProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_project_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ServerRestartTest_CreateProjectMutation, ServerRestartTest_CreateProjectMutationVariables>;
export const ServerRestartTest_FlowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerRestartTest_flow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"run_config"}}]}}]}}]} as unknown as DocumentNode<ServerRestartTest_FlowQuery, ServerRestartTest_FlowQueryVariables>;
export const ServerRestartTest_CreateRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ServerRestartTest_createRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ServerRestartTest_CreateRunMutation, ServerRestartTest_CreateRunMutationVariables>;
export const ServerRestartTest_ProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerRestartTest_progress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"log_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_run_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"message"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_like"},"value":{"kind":"StringValue","value":"line %","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<ServerRestartTest_ProgressQuery, ServerRestartTest_ProgressQueryVariables>;
export const ServerRestartTest_ReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServerRestartTest_report"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"message"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_like"},"value":{"kind":"StringValue","value":"line %","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ServerRestartTest_ReportQuery, ServerRestartTest_ReportQueryVariables>;
export const RegisterTest_FlowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegisterTest_flow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"flow_group_id"}},{"kind":"Field","name":{"kind":"Name","value":"archived"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"run_config"}},{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"slug"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"max_retries"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterTest_FlowQuery, RegisterTest_FlowQueryVariables>;
export const Register_ProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Register_project"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Register_ProjectQuery, Register_ProjectQueryVariables>;
export const Register_CreateFlowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register_createFlow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Register_CreateFlowMutation, Register_CreateFlowMutationVariables>;
export const Register_FlowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Register_flow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"flow_group_id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<Register_FlowQuery, Register_FlowQueryVariables>;
export const Agents_ListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agents_list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"last_queried"},"value":{"kind":"EnumValue","value":"desc_nulls_last"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"core_version"}},{"kind":"Field","name":{"kind":"Name","value":"last_queried"}},{"kind":"Field","name":{"kind":"Name","value":"created"}}]}}]}}]} as unknown as DocumentNode<Agents_ListQuery, Agents_ListQueryVariables>;
export const ProjectDialog_CreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProjectDialog_create"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_project_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ProjectDialog_CreateMutation, ProjectDialog_CreateMutationVariables>;
export const Dashboard_ProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_projects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<Dashboard_ProjectsQuery, Dashboard_ProjectsQueryVariables>;
export const Dashboard_FlowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_flows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"archived"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"BooleanValue","value":false}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"project_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"flow_group_id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_neq"},"value":{"kind":"StringValue","value":"Scheduled","block":false}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheduled_start_time"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<Dashboard_FlowsQuery, Dashboard_FlowsQueryVariables>;
export const Dashboard_HistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_history"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"project_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}]}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_neq"},"value":{"kind":"StringValue","value":"Scheduled","block":false}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheduled_start_time"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"60"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunHistory_run"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunHistory_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}}]}}]} as unknown as DocumentNode<Dashboard_HistoryQuery, Dashboard_HistoryQueryVariables>;
export const Dashboard_UpcomingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_upcoming"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"project_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}]}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Scheduled","block":false}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheduled_start_time"},"value":{"kind":"EnumValue","value":"asc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<Dashboard_UpcomingQuery, Dashboard_UpcomingQueryVariables>;
export const Dashboard_InProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_inProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"project_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}]}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"Submitted","block":false},{"kind":"StringValue","value":"Running","block":false},{"kind":"StringValue","value":"Cancelling","block":false}]}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"start_time"},"value":{"kind":"EnumValue","value":"desc_nulls_first"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<Dashboard_InProgressQuery, Dashboard_InProgressQueryVariables>;
export const Dashboard_FailuresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard_failures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"failed"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"project_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}}]}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_in"},"value":{"kind":"Variable","name":{"kind":"Name","value":"failed"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state_timestamp"},"value":{"kind":"EnumValue","value":"desc_nulls_last"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"state_timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<Dashboard_FailuresQuery, Dashboard_FailuresQueryVariables>;
export const FlowRunActions_CancelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRunActions_cancel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"cancel_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancel_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<FlowRunActions_CancelMutation, FlowRunActions_CancelMutationVariables>;
export const FlowRunActions_RestartDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRunActions_restartData"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task_id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstream_task_id"}},{"kind":"Field","name":{"kind":"Name","value":"downstream_task_id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRunActions_RestartDataQuery, FlowRunActions_RestartDataQueryVariables>;
export const FlowRunActions_SetTaskRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRunActions_setTaskRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_task_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_task_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<FlowRunActions_SetTaskRunStatesMutation, FlowRunActions_SetTaskRunStatesMutationVariables>;
export const FlowRunActions_SetFlowRunStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRunActions_setFlowRunStates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_flow_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_flow_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<FlowRunActions_SetFlowRunStatesMutation, FlowRunActions_SetFlowRunStatesMutationVariables>;
export const FlowRun_LogsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_logs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"log_bool_exp"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"desc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"seq"},"value":{"kind":"EnumValue","value":"desc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"task_run_id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_LogsQuery, FlowRun_LogsQueryVariables>;
export const FlowRun_LogPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_logPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"log_bool_exp"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"log"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"seq"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]} as unknown as DocumentNode<FlowRun_LogPageQuery, FlowRun_LogPageQueryVariables>;
export const FlowRun_DetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_detail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"state_timestamp"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"flow_group_id"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"run_config"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_DetailQuery, FlowRun_DetailQueryVariables>;
export const FlowRun_SchematicDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_schematic"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task_id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Schematic_flow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Schematic_flow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstream_task_id"}},{"kind":"Field","name":{"kind":"Name","value":"downstream_task_id"}}]}}]}}]} as unknown as DocumentNode<FlowRun_SchematicQuery, FlowRun_SchematicQueryVariables>;
export const SetStateDialog_SetFlowRunStateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetStateDialog_setFlowRunState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_flow_run_states_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_flow_run_states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"states"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SetStateDialog_SetFlowRunStateMutation, SetStateDialog_SetFlowRunStateMutationVariables>;
export const FlowRun_StateHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_stateHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_StateHistoryQuery, FlowRun_StateHistoryQueryVariables>;
export const FlowRun_TaskRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_taskRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"task_run_bool_exp"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"task_run_order_by"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"map_index"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"filtered"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_TaskRunsQuery, FlowRun_TaskRunsQueryVariables>;
export const FlowRun_CountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_counts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"total"},"name":{"kind":"Name","value":"task_runs_aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Pending"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Pending","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Running"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Running","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Retrying"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Retrying","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Success"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Success","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Failed"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Failed","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"TriggerFailed"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"TriggerFailed","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Skipped"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Skipped","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"Cancelled"},"name":{"kind":"Name","value":"task_runs_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"StringValue","value":"Cancelled","block":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_CountsQuery, FlowRun_CountsQueryVariables>;
export const FlowRun_TimelineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowRun_timeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"task_runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"map_index"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"IntValue","value":"-1"}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"start_time"},"value":{"kind":"EnumValue","value":"asc_nulls_last"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FlowRun_TimelineQuery, FlowRun_TimelineQueryVariables>;
export const Flow_RecentRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_recentRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_group_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}]}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"state"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_neq"},"value":{"kind":"StringValue","value":"Scheduled","block":false}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheduled_start_time"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunHistory_run"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunHistory_run"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow_run"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}}]}}]} as unknown as DocumentNode<Flow_RecentRunsQuery, Flow_RecentRunsQueryVariables>;
export const Flow_GroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_group"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_group_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"flows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"version"},"value":{"kind":"EnumValue","value":"desc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"archived"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"is_schedule_active"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"storage"}},{"kind":"Field","name":{"kind":"Name","value":"run_config"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<Flow_GroupQuery, Flow_GroupQueryVariables>;
export const Flow_ScheduleOnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Flow_scheduleOn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_schedule_active_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_schedule_active"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Flow_ScheduleOnMutation, Flow_ScheduleOnMutationVariables>;
export const Flow_ScheduleOffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Flow_scheduleOff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_schedule_inactive_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_schedule_inactive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Flow_ScheduleOffMutation, Flow_ScheduleOffMutationVariables>;
export const FlowRun_CreateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRun_create"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"create_flow_run_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"create_flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FlowRun_CreateMutation, FlowRun_CreateMutationVariables>;
export const Flow_TasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_tasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_ilike"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"max_retries"}},{"kind":"Field","name":{"kind":"Name","value":"retry_delay"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}}]}}]}}]} as unknown as DocumentNode<Flow_TasksQuery, Flow_TasksQueryVariables>;
export const Flow_RunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_runs"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_group_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}]}}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"scheduled_start_time"},"value":{"kind":"EnumValue","value":"desc"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled_start_time"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<Flow_RunsQuery, Flow_RunsQueryVariables>;
export const Flow_RunCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_runCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_run_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"flow_group_id"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}]}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<Flow_RunCountQuery, Flow_RunCountQueryVariables>;
export const Flow_GraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Flow_graph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flow_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"flowId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"Schematic_flow"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Schematic_flow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"flow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upstream_task_id"}},{"kind":"Field","name":{"kind":"Name","value":"downstream_task_id"}}]}}]}}]} as unknown as DocumentNode<Flow_GraphQuery, Flow_GraphQueryVariables>;
export const Projects_ListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Projects_list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","alias":{"kind":"Name","value":"active_flow_count"},"name":{"kind":"Name","value":"flows_aggregate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"archived"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"_eq"},"value":{"kind":"BooleanValue","value":false}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"aggregate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<Projects_ListQuery, Projects_ListQueryVariables>;
export const Projects_RenameDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Projects_rename"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_project_name_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_project_name"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Projects_RenameMutation, Projects_RenameMutationVariables>;
export const Projects_DescribeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Projects_describe"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"set_project_description_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"set_project_description"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Projects_DescribeMutation, Projects_DescribeMutationVariables>;
export const Projects_DeleteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Projects_delete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"delete_project_input"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delete_project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}}]}}]}}]} as unknown as DocumentNode<Projects_DeleteMutation, Projects_DeleteMutationVariables>;
export const TaskRun_DetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskRun_detail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"uuid"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task_run_by_pk"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"state_message"}},{"kind":"Field","name":{"kind":"Name","value":"start_time"}},{"kind":"Field","name":{"kind":"Name","value":"end_time"}},{"kind":"Field","name":{"kind":"Name","value":"map_index"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"max_retries"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow_run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"flow_group_id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"states"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"order_by"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"timestamp"},"value":{"kind":"EnumValue","value":"asc"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"seq"},"value":{"kind":"EnumValue","value":"asc"}}]}]}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"timestamp"}}]}}]}}]}}]} as unknown as DocumentNode<TaskRun_DetailQuery, TaskRun_DetailQueryVariables>;