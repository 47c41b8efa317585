/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AgentTest_runDetails($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      agent_id\n      states(order_by: { timestamp: asc }) {\n        state\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n      task_runs {\n        id\n        state\n        state_message\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          message\n        }\n      }\n    }\n  }\n": typeof types.AgentTest_RunDetailsDocument,
    "\n  mutation AgentTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": typeof types.AgentTest_CancelDocument,
    "\n  query ClaimRaceTest_unfinished($ids: [uuid!]!) {\n    flow_run_aggregate(where: { id: { _in: $ids }, state: { _nin: [\"Success\", \"Failed\", \"Cancelled\", \"TimedOut\", \"TriggerFailed\", \"Skipped\"] } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": typeof types.ClaimRaceTest_UnfinishedDocument,
    "\n  query ClaimRaceTest_histories($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      state\n      agent_id\n      states {\n        state\n      }\n    }\n  }\n": typeof types.ClaimRaceTest_HistoriesDocument,
    "\n  query Agent_tenant {\n    tenant {\n      id\n      slug\n    }\n  }\n": typeof types.Agent_TenantDocument,
    "\n  mutation Agent_register($input: register_agent_input!) {\n    register_agent(input: $input) {\n      id\n      flow_run_heartbeat_seconds\n    }\n  }\n": typeof types.Agent_RegisterDocument,
    "\n  mutation Agent_runsInQueue($input: get_runs_in_queue_input!) {\n    get_runs_in_queue(input: $input) {\n      flow_run_ids\n    }\n  }\n": typeof types.Agent_RunsInQueueDocument,
    "\n  query Agent_runVersions($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      version\n      state\n    }\n  }\n": typeof types.Agent_RunVersionsDocument,
    "\n  query Agent_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n": typeof types.Agent_RunStateDocument,
    "\n  mutation Agent_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": typeof types.Agent_SetFlowRunStatesDocument,
    "\n  mutation Agent_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n": typeof types.Agent_WriteRunLogsDocument,
    "\n  subscription Agent_newestScheduledRun {\n    flow_run(where: { state: { _eq: \"Scheduled\" } }, order_by: { created: desc }, limit: 1) {\n      id\n    }\n  }\n": typeof types.Agent_NewestScheduledRunDocument,
    "\n  mutation Agent_heartbeat($input: update_agent_heartbeat_input!) {\n    update_agent_heartbeat(input: $input) {\n      success\n    }\n  }\n": typeof types.Agent_HeartbeatDocument,
    "\n  query Agent_runningTaskRuns($flowRunId: uuid!) {\n    task_run(where: { flow_run_id: { _eq: $flowRunId }, state: { _eq: \"Running\" } }) {\n      id\n    }\n  }\n": typeof types.Agent_RunningTaskRunsDocument,
    "\n  mutation Agent_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": typeof types.Agent_SetTaskRunStatesDocument,
    "\n  mutation Agent_claimFlowRuns($input: claim_flow_runs_input!) {\n    claim_flow_runs(input: $input) {\n      flow_runs {\n        id\n        version\n        flow_run {\n          ...Engine_run\n        }\n      }\n      lost\n    }\n  }\n": typeof types.Agent_ClaimFlowRunsDocument,
    "\n  query Agent_ownSubmittedRuns($agentId: uuid!, $since: timestamptz!) {\n    flow_run(where: { agent_id: { _eq: $agentId }, state: { _eq: \"Submitted\" }, state_timestamp: { _gte: $since } }) {\n      id\n    }\n  }\n": typeof types.Agent_OwnSubmittedRunsDocument,
    "\n  query AgentLostAnswerTest_submitted {\n    flow_run(where: { state: { _eq: \"Submitted\" } }) {\n      id\n    }\n  }\n": typeof types.AgentLostAnswerTest_SubmittedDocument,
    "\n  query AgentRestartTest_run($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      state\n      states(order_by: { version: asc }) {\n        state\n      }\n      task_runs {\n        id\n        version\n        state\n        serialized_state\n        task {\n          slug\n        }\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n    }\n  }\n": typeof types.AgentRestartTest_RunDocument,
    "\n  mutation AgentRestartTest_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": typeof types.AgentRestartTest_SetTaskRunStatesDocument,
    "\n  mutation AgentRestartTest_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": typeof types.AgentRestartTest_SetFlowRunStatesDocument,
    "\n  query Testing_runHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      state\n      states(order_by: { version: asc }) {\n        state\n        version\n      }\n      task_runs {\n        state\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        message\n      }\n    }\n  }\n": typeof types.Testing_RunHistoryDocument,
    "\n  mutation Testing_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": typeof types.Testing_CreateProjectDocument,
    "\n  mutation Testing_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": typeof types.Testing_CreateFlowRunDocument,
    "\n  query Testing_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n    }\n  }\n": typeof types.Testing_RunStateDocument,
    "\n  query AgentCliTest_runProgress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      task_runs {\n        state\n      }\n    }\n  }\n": typeof types.AgentCliTest_RunProgressDocument,
    "\n  query AgentCliTest_stuckRuns {\n    flow_run(where: { state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }) {\n      id\n      state\n    }\n    task_run(where: { state: { _in: [\"Running\"] } }) {\n      id\n      state\n    }\n  }\n": typeof types.AgentCliTest_StuckRunsDocument,
    "\n  query AuthTest_agents {\n    agent {\n      id\n      name\n    }\n  }\n": typeof types.AuthTest_AgentsDocument,
    "\n  query AuthTest_projectFlows($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      name\n      flows {\n        name\n      }\n    }\n  }\n": typeof types.AuthTest_ProjectFlowsDocument,
    "\n  mutation Cli_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": typeof types.Cli_CreateProjectDocument,
    "\n  query RunCliTest_history($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      name\n      states {\n        state\n        timestamp\n      }\n      task_runs {\n        map_index\n        task {\n          slug\n        }\n        states {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": typeof types.RunCliTest_HistoryDocument,
    "\n  query Cli_flowByName($name: String!, $project: String!) {\n    flow(where: { name: { _eq: $name }, archived: { _eq: false }, project: { name: { _eq: $project } } }, order_by: { version: desc }, limit: 1) {\n      id\n      name\n      version\n    }\n  }\n": typeof types.Cli_FlowByNameDocument,
    "\n  mutation Cli_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": typeof types.Cli_CreateFlowRunDocument,
    "\n  subscription Cli_watchRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      task_runs {\n        id\n        map_index\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          id\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": typeof types.Cli_WatchRunDocument,
    "\n  subscription Cli_watchLogs($id: uuid!) {\n    log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) {\n      id\n      timestamp\n      level\n      name\n      message\n    }\n  }\n": typeof types.Cli_WatchLogsDocument,
    "\n  mutation ClientLostAnswerTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": typeof types.ClientLostAnswerTest_CreateRunDocument,
    "\n  query ClientLostAnswerTest_runs($flowId: uuid!) {\n    flow_run(where: { flow_id: { _eq: $flowId } }) {\n      id\n      idempotency_key\n    }\n  }\n": typeof types.ClientLostAnswerTest_RunsDocument,
    "\n  fragment Engine_run on flow_run {\n    id\n    name\n    version\n    state\n    parameters\n    flow {\n      id\n      name\n      storage\n      tasks {\n        id\n        slug\n      }\n    }\n    task_runs(where: { map_index: { _eq: -1 } }) {\n      id\n      version\n      state\n      task {\n        id\n        slug\n      }\n    }\n  }\n": typeof types.Engine_RunFragmentDoc,
    "\n  query Engine_flowRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      ...Engine_run\n    }\n  }\n": typeof types.Engine_FlowRunDocument,
    "\n  query Engine_keptTaskRuns($id: uuid!, $states: [String!]!) {\n    task_run(where: { flow_run_id: { _eq: $id }, map_index: { _eq: -1 }, state: { _in: $states } }) {\n      id\n      state\n      serialized_state\n      task {\n        id\n        slug\n      }\n    }\n  }\n": typeof types.Engine_KeptTaskRunsDocument,
    "\n  subscription Engine_flowRunStateLive($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.Engine_FlowRunStateLiveDocument,
    "\n  query Engine_flowRunState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n": typeof types.Engine_FlowRunStateDocument,
    "\n  mutation Engine_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": typeof types.Engine_SetFlowRunStatesDocument,
    "\n  mutation Engine_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": typeof types.Engine_SetTaskRunStatesDocument,
    "\n  mutation Engine_taskRunInfo($input: get_or_create_task_run_info_input!) {\n    get_or_create_task_run_info(input: $input) {\n      id\n      version\n      state\n    }\n  }\n": typeof types.Engine_TaskRunInfoDocument,
    "\n  mutation Engine_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n": typeof types.Engine_WriteRunLogsDocument,
    "\n  mutation Engine_heartbeat($input: update_flow_run_heartbeat_input!) {\n    update_flow_run_heartbeat(input: $input) {\n      success\n    }\n  }\n": typeof types.Engine_HeartbeatDocument,
    "\n  mutation Engine_writeRunBatch($input: write_run_batch_input!) {\n    write_run_batch(input: $input) {\n      flow_run_states {\n        id\n      }\n      task_run_states {\n        id\n      }\n    }\n  }\n": typeof types.Engine_WriteRunBatchDocument,
    "\n  mutation RoundTripsTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": typeof types.RoundTripsTest_CancelDocument,
    "\n  mutation ServerRestartTest_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": typeof types.ServerRestartTest_CreateProjectDocument,
    "\n  query ServerRestartTest_flow($name: String!) {\n    flow(where: { name: { _eq: $name } }, order_by: { version: desc }, limit: 1) {\n      id\n      run_config\n    }\n  }\n": typeof types.ServerRestartTest_FlowDocument,
    "\n  mutation ServerRestartTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": typeof types.ServerRestartTest_CreateRunDocument,
    "\n  query ServerRestartTest_progress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n    log_aggregate(where: { flow_run_id: { _eq: $id }, message: { _like: \"line %\" } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": typeof types.ServerRestartTest_ProgressDocument,
    "\n  query ServerRestartTest_report($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      states(order_by: { version: asc }) {\n        state\n        message\n      }\n      task_runs {\n        state\n        task {\n          name\n        }\n      }\n      logs(where: { message: { _like: \"line %\" } }) {\n        message\n      }\n    }\n  }\n": typeof types.ServerRestartTest_ReportDocument,
    "\n  query RegisterTest_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      name\n      version\n      flow_group_id\n      archived\n      storage\n      run_config\n      tasks(order_by: { slug: asc }) {\n        slug\n        max_retries\n      }\n      edges {\n        key\n      }\n    }\n  }\n": typeof types.RegisterTest_FlowDocument,
    "\n  query Register_project($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      id\n    }\n  }\n": typeof types.Register_ProjectDocument,
    "\n  mutation Register_createFlow($input: create_flow_input!) {\n    create_flow(input: $input) {\n      id\n    }\n  }\n": typeof types.Register_CreateFlowDocument,
    "\n  query Register_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      flow_group_id\n      version\n    }\n  }\n": typeof types.Register_FlowDocument,
    "\n  query Agents_list {\n    agent(order_by: { last_queried: desc_nulls_last }) {\n      id\n      name\n      type\n      labels\n      core_version\n      last_queried\n      created\n    }\n  }\n": typeof types.Agents_ListDocument,
    "\n  mutation ProjectDialog_create($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": typeof types.ProjectDialog_CreateDocument,
    "\n  fragment RunHistory_run on flow_run {\n    id\n    name\n    state\n    start_time\n    end_time\n    scheduled_start_time\n  }\n": typeof types.RunHistory_RunFragmentDoc,
    "\n  fragment Schematic_flow on flow {\n    tasks {\n      id\n      name\n    }\n    edges {\n      upstream_task_id\n      downstream_task_id\n    }\n  }\n": typeof types.Schematic_FlowFragmentDoc,
    "\n  query Dashboard_projects {\n    project(order_by: { name: asc }) {\n      id\n      name\n    }\n  }\n": typeof types.Dashboard_ProjectsDocument,
    "\n  query Dashboard_flows($projectId: uuid) {\n    flow(where: { archived: { _eq: false }, project_id: { _eq: $projectId } }, order_by: { name: asc }) {\n      id\n      flow_group_id\n      name\n      version\n      project {\n        id\n        name\n      }\n      flow_runs(where: { state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 1) {\n        id\n        state\n      }\n    }\n  }\n": typeof types.Dashboard_FlowsDocument,
    "\n  query Dashboard_history($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 60) {\n      ...RunHistory_run\n    }\n  }\n": typeof types.Dashboard_HistoryDocument,
    "\n  query Dashboard_upcoming($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _eq: \"Scheduled\" } }, order_by: { scheduled_start_time: asc }, limit: 20) {\n      id\n      name\n      labels\n      scheduled_start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n": typeof types.Dashboard_UpcomingDocument,
    "\n  query Dashboard_inProgress($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }, order_by: { start_time: desc_nulls_first }, limit: 20) {\n      id\n      name\n      state\n      start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n": typeof types.Dashboard_InProgressDocument,
    "\n  query Dashboard_failures($projectId: uuid, $failed: [String!]) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: $failed } }, order_by: { state_timestamp: desc_nulls_last }, limit: 10) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      flow {\n        id\n        name\n      }\n    }\n  }\n": typeof types.Dashboard_FailuresDocument,
    "\n  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": typeof types.FlowRunActions_CancelDocument,
    "\n  query FlowRunActions_restartData($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      task_runs {\n        id\n        task_id\n        state\n        version\n      }\n      flow {\n        id\n        edges {\n          upstream_task_id\n          downstream_task_id\n        }\n      }\n    }\n  }\n": typeof types.FlowRunActions_RestartDataDocument,
    "\n  mutation FlowRunActions_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": typeof types.FlowRunActions_SetTaskRunStatesDocument,
    "\n  mutation FlowRunActions_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": typeof types.FlowRunActions_SetFlowRunStatesDocument,
    "\n  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {\n        id\n        level\n        name\n        message\n        timestamp\n        task_run_id\n      }\n      logs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": typeof types.FlowRun_LogsDocument,
    "\n  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {\n    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {\n      id\n      level\n      name\n      message\n      timestamp\n    }\n  }\n": typeof types.FlowRun_LogPageDocument,
    "\n  query FlowRun_detail($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      start_time\n      end_time\n      scheduled_start_time\n      labels\n      version\n      flow {\n        id\n        name\n        version\n        flow_group_id\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.FlowRun_DetailDocument,
    "\n  query FlowRun_schematic($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: { map_index: { _eq: -1 } }) {\n        id\n        task_id\n        state\n      }\n      flow {\n        id\n        ...Schematic_flow\n      }\n    }\n  }\n": typeof types.FlowRun_SchematicDocument,
    "\n  mutation SetStateDialog_setFlowRunState($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": typeof types.SetStateDialog_SetFlowRunStateDocument,
    "\n  query FlowRun_stateHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n    }\n  }\n": typeof types.FlowRun_StateHistoryDocument,
    "\n  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {\n        id\n        name\n        state\n        map_index\n        start_time\n        end_time\n        task {\n          id\n          name\n        }\n      }\n      filtered: task_runs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": typeof types.FlowRun_TaskRunsDocument,
    "\n  query FlowRun_counts($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      total: task_runs_aggregate {\n        aggregate {\n          count\n        }\n      }\n      Pending: task_runs_aggregate(where: { state: { _eq: \"Pending\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Running: task_runs_aggregate(where: { state: { _eq: \"Running\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Retrying: task_runs_aggregate(where: { state: { _eq: \"Retrying\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Success: task_runs_aggregate(where: { state: { _eq: \"Success\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Failed: task_runs_aggregate(where: { state: { _eq: \"Failed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      TriggerFailed: task_runs_aggregate(where: { state: { _eq: \"TriggerFailed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Skipped: task_runs_aggregate(where: { state: { _eq: \"Skipped\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Cancelled: task_runs_aggregate(where: { state: { _eq: \"Cancelled\" } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": typeof types.FlowRun_CountsDocument,
    "\n  query FlowRun_timeline($id: uuid!, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      start_time\n      end_time\n      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {\n        id\n        state\n        task {\n          name\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": typeof types.FlowRun_TimelineDocument,
    "\n  query Flow_recentRuns($groupId: uuid!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 50) {\n      ...RunHistory_run\n    }\n  }\n": typeof types.Flow_RecentRunsDocument,
    "\n  query Flow_group($id: uuid!) {\n    flow_group_by_pk(id: $id) {\n      id\n      labels\n      flows(order_by: { version: desc }) {\n        id\n        name\n        version\n        archived\n        created\n        description\n        is_schedule_active\n        schedule\n        parameters\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.Flow_GroupDocument,
    "\n  mutation Flow_scheduleOn($input: set_schedule_active_input!) {\n    set_schedule_active(input: $input) {\n      success\n    }\n  }\n": typeof types.Flow_ScheduleOnDocument,
    "\n  mutation Flow_scheduleOff($input: set_schedule_inactive_input!) {\n    set_schedule_inactive(input: $input) {\n      success\n    }\n  }\n": typeof types.Flow_ScheduleOffDocument,
    "\n  mutation FlowRun_create($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": typeof types.FlowRun_CreateDocument,
    "\n  query Flow_tasks($flowId: uuid!, $name: String) {\n    task(where: { flow_id: { _eq: $flowId }, name: { _ilike: $name } }, order_by: { name: asc }, limit: 500) {\n      id\n      name\n      slug\n      type\n      max_retries\n      retry_delay\n      trigger\n    }\n  }\n": typeof types.Flow_TasksDocument,
    "\n  query Flow_runs($groupId: uuid!, $limit: Int!, $offset: Int!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } } }, order_by: { scheduled_start_time: desc }, limit: $limit, offset: $offset) {\n      id\n      name\n      state\n      start_time\n      end_time\n      scheduled_start_time\n      flow {\n        version\n      }\n    }\n  }\n": typeof types.Flow_RunsDocument,
    "\n  query Flow_runCount($groupId: uuid!) {\n    flow_run_aggregate(where: { flow: { flow_group_id: { _eq: $groupId } } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": typeof types.Flow_RunCountDocument,
    "\n  query Flow_graph($flowId: uuid!) {\n    flow_by_pk(id: $flowId) {\n      id\n      ...Schematic_flow\n    }\n  }\n": typeof types.Flow_GraphDocument,
    "\n  query Projects_list {\n    project(order_by: { name: asc }) {\n      id\n      name\n      description\n      created\n      active_flow_count: flows_aggregate(where: { archived: { _eq: false } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": typeof types.Projects_ListDocument,
    "\n  mutation Projects_rename($input: set_project_name_input!) {\n    set_project_name(input: $input) {\n      id\n    }\n  }\n": typeof types.Projects_RenameDocument,
    "\n  mutation Projects_describe($input: set_project_description_input!) {\n    set_project_description(input: $input) {\n      id\n    }\n  }\n": typeof types.Projects_DescribeDocument,
    "\n  mutation Projects_delete($input: delete_project_input!) {\n    delete_project(input: $input) {\n      success\n    }\n  }\n": typeof types.Projects_DeleteDocument,
    "\n  query TaskRun_detail($id: uuid!) {\n    task_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      start_time\n      end_time\n      map_index\n      version\n      task {\n        id\n        name\n        slug\n        max_retries\n        trigger\n      }\n      flow_run {\n        id\n        name\n        flow {\n          name\n          flow_group_id\n        }\n      }\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      logs(order_by: [{ timestamp: asc }, { seq: asc }], limit: 500) {\n        id\n        level\n        message\n        timestamp\n      }\n    }\n  }\n": typeof types.TaskRun_DetailDocument,
};
const documents: Documents = {
    "\n  query AgentTest_runDetails($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      agent_id\n      states(order_by: { timestamp: asc }) {\n        state\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n      task_runs {\n        id\n        state\n        state_message\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          message\n        }\n      }\n    }\n  }\n": types.AgentTest_RunDetailsDocument,
    "\n  mutation AgentTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": types.AgentTest_CancelDocument,
    "\n  query ClaimRaceTest_unfinished($ids: [uuid!]!) {\n    flow_run_aggregate(where: { id: { _in: $ids }, state: { _nin: [\"Success\", \"Failed\", \"Cancelled\", \"TimedOut\", \"TriggerFailed\", \"Skipped\"] } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": types.ClaimRaceTest_UnfinishedDocument,
    "\n  query ClaimRaceTest_histories($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      state\n      agent_id\n      states {\n        state\n      }\n    }\n  }\n": types.ClaimRaceTest_HistoriesDocument,
    "\n  query Agent_tenant {\n    tenant {\n      id\n      slug\n    }\n  }\n": types.Agent_TenantDocument,
    "\n  mutation Agent_register($input: register_agent_input!) {\n    register_agent(input: $input) {\n      id\n      flow_run_heartbeat_seconds\n    }\n  }\n": types.Agent_RegisterDocument,
    "\n  mutation Agent_runsInQueue($input: get_runs_in_queue_input!) {\n    get_runs_in_queue(input: $input) {\n      flow_run_ids\n    }\n  }\n": types.Agent_RunsInQueueDocument,
    "\n  query Agent_runVersions($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      version\n      state\n    }\n  }\n": types.Agent_RunVersionsDocument,
    "\n  query Agent_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n": types.Agent_RunStateDocument,
    "\n  mutation Agent_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": types.Agent_SetFlowRunStatesDocument,
    "\n  mutation Agent_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n": types.Agent_WriteRunLogsDocument,
    "\n  subscription Agent_newestScheduledRun {\n    flow_run(where: { state: { _eq: \"Scheduled\" } }, order_by: { created: desc }, limit: 1) {\n      id\n    }\n  }\n": types.Agent_NewestScheduledRunDocument,
    "\n  mutation Agent_heartbeat($input: update_agent_heartbeat_input!) {\n    update_agent_heartbeat(input: $input) {\n      success\n    }\n  }\n": types.Agent_HeartbeatDocument,
    "\n  query Agent_runningTaskRuns($flowRunId: uuid!) {\n    task_run(where: { flow_run_id: { _eq: $flowRunId }, state: { _eq: \"Running\" } }) {\n      id\n    }\n  }\n": types.Agent_RunningTaskRunsDocument,
    "\n  mutation Agent_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": types.Agent_SetTaskRunStatesDocument,
    "\n  mutation Agent_claimFlowRuns($input: claim_flow_runs_input!) {\n    claim_flow_runs(input: $input) {\n      flow_runs {\n        id\n        version\n        flow_run {\n          ...Engine_run\n        }\n      }\n      lost\n    }\n  }\n": types.Agent_ClaimFlowRunsDocument,
    "\n  query Agent_ownSubmittedRuns($agentId: uuid!, $since: timestamptz!) {\n    flow_run(where: { agent_id: { _eq: $agentId }, state: { _eq: \"Submitted\" }, state_timestamp: { _gte: $since } }) {\n      id\n    }\n  }\n": types.Agent_OwnSubmittedRunsDocument,
    "\n  query AgentLostAnswerTest_submitted {\n    flow_run(where: { state: { _eq: \"Submitted\" } }) {\n      id\n    }\n  }\n": types.AgentLostAnswerTest_SubmittedDocument,
    "\n  query AgentRestartTest_run($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      state\n      states(order_by: { version: asc }) {\n        state\n      }\n      task_runs {\n        id\n        version\n        state\n        serialized_state\n        task {\n          slug\n        }\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n    }\n  }\n": types.AgentRestartTest_RunDocument,
    "\n  mutation AgentRestartTest_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": types.AgentRestartTest_SetTaskRunStatesDocument,
    "\n  mutation AgentRestartTest_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n": types.AgentRestartTest_SetFlowRunStatesDocument,
    "\n  query Testing_runHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      state\n      states(order_by: { version: asc }) {\n        state\n        version\n      }\n      task_runs {\n        state\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        message\n      }\n    }\n  }\n": types.Testing_RunHistoryDocument,
    "\n  mutation Testing_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": types.Testing_CreateProjectDocument,
    "\n  mutation Testing_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": types.Testing_CreateFlowRunDocument,
    "\n  query Testing_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n    }\n  }\n": types.Testing_RunStateDocument,
    "\n  query AgentCliTest_runProgress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      task_runs {\n        state\n      }\n    }\n  }\n": types.AgentCliTest_RunProgressDocument,
    "\n  query AgentCliTest_stuckRuns {\n    flow_run(where: { state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }) {\n      id\n      state\n    }\n    task_run(where: { state: { _in: [\"Running\"] } }) {\n      id\n      state\n    }\n  }\n": types.AgentCliTest_StuckRunsDocument,
    "\n  query AuthTest_agents {\n    agent {\n      id\n      name\n    }\n  }\n": types.AuthTest_AgentsDocument,
    "\n  query AuthTest_projectFlows($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      name\n      flows {\n        name\n      }\n    }\n  }\n": types.AuthTest_ProjectFlowsDocument,
    "\n  mutation Cli_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": types.Cli_CreateProjectDocument,
    "\n  query RunCliTest_history($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      name\n      states {\n        state\n        timestamp\n      }\n      task_runs {\n        map_index\n        task {\n          slug\n        }\n        states {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": types.RunCliTest_HistoryDocument,
    "\n  query Cli_flowByName($name: String!, $project: String!) {\n    flow(where: { name: { _eq: $name }, archived: { _eq: false }, project: { name: { _eq: $project } } }, order_by: { version: desc }, limit: 1) {\n      id\n      name\n      version\n    }\n  }\n": types.Cli_FlowByNameDocument,
    "\n  mutation Cli_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": types.Cli_CreateFlowRunDocument,
    "\n  subscription Cli_watchRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      task_runs {\n        id\n        map_index\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          id\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": types.Cli_WatchRunDocument,
    "\n  subscription Cli_watchLogs($id: uuid!) {\n    log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) {\n      id\n      timestamp\n      level\n      name\n      message\n    }\n  }\n": types.Cli_WatchLogsDocument,
    "\n  mutation ClientLostAnswerTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": types.ClientLostAnswerTest_CreateRunDocument,
    "\n  query ClientLostAnswerTest_runs($flowId: uuid!) {\n    flow_run(where: { flow_id: { _eq: $flowId } }) {\n      id\n      idempotency_key\n    }\n  }\n": types.ClientLostAnswerTest_RunsDocument,
    "\n  fragment Engine_run on flow_run {\n    id\n    name\n    version\n    state\n    parameters\n    flow {\n      id\n      name\n      storage\n      tasks {\n        id\n        slug\n      }\n    }\n    task_runs(where: { map_index: { _eq: -1 } }) {\n      id\n      version\n      state\n      task {\n        id\n        slug\n      }\n    }\n  }\n": types.Engine_RunFragmentDoc,
    "\n  query Engine_flowRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      ...Engine_run\n    }\n  }\n": types.Engine_FlowRunDocument,
    "\n  query Engine_keptTaskRuns($id: uuid!, $states: [String!]!) {\n    task_run(where: { flow_run_id: { _eq: $id }, map_index: { _eq: -1 }, state: { _in: $states } }) {\n      id\n      state\n      serialized_state\n      task {\n        id\n        slug\n      }\n    }\n  }\n": types.Engine_KeptTaskRunsDocument,
    "\n  subscription Engine_flowRunStateLive($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n  }\n": types.Engine_FlowRunStateLiveDocument,
    "\n  query Engine_flowRunState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n": types.Engine_FlowRunStateDocument,
    "\n  mutation Engine_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": types.Engine_SetFlowRunStatesDocument,
    "\n  mutation Engine_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n": types.Engine_SetTaskRunStatesDocument,
    "\n  mutation Engine_taskRunInfo($input: get_or_create_task_run_info_input!) {\n    get_or_create_task_run_info(input: $input) {\n      id\n      version\n      state\n    }\n  }\n": types.Engine_TaskRunInfoDocument,
    "\n  mutation Engine_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n": types.Engine_WriteRunLogsDocument,
    "\n  mutation Engine_heartbeat($input: update_flow_run_heartbeat_input!) {\n    update_flow_run_heartbeat(input: $input) {\n      success\n    }\n  }\n": types.Engine_HeartbeatDocument,
    "\n  mutation Engine_writeRunBatch($input: write_run_batch_input!) {\n    write_run_batch(input: $input) {\n      flow_run_states {\n        id\n      }\n      task_run_states {\n        id\n      }\n    }\n  }\n": types.Engine_WriteRunBatchDocument,
    "\n  mutation RoundTripsTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": types.RoundTripsTest_CancelDocument,
    "\n  mutation ServerRestartTest_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": types.ServerRestartTest_CreateProjectDocument,
    "\n  query ServerRestartTest_flow($name: String!) {\n    flow(where: { name: { _eq: $name } }, order_by: { version: desc }, limit: 1) {\n      id\n      run_config\n    }\n  }\n": types.ServerRestartTest_FlowDocument,
    "\n  mutation ServerRestartTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": types.ServerRestartTest_CreateRunDocument,
    "\n  query ServerRestartTest_progress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n    log_aggregate(where: { flow_run_id: { _eq: $id }, message: { _like: \"line %\" } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": types.ServerRestartTest_ProgressDocument,
    "\n  query ServerRestartTest_report($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      states(order_by: { version: asc }) {\n        state\n        message\n      }\n      task_runs {\n        state\n        task {\n          name\n        }\n      }\n      logs(where: { message: { _like: \"line %\" } }) {\n        message\n      }\n    }\n  }\n": types.ServerRestartTest_ReportDocument,
    "\n  query RegisterTest_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      name\n      version\n      flow_group_id\n      archived\n      storage\n      run_config\n      tasks(order_by: { slug: asc }) {\n        slug\n        max_retries\n      }\n      edges {\n        key\n      }\n    }\n  }\n": types.RegisterTest_FlowDocument,
    "\n  query Register_project($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      id\n    }\n  }\n": types.Register_ProjectDocument,
    "\n  mutation Register_createFlow($input: create_flow_input!) {\n    create_flow(input: $input) {\n      id\n    }\n  }\n": types.Register_CreateFlowDocument,
    "\n  query Register_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      flow_group_id\n      version\n    }\n  }\n": types.Register_FlowDocument,
    "\n  query Agents_list {\n    agent(order_by: { last_queried: desc_nulls_last }) {\n      id\n      name\n      type\n      labels\n      core_version\n      last_queried\n      created\n    }\n  }\n": types.Agents_ListDocument,
    "\n  mutation ProjectDialog_create($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n": types.ProjectDialog_CreateDocument,
    "\n  fragment RunHistory_run on flow_run {\n    id\n    name\n    state\n    start_time\n    end_time\n    scheduled_start_time\n  }\n": types.RunHistory_RunFragmentDoc,
    "\n  fragment Schematic_flow on flow {\n    tasks {\n      id\n      name\n    }\n    edges {\n      upstream_task_id\n      downstream_task_id\n    }\n  }\n": types.Schematic_FlowFragmentDoc,
    "\n  query Dashboard_projects {\n    project(order_by: { name: asc }) {\n      id\n      name\n    }\n  }\n": types.Dashboard_ProjectsDocument,
    "\n  query Dashboard_flows($projectId: uuid) {\n    flow(where: { archived: { _eq: false }, project_id: { _eq: $projectId } }, order_by: { name: asc }) {\n      id\n      flow_group_id\n      name\n      version\n      project {\n        id\n        name\n      }\n      flow_runs(where: { state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 1) {\n        id\n        state\n      }\n    }\n  }\n": types.Dashboard_FlowsDocument,
    "\n  query Dashboard_history($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 60) {\n      ...RunHistory_run\n    }\n  }\n": types.Dashboard_HistoryDocument,
    "\n  query Dashboard_upcoming($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _eq: \"Scheduled\" } }, order_by: { scheduled_start_time: asc }, limit: 20) {\n      id\n      name\n      labels\n      scheduled_start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n": types.Dashboard_UpcomingDocument,
    "\n  query Dashboard_inProgress($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }, order_by: { start_time: desc_nulls_first }, limit: 20) {\n      id\n      name\n      state\n      start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n": types.Dashboard_InProgressDocument,
    "\n  query Dashboard_failures($projectId: uuid, $failed: [String!]) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: $failed } }, order_by: { state_timestamp: desc_nulls_last }, limit: 10) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      flow {\n        id\n        name\n      }\n    }\n  }\n": types.Dashboard_FailuresDocument,
    "\n  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n": types.FlowRunActions_CancelDocument,
    "\n  query FlowRunActions_restartData($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      task_runs {\n        id\n        task_id\n        state\n        version\n      }\n      flow {\n        id\n        edges {\n          upstream_task_id\n          downstream_task_id\n        }\n      }\n    }\n  }\n": types.FlowRunActions_RestartDataDocument,
    "\n  mutation FlowRunActions_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": types.FlowRunActions_SetTaskRunStatesDocument,
    "\n  mutation FlowRunActions_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": types.FlowRunActions_SetFlowRunStatesDocument,
    "\n  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {\n        id\n        level\n        name\n        message\n        timestamp\n        task_run_id\n      }\n      logs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": types.FlowRun_LogsDocument,
    "\n  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {\n    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {\n      id\n      level\n      name\n      message\n      timestamp\n    }\n  }\n": types.FlowRun_LogPageDocument,
    "\n  query FlowRun_detail($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      start_time\n      end_time\n      scheduled_start_time\n      labels\n      version\n      flow {\n        id\n        name\n        version\n        flow_group_id\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.FlowRun_DetailDocument,
    "\n  query FlowRun_schematic($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: { map_index: { _eq: -1 } }) {\n        id\n        task_id\n        state\n      }\n      flow {\n        id\n        ...Schematic_flow\n      }\n    }\n  }\n": types.FlowRun_SchematicDocument,
    "\n  mutation SetStateDialog_setFlowRunState($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n": types.SetStateDialog_SetFlowRunStateDocument,
    "\n  query FlowRun_stateHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n    }\n  }\n": types.FlowRun_StateHistoryDocument,
    "\n  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {\n        id\n        name\n        state\n        map_index\n        start_time\n        end_time\n        task {\n          id\n          name\n        }\n      }\n      filtered: task_runs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": types.FlowRun_TaskRunsDocument,
    "\n  query FlowRun_counts($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      total: task_runs_aggregate {\n        aggregate {\n          count\n        }\n      }\n      Pending: task_runs_aggregate(where: { state: { _eq: \"Pending\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Running: task_runs_aggregate(where: { state: { _eq: \"Running\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Retrying: task_runs_aggregate(where: { state: { _eq: \"Retrying\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Success: task_runs_aggregate(where: { state: { _eq: \"Success\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Failed: task_runs_aggregate(where: { state: { _eq: \"Failed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      TriggerFailed: task_runs_aggregate(where: { state: { _eq: \"TriggerFailed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Skipped: task_runs_aggregate(where: { state: { _eq: \"Skipped\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Cancelled: task_runs_aggregate(where: { state: { _eq: \"Cancelled\" } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": types.FlowRun_CountsDocument,
    "\n  query FlowRun_timeline($id: uuid!, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      start_time\n      end_time\n      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {\n        id\n        state\n        task {\n          name\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n": types.FlowRun_TimelineDocument,
    "\n  query Flow_recentRuns($groupId: uuid!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 50) {\n      ...RunHistory_run\n    }\n  }\n": types.Flow_RecentRunsDocument,
    "\n  query Flow_group($id: uuid!) {\n    flow_group_by_pk(id: $id) {\n      id\n      labels\n      flows(order_by: { version: desc }) {\n        id\n        name\n        version\n        archived\n        created\n        description\n        is_schedule_active\n        schedule\n        parameters\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.Flow_GroupDocument,
    "\n  mutation Flow_scheduleOn($input: set_schedule_active_input!) {\n    set_schedule_active(input: $input) {\n      success\n    }\n  }\n": types.Flow_ScheduleOnDocument,
    "\n  mutation Flow_scheduleOff($input: set_schedule_inactive_input!) {\n    set_schedule_inactive(input: $input) {\n      success\n    }\n  }\n": types.Flow_ScheduleOffDocument,
    "\n  mutation FlowRun_create($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n": types.FlowRun_CreateDocument,
    "\n  query Flow_tasks($flowId: uuid!, $name: String) {\n    task(where: { flow_id: { _eq: $flowId }, name: { _ilike: $name } }, order_by: { name: asc }, limit: 500) {\n      id\n      name\n      slug\n      type\n      max_retries\n      retry_delay\n      trigger\n    }\n  }\n": types.Flow_TasksDocument,
    "\n  query Flow_runs($groupId: uuid!, $limit: Int!, $offset: Int!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } } }, order_by: { scheduled_start_time: desc }, limit: $limit, offset: $offset) {\n      id\n      name\n      state\n      start_time\n      end_time\n      scheduled_start_time\n      flow {\n        version\n      }\n    }\n  }\n": types.Flow_RunsDocument,
    "\n  query Flow_runCount($groupId: uuid!) {\n    flow_run_aggregate(where: { flow: { flow_group_id: { _eq: $groupId } } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n": types.Flow_RunCountDocument,
    "\n  query Flow_graph($flowId: uuid!) {\n    flow_by_pk(id: $flowId) {\n      id\n      ...Schematic_flow\n    }\n  }\n": types.Flow_GraphDocument,
    "\n  query Projects_list {\n    project(order_by: { name: asc }) {\n      id\n      name\n      description\n      created\n      active_flow_count: flows_aggregate(where: { archived: { _eq: false } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n": types.Projects_ListDocument,
    "\n  mutation Projects_rename($input: set_project_name_input!) {\n    set_project_name(input: $input) {\n      id\n    }\n  }\n": types.Projects_RenameDocument,
    "\n  mutation Projects_describe($input: set_project_description_input!) {\n    set_project_description(input: $input) {\n      id\n    }\n  }\n": types.Projects_DescribeDocument,
    "\n  mutation Projects_delete($input: delete_project_input!) {\n    delete_project(input: $input) {\n      success\n    }\n  }\n": types.Projects_DeleteDocument,
    "\n  query TaskRun_detail($id: uuid!) {\n    task_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      start_time\n      end_time\n      map_index\n      version\n      task {\n        id\n        name\n        slug\n        max_retries\n        trigger\n      }\n      flow_run {\n        id\n        name\n        flow {\n          name\n          flow_group_id\n        }\n      }\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      logs(order_by: [{ timestamp: asc }, { seq: asc }], limit: 500) {\n        id\n        level\n        message\n        timestamp\n      }\n    }\n  }\n": types.TaskRun_DetailDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentTest_runDetails($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      agent_id\n      states(order_by: { timestamp: asc }) {\n        state\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n      task_runs {\n        id\n        state\n        state_message\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentTest_runDetails($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      agent_id\n      states(order_by: { timestamp: asc }) {\n        state\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n      task_runs {\n        id\n        state\n        state_message\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AgentTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation AgentTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimRaceTest_unfinished($ids: [uuid!]!) {\n    flow_run_aggregate(where: { id: { _in: $ids }, state: { _nin: [\"Success\", \"Failed\", \"Cancelled\", \"TimedOut\", \"TriggerFailed\", \"Skipped\"] } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClaimRaceTest_unfinished($ids: [uuid!]!) {\n    flow_run_aggregate(where: { id: { _in: $ids }, state: { _nin: [\"Success\", \"Failed\", \"Cancelled\", \"TimedOut\", \"TriggerFailed\", \"Skipped\"] } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimRaceTest_histories($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      state\n      agent_id\n      states {\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClaimRaceTest_histories($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      state\n      agent_id\n      states {\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agent_tenant {\n    tenant {\n      id\n      slug\n    }\n  }\n"): (typeof documents)["\n  query Agent_tenant {\n    tenant {\n      id\n      slug\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_register($input: register_agent_input!) {\n    register_agent(input: $input) {\n      id\n      flow_run_heartbeat_seconds\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_register($input: register_agent_input!) {\n    register_agent(input: $input) {\n      id\n      flow_run_heartbeat_seconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_runsInQueue($input: get_runs_in_queue_input!) {\n    get_runs_in_queue(input: $input) {\n      flow_run_ids\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_runsInQueue($input: get_runs_in_queue_input!) {\n    get_runs_in_queue(input: $input) {\n      flow_run_ids\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agent_runVersions($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      version\n      state\n    }\n  }\n"): (typeof documents)["\n  query Agent_runVersions($ids: [uuid!]!) {\n    flow_run(where: { id: { _in: $ids } }) {\n      id\n      version\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agent_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n"): (typeof documents)["\n  query Agent_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Agent_newestScheduledRun {\n    flow_run(where: { state: { _eq: \"Scheduled\" } }, order_by: { created: desc }, limit: 1) {\n      id\n    }\n  }\n"): (typeof documents)["\n  subscription Agent_newestScheduledRun {\n    flow_run(where: { state: { _eq: \"Scheduled\" } }, order_by: { created: desc }, limit: 1) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_heartbeat($input: update_agent_heartbeat_input!) {\n    update_agent_heartbeat(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_heartbeat($input: update_agent_heartbeat_input!) {\n    update_agent_heartbeat(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agent_runningTaskRuns($flowRunId: uuid!) {\n    task_run(where: { flow_run_id: { _eq: $flowRunId }, state: { _eq: \"Running\" } }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Agent_runningTaskRuns($flowRunId: uuid!) {\n    task_run(where: { flow_run_id: { _eq: $flowRunId }, state: { _eq: \"Running\" } }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Agent_claimFlowRuns($input: claim_flow_runs_input!) {\n    claim_flow_runs(input: $input) {\n      flow_runs {\n        id\n        version\n        flow_run {\n          ...Engine_run\n        }\n      }\n      lost\n    }\n  }\n"): (typeof documents)["\n  mutation Agent_claimFlowRuns($input: claim_flow_runs_input!) {\n    claim_flow_runs(input: $input) {\n      flow_runs {\n        id\n        version\n        flow_run {\n          ...Engine_run\n        }\n      }\n      lost\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agent_ownSubmittedRuns($agentId: uuid!, $since: timestamptz!) {\n    flow_run(where: { agent_id: { _eq: $agentId }, state: { _eq: \"Submitted\" }, state_timestamp: { _gte: $since } }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Agent_ownSubmittedRuns($agentId: uuid!, $since: timestamptz!) {\n    flow_run(where: { agent_id: { _eq: $agentId }, state: { _eq: \"Submitted\" }, state_timestamp: { _gte: $since } }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentLostAnswerTest_submitted {\n    flow_run(where: { state: { _eq: \"Submitted\" } }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AgentLostAnswerTest_submitted {\n    flow_run(where: { state: { _eq: \"Submitted\" } }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentRestartTest_run($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      state\n      states(order_by: { version: asc }) {\n        state\n      }\n      task_runs {\n        id\n        version\n        state\n        serialized_state\n        task {\n          slug\n        }\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentRestartTest_run($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      state\n      states(order_by: { version: asc }) {\n        state\n      }\n      task_runs {\n        id\n        version\n        state\n        serialized_state\n        task {\n          slug\n        }\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        level\n        message\n        task_run_id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AgentRestartTest_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AgentRestartTest_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AgentRestartTest_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AgentRestartTest_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Testing_runHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      state\n      states(order_by: { version: asc }) {\n        state\n        version\n      }\n      task_runs {\n        state\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query Testing_runHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      state\n      states(order_by: { version: asc }) {\n        state\n        version\n      }\n      task_runs {\n        state\n        states(order_by: { version: asc }) {\n          state\n        }\n      }\n      logs(order_by: { timestamp: asc }) {\n        name\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Testing_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Testing_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Testing_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Testing_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Testing_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n    }\n  }\n"): (typeof documents)["\n  query Testing_runState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentCliTest_runProgress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      task_runs {\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentCliTest_runProgress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      task_runs {\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentCliTest_stuckRuns {\n    flow_run(where: { state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }) {\n      id\n      state\n    }\n    task_run(where: { state: { _in: [\"Running\"] } }) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  query AgentCliTest_stuckRuns {\n    flow_run(where: { state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }) {\n      id\n      state\n    }\n    task_run(where: { state: { _in: [\"Running\"] } }) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthTest_agents {\n    agent {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query AuthTest_agents {\n    agent {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthTest_projectFlows($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      name\n      flows {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuthTest_projectFlows($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      name\n      flows {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cli_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Cli_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunCliTest_history($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      name\n      states {\n        state\n        timestamp\n      }\n      task_runs {\n        map_index\n        task {\n          slug\n        }\n        states {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunCliTest_history($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      name\n      states {\n        state\n        timestamp\n      }\n      task_runs {\n        map_index\n        task {\n          slug\n        }\n        states {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cli_flowByName($name: String!, $project: String!) {\n    flow(where: { name: { _eq: $name }, archived: { _eq: false }, project: { name: { _eq: $project } } }, order_by: { version: desc }, limit: 1) {\n      id\n      name\n      version\n    }\n  }\n"): (typeof documents)["\n  query Cli_flowByName($name: String!, $project: String!) {\n    flow(where: { name: { _eq: $name }, archived: { _eq: false }, project: { name: { _eq: $project } } }, order_by: { version: desc }, limit: 1) {\n      id\n      name\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cli_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Cli_createFlowRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Cli_watchRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      task_runs {\n        id\n        map_index\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          id\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription Cli_watchRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      task_runs {\n        id\n        map_index\n        task {\n          slug\n        }\n        states(order_by: { timestamp: asc }) {\n          id\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Cli_watchLogs($id: uuid!) {\n    log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) {\n      id\n      timestamp\n      level\n      name\n      message\n    }\n  }\n"): (typeof documents)["\n  subscription Cli_watchLogs($id: uuid!) {\n    log(where: { flow_run_id: { _eq: $id } }, order_by: { timestamp: asc }) {\n      id\n      timestamp\n      level\n      name\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientLostAnswerTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ClientLostAnswerTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientLostAnswerTest_runs($flowId: uuid!) {\n    flow_run(where: { flow_id: { _eq: $flowId } }) {\n      id\n      idempotency_key\n    }\n  }\n"): (typeof documents)["\n  query ClientLostAnswerTest_runs($flowId: uuid!) {\n    flow_run(where: { flow_id: { _eq: $flowId } }) {\n      id\n      idempotency_key\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Engine_run on flow_run {\n    id\n    name\n    version\n    state\n    parameters\n    flow {\n      id\n      name\n      storage\n      tasks {\n        id\n        slug\n      }\n    }\n    task_runs(where: { map_index: { _eq: -1 } }) {\n      id\n      version\n      state\n      task {\n        id\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment Engine_run on flow_run {\n    id\n    name\n    version\n    state\n    parameters\n    flow {\n      id\n      name\n      storage\n      tasks {\n        id\n        slug\n      }\n    }\n    task_runs(where: { map_index: { _eq: -1 } }) {\n      id\n      version\n      state\n      task {\n        id\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Engine_flowRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      ...Engine_run\n    }\n  }\n"): (typeof documents)["\n  query Engine_flowRun($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      ...Engine_run\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Engine_keptTaskRuns($id: uuid!, $states: [String!]!) {\n    task_run(where: { flow_run_id: { _eq: $id }, map_index: { _eq: -1 }, state: { _in: $states } }) {\n      id\n      state\n      serialized_state\n      task {\n        id\n        slug\n      }\n    }\n  }\n"): (typeof documents)["\n  query Engine_keptTaskRuns($id: uuid!, $states: [String!]!) {\n    task_run(where: { flow_run_id: { _eq: $id }, map_index: { _eq: -1 }, state: { _in: $states } }) {\n      id\n      state\n      serialized_state\n      task {\n        id\n        slug\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Engine_flowRunStateLive($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  subscription Engine_flowRunStateLive($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Engine_flowRunState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n"): (typeof documents)["\n  query Engine_flowRunState($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_taskRunInfo($input: get_or_create_task_run_info_input!) {\n    get_or_create_task_run_info(input: $input) {\n      id\n      version\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_taskRunInfo($input: get_or_create_task_run_info_input!) {\n    get_or_create_task_run_info(input: $input) {\n      id\n      version\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_writeRunLogs($input: write_run_logs_input!) {\n    write_run_logs(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_heartbeat($input: update_flow_run_heartbeat_input!) {\n    update_flow_run_heartbeat(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_heartbeat($input: update_flow_run_heartbeat_input!) {\n    update_flow_run_heartbeat(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Engine_writeRunBatch($input: write_run_batch_input!) {\n    write_run_batch(input: $input) {\n      flow_run_states {\n        id\n      }\n      task_run_states {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Engine_writeRunBatch($input: write_run_batch_input!) {\n    write_run_batch(input: $input) {\n      flow_run_states {\n        id\n      }\n      task_run_states {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RoundTripsTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation RoundTripsTest_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ServerRestartTest_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ServerRestartTest_createProject($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerRestartTest_flow($name: String!) {\n    flow(where: { name: { _eq: $name } }, order_by: { version: desc }, limit: 1) {\n      id\n      run_config\n    }\n  }\n"): (typeof documents)["\n  query ServerRestartTest_flow($name: String!) {\n    flow(where: { name: { _eq: $name } }, order_by: { version: desc }, limit: 1) {\n      id\n      run_config\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ServerRestartTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ServerRestartTest_createRun($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerRestartTest_progress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n    log_aggregate(where: { flow_run_id: { _eq: $id }, message: { _like: \"line %\" } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerRestartTest_progress($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n    }\n    log_aggregate(where: { flow_run_id: { _eq: $id }, message: { _like: \"line %\" } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerRestartTest_report($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      states(order_by: { version: asc }) {\n        state\n        message\n      }\n      task_runs {\n        state\n        task {\n          name\n        }\n      }\n      logs(where: { message: { _like: \"line %\" } }) {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerRestartTest_report($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      state\n      state_message\n      states(order_by: { version: asc }) {\n        state\n        message\n      }\n      task_runs {\n        state\n        task {\n          name\n        }\n      }\n      logs(where: { message: { _like: \"line %\" } }) {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegisterTest_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      name\n      version\n      flow_group_id\n      archived\n      storage\n      run_config\n      tasks(order_by: { slug: asc }) {\n        slug\n        max_retries\n      }\n      edges {\n        key\n      }\n    }\n  }\n"): (typeof documents)["\n  query RegisterTest_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      name\n      version\n      flow_group_id\n      archived\n      storage\n      run_config\n      tasks(order_by: { slug: asc }) {\n        slug\n        max_retries\n      }\n      edges {\n        key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Register_project($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query Register_project($name: String!) {\n    project(where: { name: { _eq: $name } }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register_createFlow($input: create_flow_input!) {\n    create_flow(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Register_createFlow($input: create_flow_input!) {\n    create_flow(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Register_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      flow_group_id\n      version\n    }\n  }\n"): (typeof documents)["\n  query Register_flow($id: uuid!) {\n    flow_by_pk(id: $id) {\n      id\n      flow_group_id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agents_list {\n    agent(order_by: { last_queried: desc_nulls_last }) {\n      id\n      name\n      type\n      labels\n      core_version\n      last_queried\n      created\n    }\n  }\n"): (typeof documents)["\n  query Agents_list {\n    agent(order_by: { last_queried: desc_nulls_last }) {\n      id\n      name\n      type\n      labels\n      core_version\n      last_queried\n      created\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProjectDialog_create($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ProjectDialog_create($input: create_project_input!) {\n    create_project(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunHistory_run on flow_run {\n    id\n    name\n    state\n    start_time\n    end_time\n    scheduled_start_time\n  }\n"): (typeof documents)["\n  fragment RunHistory_run on flow_run {\n    id\n    name\n    state\n    start_time\n    end_time\n    scheduled_start_time\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Schematic_flow on flow {\n    tasks {\n      id\n      name\n    }\n    edges {\n      upstream_task_id\n      downstream_task_id\n    }\n  }\n"): (typeof documents)["\n  fragment Schematic_flow on flow {\n    tasks {\n      id\n      name\n    }\n    edges {\n      upstream_task_id\n      downstream_task_id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_projects {\n    project(order_by: { name: asc }) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_projects {\n    project(order_by: { name: asc }) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_flows($projectId: uuid) {\n    flow(where: { archived: { _eq: false }, project_id: { _eq: $projectId } }, order_by: { name: asc }) {\n      id\n      flow_group_id\n      name\n      version\n      project {\n        id\n        name\n      }\n      flow_runs(where: { state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 1) {\n        id\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_flows($projectId: uuid) {\n    flow(where: { archived: { _eq: false }, project_id: { _eq: $projectId } }, order_by: { name: asc }) {\n      id\n      flow_group_id\n      name\n      version\n      project {\n        id\n        name\n      }\n      flow_runs(where: { state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 1) {\n        id\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_history($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 60) {\n      ...RunHistory_run\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_history($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 60) {\n      ...RunHistory_run\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_upcoming($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _eq: \"Scheduled\" } }, order_by: { scheduled_start_time: asc }, limit: 20) {\n      id\n      name\n      labels\n      scheduled_start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_upcoming($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _eq: \"Scheduled\" } }, order_by: { scheduled_start_time: asc }, limit: 20) {\n      id\n      name\n      labels\n      scheduled_start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_inProgress($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }, order_by: { start_time: desc_nulls_first }, limit: 20) {\n      id\n      name\n      state\n      start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_inProgress($projectId: uuid) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: [\"Submitted\", \"Running\", \"Cancelling\"] } }, order_by: { start_time: desc_nulls_first }, limit: 20) {\n      id\n      name\n      state\n      start_time\n      flow {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard_failures($projectId: uuid, $failed: [String!]) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: $failed } }, order_by: { state_timestamp: desc_nulls_last }, limit: 10) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      flow {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard_failures($projectId: uuid, $failed: [String!]) {\n    flow_run(where: { flow: { project_id: { _eq: $projectId } }, state: { _in: $failed } }, order_by: { state_timestamp: desc_nulls_last }, limit: 10) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      flow {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation FlowRunActions_cancel($input: cancel_flow_run_input!) {\n    cancel_flow_run(input: $input) {\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRunActions_restartData($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      task_runs {\n        id\n        task_id\n        state\n        version\n      }\n      flow {\n        id\n        edges {\n          upstream_task_id\n          downstream_task_id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRunActions_restartData($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      version\n      task_runs {\n        id\n        task_id\n        state\n        version\n      }\n      flow {\n        id\n        edges {\n          upstream_task_id\n          downstream_task_id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlowRunActions_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FlowRunActions_setTaskRunStates($input: set_task_run_states_input!) {\n    set_task_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlowRunActions_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FlowRunActions_setFlowRunStates($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {\n        id\n        level\n        name\n        message\n        timestamp\n        task_run_id\n      }\n      logs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {\n        id\n        level\n        name\n        message\n        timestamp\n        task_run_id\n      }\n      logs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {\n    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {\n      id\n      level\n      name\n      message\n      timestamp\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {\n    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {\n      id\n      level\n      name\n      message\n      timestamp\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_detail($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      start_time\n      end_time\n      scheduled_start_time\n      labels\n      version\n      flow {\n        id\n        name\n        version\n        flow_group_id\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_detail($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      state_timestamp\n      start_time\n      end_time\n      scheduled_start_time\n      labels\n      version\n      flow {\n        id\n        name\n        version\n        flow_group_id\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_schematic($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: { map_index: { _eq: -1 } }) {\n        id\n        task_id\n        state\n      }\n      flow {\n        id\n        ...Schematic_flow\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_schematic($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: { map_index: { _eq: -1 } }) {\n        id\n        task_id\n        state\n      }\n      flow {\n        id\n        ...Schematic_flow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetStateDialog_setFlowRunState($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetStateDialog_setFlowRunState($input: set_flow_run_states_input!) {\n    set_flow_run_states(input: $input) {\n      states {\n        id\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_stateHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_stateHistory($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {\n        id\n        name\n        state\n        map_index\n        start_time\n        end_time\n        task {\n          id\n          name\n        }\n      }\n      filtered: task_runs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_taskRuns($id: uuid!, $where: task_run_bool_exp, $orderBy: [task_run_order_by!], $limit: Int, $offset: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      task_runs(where: $where, order_by: $orderBy, limit: $limit, offset: $offset) {\n        id\n        name\n        state\n        map_index\n        start_time\n        end_time\n        task {\n          id\n          name\n        }\n      }\n      filtered: task_runs_aggregate(where: $where) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_counts($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      total: task_runs_aggregate {\n        aggregate {\n          count\n        }\n      }\n      Pending: task_runs_aggregate(where: { state: { _eq: \"Pending\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Running: task_runs_aggregate(where: { state: { _eq: \"Running\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Retrying: task_runs_aggregate(where: { state: { _eq: \"Retrying\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Success: task_runs_aggregate(where: { state: { _eq: \"Success\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Failed: task_runs_aggregate(where: { state: { _eq: \"Failed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      TriggerFailed: task_runs_aggregate(where: { state: { _eq: \"TriggerFailed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Skipped: task_runs_aggregate(where: { state: { _eq: \"Skipped\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Cancelled: task_runs_aggregate(where: { state: { _eq: \"Cancelled\" } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_counts($id: uuid!) {\n    flow_run_by_pk(id: $id) {\n      id\n      total: task_runs_aggregate {\n        aggregate {\n          count\n        }\n      }\n      Pending: task_runs_aggregate(where: { state: { _eq: \"Pending\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Running: task_runs_aggregate(where: { state: { _eq: \"Running\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Retrying: task_runs_aggregate(where: { state: { _eq: \"Retrying\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Success: task_runs_aggregate(where: { state: { _eq: \"Success\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Failed: task_runs_aggregate(where: { state: { _eq: \"Failed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      TriggerFailed: task_runs_aggregate(where: { state: { _eq: \"TriggerFailed\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Skipped: task_runs_aggregate(where: { state: { _eq: \"Skipped\" } }) {\n        aggregate {\n          count\n        }\n      }\n      Cancelled: task_runs_aggregate(where: { state: { _eq: \"Cancelled\" } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowRun_timeline($id: uuid!, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      start_time\n      end_time\n      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {\n        id\n        state\n        task {\n          name\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FlowRun_timeline($id: uuid!, $limit: Int) {\n    flow_run_by_pk(id: $id) {\n      id\n      start_time\n      end_time\n      task_runs(where: { map_index: { _eq: -1 } }, order_by: [{ start_time: asc_nulls_last }, { id: asc }], limit: $limit) {\n        id\n        state\n        task {\n          name\n        }\n        states(order_by: { timestamp: asc }) {\n          state\n          timestamp\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_recentRuns($groupId: uuid!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 50) {\n      ...RunHistory_run\n    }\n  }\n"): (typeof documents)["\n  query Flow_recentRuns($groupId: uuid!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } }, state: { _neq: \"Scheduled\" } }, order_by: { scheduled_start_time: desc }, limit: 50) {\n      ...RunHistory_run\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_group($id: uuid!) {\n    flow_group_by_pk(id: $id) {\n      id\n      labels\n      flows(order_by: { version: desc }) {\n        id\n        name\n        version\n        archived\n        created\n        description\n        is_schedule_active\n        schedule\n        parameters\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Flow_group($id: uuid!) {\n    flow_group_by_pk(id: $id) {\n      id\n      labels\n      flows(order_by: { version: desc }) {\n        id\n        name\n        version\n        archived\n        created\n        description\n        is_schedule_active\n        schedule\n        parameters\n        storage\n        run_config\n        project {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Flow_scheduleOn($input: set_schedule_active_input!) {\n    set_schedule_active(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Flow_scheduleOn($input: set_schedule_active_input!) {\n    set_schedule_active(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Flow_scheduleOff($input: set_schedule_inactive_input!) {\n    set_schedule_inactive(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Flow_scheduleOff($input: set_schedule_inactive_input!) {\n    set_schedule_inactive(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FlowRun_create($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FlowRun_create($input: create_flow_run_input!) {\n    create_flow_run(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_tasks($flowId: uuid!, $name: String) {\n    task(where: { flow_id: { _eq: $flowId }, name: { _ilike: $name } }, order_by: { name: asc }, limit: 500) {\n      id\n      name\n      slug\n      type\n      max_retries\n      retry_delay\n      trigger\n    }\n  }\n"): (typeof documents)["\n  query Flow_tasks($flowId: uuid!, $name: String) {\n    task(where: { flow_id: { _eq: $flowId }, name: { _ilike: $name } }, order_by: { name: asc }, limit: 500) {\n      id\n      name\n      slug\n      type\n      max_retries\n      retry_delay\n      trigger\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_runs($groupId: uuid!, $limit: Int!, $offset: Int!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } } }, order_by: { scheduled_start_time: desc }, limit: $limit, offset: $offset) {\n      id\n      name\n      state\n      start_time\n      end_time\n      scheduled_start_time\n      flow {\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  query Flow_runs($groupId: uuid!, $limit: Int!, $offset: Int!) {\n    flow_run(where: { flow: { flow_group_id: { _eq: $groupId } } }, order_by: { scheduled_start_time: desc }, limit: $limit, offset: $offset) {\n      id\n      name\n      state\n      start_time\n      end_time\n      scheduled_start_time\n      flow {\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_runCount($groupId: uuid!) {\n    flow_run_aggregate(where: { flow: { flow_group_id: { _eq: $groupId } } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query Flow_runCount($groupId: uuid!) {\n    flow_run_aggregate(where: { flow: { flow_group_id: { _eq: $groupId } } }) {\n      aggregate {\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow_graph($flowId: uuid!) {\n    flow_by_pk(id: $flowId) {\n      id\n      ...Schematic_flow\n    }\n  }\n"): (typeof documents)["\n  query Flow_graph($flowId: uuid!) {\n    flow_by_pk(id: $flowId) {\n      id\n      ...Schematic_flow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects_list {\n    project(order_by: { name: asc }) {\n      id\n      name\n      description\n      created\n      active_flow_count: flows_aggregate(where: { archived: { _eq: false } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Projects_list {\n    project(order_by: { name: asc }) {\n      id\n      name\n      description\n      created\n      active_flow_count: flows_aggregate(where: { archived: { _eq: false } }) {\n        aggregate {\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Projects_rename($input: set_project_name_input!) {\n    set_project_name(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Projects_rename($input: set_project_name_input!) {\n    set_project_name(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Projects_describe($input: set_project_description_input!) {\n    set_project_description(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Projects_describe($input: set_project_description_input!) {\n    set_project_description(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Projects_delete($input: delete_project_input!) {\n    delete_project(input: $input) {\n      success\n    }\n  }\n"): (typeof documents)["\n  mutation Projects_delete($input: delete_project_input!) {\n    delete_project(input: $input) {\n      success\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskRun_detail($id: uuid!) {\n    task_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      start_time\n      end_time\n      map_index\n      version\n      task {\n        id\n        name\n        slug\n        max_retries\n        trigger\n      }\n      flow_run {\n        id\n        name\n        flow {\n          name\n          flow_group_id\n        }\n      }\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      logs(order_by: [{ timestamp: asc }, { seq: asc }], limit: 500) {\n        id\n        level\n        message\n        timestamp\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskRun_detail($id: uuid!) {\n    task_run_by_pk(id: $id) {\n      id\n      name\n      state\n      state_message\n      start_time\n      end_time\n      map_index\n      version\n      task {\n        id\n        name\n        slug\n        max_retries\n        trigger\n      }\n      flow_run {\n        id\n        name\n        flow {\n          name\n          flow_group_id\n        }\n      }\n      states(order_by: { timestamp: asc }) {\n        id\n        state\n        message\n        timestamp\n      }\n      logs(order_by: [{ timestamp: asc }, { seq: asc }], limit: 500) {\n        id\n        level\n        message\n        timestamp\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;