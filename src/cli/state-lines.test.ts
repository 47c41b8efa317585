import { describe, expect, it } from "vitest";
import { type StateEntry, StateLineOrder } from "./state-lines.ts";

const entry = (id: string, timestamp: string): StateEntry => ({ id, timestamp, line: `${timestamp} ${id}` });
const submitted = entry("flow-submitted", "t1");
const running = entry("flow-running", "t2");
const taskSuccess = entry("task-success", "t3");
const flowSuccess = entry("flow-success", "t4");

describe("StateLineOrder", () => {
  it("holds a line until the next result still has it, then lets out earlier lines that arrived late with it, in order", () => {
    const order = new StateLineOrder();
    expect(order.next([submitted])).toEqual([]);
    // A result read across a commit: the task's Success is there, the flow's Running (stored first) not yet.
    expect(order.next([submitted, taskSuccess])).toEqual(["t1 flow-submitted"]);
    expect(order.next([submitted, running, taskSuccess])).toEqual(["t2 flow-running", "t3 task-success"]);
  });

  it("lets every line out, in order, when the run has finished", () => {
    const order = new StateLineOrder();
    expect(order.next([submitted, running])).toEqual([]);
    expect(order.next([submitted, running, taskSuccess, flowSuccess], true)).toEqual(["t1 flow-submitted", "t2 flow-running", "t3 task-success", "t4 flow-success"]);
  });

  it("flushes what it holds when nothing new comes, and never prints a line twice", () => {
    const order = new StateLineOrder();
    order.next([submitted, running]);
    expect(order.holding).toBe(true);
    expect(order.flush()).toEqual(["t1 flow-submitted", "t2 flow-running"]);
    expect(order.holding).toBe(false);
    expect(order.next([submitted, running, taskSuccess], true)).toEqual(["t3 task-success"]);
  });
});
