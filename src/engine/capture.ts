import { taskScope, type LogRecord } from "../sdk/context.ts";

/**
 * Turns what flow code prints (console.log, process.stdout.write…) into run log lines, tagged with
 * the task run that printed them, while still passing it through to the real stream.
 * Returns the function that undoes it.
 */
export function captureOutput(emit: (record: LogRecord) => void): () => void {
  const streams = [
    { stream: process.stdout, name: "stdout", level: "INFO" as const },
    { stream: process.stderr, name: "stderr", level: "WARNING" as const },
  ];
  const restores = streams.map(({ stream, name, level }) => {
    const original = stream.write;
    let partial = "";
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      const scope = taskScope.getStore();
      const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : String(chunk);
      partial += text;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        if (line.length) emit({ level, message: line, name: scope?.taskName ?? name, timestamp: new Date().toISOString(), taskSlug: scope?.taskSlug, taskRunId: scope?.taskRunId });
      }
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    return () => {
      stream.write = original;
    };
  });
  return () => {
    for (const restore of restores) restore();
  };
}
