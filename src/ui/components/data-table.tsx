import type { ReactNode } from "react";
import { Link } from "react-router";
import { cn } from "../lib/cn.ts";
import { Button } from "./ui/button.tsx";

export interface Column<Row> {
  /** The column's heading; with `hideHeader` it is read by screen readers only (e.g. "Actions"). */
  header: string;
  hideHeader?: boolean;
  cell: (row: Row) => ReactNode;
  className?: string;
}

/** Row selection for bulk actions: a checkbox per row and one in the heading for the whole page. */
export interface RowSelection<Row> {
  isSelected: (key: string) => boolean;
  toggle: (key: string, selected: boolean) => void;
  togglePage: (selected: boolean) => void;
  /** Names the row in its checkbox's label: `Select <name>`. */
  rowLabel: (row: Row) => string;
}

/**
 * The list tables of every view (runs, tasks, task runs, projects, agents): one heading row in muted
 * small text, then a bordered row per item, compact so a screen holds many. Cells are given by
 * columns, so a view states only what differs; with `selection`, rows can be picked for bulk actions.
 */
export function DataTable<Row>({ columns, rows, rowKey, label, selection }: { columns: readonly Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string; label?: string; selection?: RowSelection<Row> }) {
  const picked = selection ? rows.filter((r) => selection.isSelected(rowKey(r))).length : 0;
  return (
    <table aria-label={label} className="w-full text-sm">
      <thead className="text-left text-xs text-muted-foreground">
        <tr>
          {selection ? (
            <th className="w-8 py-1 font-normal">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={rows.length > 0 && picked === rows.length}
                ref={(el) => {
                  if (el) el.indeterminate = picked > 0 && picked < rows.length;
                }}
                onChange={(e) => selection.togglePage(e.target.checked)}
                className="size-4 align-middle accent-primary"
              />
            </th>
          ) : null}
          {columns.map((c) => (
            <th key={c.header} className="py-1 pr-3 font-normal">
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <tr key={key} className="border-t">
              {selection ? (
                <td className="py-1">
                  <input
                    type="checkbox"
                    aria-label={`Select ${selection.rowLabel(row)}`}
                    checked={selection.isSelected(key)}
                    onChange={(e) => selection.toggle(key, e.target.checked)}
                    className="size-4 align-middle accent-primary"
                  />
                </td>
              ) : null}
              {columns.map((c) => (
                <td key={c.header} className={cn("py-1 pr-3", c.className)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Previous / "Page n of m" / Next under a paged table; `label` names the navigation landmark. */
export function Pager({ label, page, pages, onPage }: { label: string; page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <nav aria-label={label} className="flex items-center gap-2 text-sm">
      <Button size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span>
        Page {page} of {pages}
      </span>
      <Button size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </nav>
  );
}

/** How many pages `total` rows fill at `pageSize` a page; never fewer than one, so "Page 1 of 1" reads right. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A link to a flow run, named by the run's name (its id when it has none). */
export function RunLink({ id, name, className }: { id: string; name: string | null | undefined; className?: string }) {
  return (
    <Link to={`/flow-run/${id}`} className={cn("text-primary hover:underline", className)}>
      {name ?? id}
    </Link>
  );
}
