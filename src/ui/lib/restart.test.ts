import { describe, expect, it } from "vitest";
import { taskRunsToRestart } from "./restart.ts";

describe("taskRunsToRestart", () => {
  // a → b → c, a → d; x independent
  const edges = [
    { upstream_task_id: "a", downstream_task_id: "b" },
    { upstream_task_id: "b", downstream_task_id: "c" },
    { upstream_task_id: "a", downstream_task_id: "d" },
  ];
  const run = (task: string, state: string) => ({ id: `tr-${task}`, task_id: task, state, version: 3 });

  it("takes the failed runs and everything downstream, keeps upstream successes", () => {
    const picked = taskRunsToRestart([run("a", "Success"), run("b", "Failed"), run("c", "TriggerFailed"), run("d", "Success"), run("x", "Success")], edges);
    expect(picked.map((t) => t.task_id).sort()).toEqual(["b", "c"]);
  });
  it("takes a downstream success of a failure too", () => {
    const picked = taskRunsToRestart([run("a", "Failed"), run("b", "Success"), run("c", "Success"), run("d", "Success")], edges);
    expect(picked.map((t) => t.task_id).sort()).toEqual(["a", "b", "c", "d"]);
  });
  it("from one task: that task and its downstream, not the other failures", () => {
    const picked = taskRunsToRestart([run("a", "Success"), run("b", "Failed"), run("c", "Pending"), run("d", "Failed"), run("x", "Failed")], edges, ["b"]);
    expect(picked.map((t) => t.task_id).sort()).toEqual(["b", "c"]);
  });
  it("a mapped task's parent and children restart together", () => {
    const child = (i: number) => ({ id: `tr-b-${i}`, task_id: "b", state: i === 1 ? "Failed" : "Success", version: 1 });
    const picked = taskRunsToRestart([run("a", "Success"), { ...run("b", "Mapped") }, child(0), child(1), run("c", "TriggerFailed")], edges);
    expect(picked.map((t) => t.id).sort()).toEqual(["tr-b", "tr-b-0", "tr-b-1", "tr-c"]);
  });
  it("nothing failed, nothing to restart", () => expect(taskRunsToRestart([run("a", "Success")], edges)).toEqual([]));
});
