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

/**
 * The list tables of every view (runs, tasks, task runs, projects, agents): one heading row in muted
 * small text, then a bordered row per item. Cells are given by columns, so a view states only what differs.
 */
export function DataTable<Row>({ columns, rows, rowKey, label }: { columns: readonly Column<Row>[]; rows: readonly Row[]; rowKey: (row: Row) => string; label?: string }) {
  return (
    <table aria-label={label} className="w-full text-sm">
      <thead className="text-left text-xs text-muted-foreground">
        <tr>
          {columns.map((c) => (
            <th key={c.header} className="py-1 font-normal">
              {c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-t">
            {columns.map((c) => (
              <td key={c.header} className={cn("py-1.5", c.className)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
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
