import type { FocusEvent, KeyboardEvent, MouseEvent } from "react";
import type { PlacedNode } from "../lib/layout-graph.ts";
import { formatCount } from "../lib/format.ts";
import { CHILD_BUCKETS, type ChildCounts, describeCounts, finishedChildren, groupState } from "../lib/mapped-counts.ts";
import { stateColor } from "../lib/states.ts";

/** What the live data adds to a drawn task: its state, where it opens, and a mapped task's children. */
export interface NodeDecoration {
  state?: string | null;
  href?: string;
  group?: ChildCounts;
}

export const GROUP_W = 220;
export const GROUP_H = 72;


const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The accessible name and tooltip: label, state or children's counts. */
export function nodeName(label: string, deco: NodeDecoration | undefined): string {
  if (deco?.group?.total === 0) return `${label}, mapped: no children yet`;
  if (deco?.group) return `${label}, mapped: ${formatCount(finishedChildren(deco.group))} of ${formatCount(deco.group.total)} children finished (${describeCounts(deco.group)})`;
  return deco?.state ? `${label}: ${deco.state}` : label;
}

interface Props {
  node: PlacedNode;
  deco: NodeDecoration | undefined;
  /** Whether live states colour the border (the run page) or not (the flow page). */
  coloured: boolean;
  tabbable: boolean;
  onOpen: (href: string, e: MouseEvent | KeyboardEvent) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onFocus: (e: FocusEvent) => void;
}

/** One task box; a link when it has a task run to open (click, or Enter when focused; the app's focus ring shows). */
export function SchematicNode({ node, deco, coloured, tabbable, onOpen, onKeyDown, onFocus }: Props) {
  const state = deco?.group ? groupState(deco.group) : deco?.state;
  const name = nodeName(node.label, deco);
  const body = (
    <>
      <title>{name}</title>
      <rect width={node.width} height={node.height} rx={6} fill="var(--card)" stroke={coloured ? stateColor(state) : "var(--border)"} strokeWidth={coloured ? 3 : 1} />
      {deco?.group ? <GroupBody label={node.label} width={node.width} counts={deco.group} /> : <PlainBody label={node.label} height={node.height} />}
    </>
  );
  const transform = `translate(${node.x - node.width / 2},${node.y - node.height / 2})`;
  const href = deco?.href;
  if (!href) return <g transform={transform}>{body}</g>;
  return (
    <a
      href={href}
      data-node-id={node.id}
      aria-label={name}
      tabIndex={tabbable ? 0 : -1}
      className="cursor-pointer"
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(href, e);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          onOpen(href, e);
        } else onKeyDown(e);
      }}
      onFocus={onFocus}
    >
      <g transform={transform}>{body}</g>
    </a>
  );
}

function PlainBody({ label, height }: { label: string; height: number }) {
  return (
    <text x={10} y={height / 2 + 4} fontSize={12} fill="var(--fg)">
      {clip(label, 20)}
    </text>
  );
}

/** A mapped task: its label and child count, a count per bucket, and a bar that fills as children finish. */
function GroupBody({ label, width, counts }: { label: string; width: number; counts: ChildCounts }) {
  const barWidth = width - 20;
  let offset = 0;
  let countX = 10;
  return (
    <>
      <text x={10} y={20} fontSize={12} fontWeight={600} fill="var(--fg)">
        {clip(label, 20)}
      </text>
      <text x={width - 10} y={20} fontSize={11} textAnchor="end" fill="var(--muted-fg)">
        {`×${formatCount(counts.total)}`}
      </text>
      {CHILD_BUCKETS.filter((b) => counts[b] > 0).map((b) => {
        const x = countX;
        const text = formatCount(counts[b]);
        countX += 18 + text.length * 7;
        return (
          <g key={b} transform={`translate(${x},40)`}>
            <circle cx={4} cy={-4} r={4} fill={stateColor(b)} />
            <text x={11} y={0} fontSize={11} fill="var(--fg)">
              {text}
            </text>
          </g>
        );
      })}
      <g transform="translate(10,54)">
        <rect width={barWidth} height={8} rx={4} fill="var(--muted)" />
        {CHILD_BUCKETS.filter((b) => b !== "Pending" && b !== "Running" && counts[b] > 0).map((b) => {
          const w = counts.total ? (counts[b] / counts.total) * barWidth : 0;
          const x = offset;
          offset += w;
          return <rect key={b} x={x} width={w} height={8} fill={stateColor(b)} />;
        })}
      </g>
    </>
  );
}
