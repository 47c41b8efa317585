/**
 * `tsx bench/profile-summary.ts <file.cpuprofile> [top]`: the functions that took the most CPU
 * (self time) and the files they live in, so a bench figure over budget comes with its cause.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
  process.exit(1);
}
const top = Number(topArg ?? 20);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const NOT_CPU = new Set(["(idle)", "((idle))"]);

// Self time per sample: each sample's delta belongs to the node that was on top of the stack.
const selfMs = new Map<ProfileNode, number>();
profile.samples.forEach((id, i) => {
  const node = byId.get(id)!;
  selfMs.set(node, (selfMs.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const totalMs = (profile.endTime - profile.startTime) / 1000;
const shortUrl = (url: string) => url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "~/").replace(/^.*?\/(src|bench|bin)\//, "$1/");

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [node, ms] of selfMs) {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
  const key = `${functionName || "(anonymous)"} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  const fileKey = url ? shortUrl(url).replace(/^(~\/(@[^/]+\/)?[^/]+).*/, "$1") : `(${functionName})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + ms);
}
// Inclusive time of the project's own functions (src/, or the bundled CLI made from it): which
// resolver, service or loop the time went to.
const inclusive = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
    if (!/\/src\/|\/build\/cli\//.test(url)) continue;
    const key = `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
});
const busyMs = [...byFunction].filter(([k]) => !NOT_CPU.has(k.split(" ")[0])).reduce((a, [, v]) => a + v, 0);
// "Busy" is sampled time with JavaScript or native code on the stack; on a shared machine part of it
// was spent waiting for a core, so read the shares, and take CPU time itself from /proc.
console.log(`${file}: ${totalMs.toFixed(0)} ms profiled, ${busyMs.toFixed(0)} ms busy`);
const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...entries].filter(([k]) => !NOT_CPU.has(k.split(" ")[0])).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / busyMs).toFixed(1).padStart(5)}%  ${name}`);
  }
};
print("Self time by function", byFunction);
print("Self time by package / file", byFile);
print("Inclusive time of the project's functions", inclusive);
