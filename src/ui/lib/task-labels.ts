export interface NamedTask {
  id: string;
  name?: string | null;
  slug?: string | null;
}

// Made on first use: building one loads collation data, and this module loads with every view.
let collator: Intl.Collator | undefined;
const bySlug = () => (collator ??= new Intl.Collator("en", { numeric: true }));

/**
 * A label per task that tells repeated names apart: a unique name stays as it is; tasks that share a
 * name become `transform (1)`, `transform (2)`… numbered in slug order (`transform-1`, `transform-2`),
 * so every view of one flow numbers them alike.
 */
export function taskLabels(tasks: readonly NamedTask[]): Map<string, string> {
  const groups = new Map<string, NamedTask[]>();
  for (const t of tasks) {
    const name = t.name || t.slug || t.id;
    const group = groups.get(name);
    if (group) group.push(t);
    else groups.set(name, [t]);
  }
  const labels = new Map<string, string>();
  for (const [name, group] of groups) {
    if (group.length === 1) {
      labels.set(group[0].id, name);
      continue;
    }
    const ordered = [...group].sort((a, b) => bySlug().compare(a.slug ?? a.id, b.slug ?? b.id));
    ordered.forEach((t, i) => labels.set(t.id, `${name} (${i + 1})`));
  }
  return labels;
}
