import { type KeyboardEvent, type ReactNode, useId, useRef } from "react";
import { cn } from "../../lib/cn.ts";

/**
 * Tabs whose selection lives in the URL: the caller maps a selection to a search-param change and
 * passes the selected view as children, shown in the tab panel. The WAI-ARIA tabs pattern: one tab
 * stop (the selected tab), arrow keys and Home/End move and select, each tab controls the panel.
 */
export function Tabs<T extends string>({ tabs, value, onChange, label, children }: { tabs: readonly { id: T; label: string }[]; value: T; onChange: (id: T) => void; label: string; children: ReactNode }) {
  const base = useId();
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (id: T) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === value);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    refs.current.get(next.id)?.focus();
    onChange(next.id);
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="flex gap-1 overflow-x-auto border-b" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={t.id === value}
            aria-controls={t.id === value ? panelId : undefined}
            tabIndex={t.id === value ? 0 : -1}
            onClick={() => onChange(t.id)}
            className={cn("-mb-px border-b-2 px-3 py-2 text-sm", t.id === value ? "border-primary font-medium" : "border-transparent text-muted-foreground hover:text-foreground")}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the WAI-ARIA tabs pattern makes a panel focusable, so a panel without focusable content is reachable from its tab. */}
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(value)} tabIndex={0} className="flex flex-col gap-4 focus-visible:outline-offset-4">
        {children}
      </div>
    </>
  );
}
