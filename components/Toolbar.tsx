// The listing toolbar: what is on this page, filters, mark-all with undo, and the keyboard help.

import { TRIAGE_KEYS } from '../lib/content/keyboard';
import type { TagInfo } from '../lib/types';

export interface ToolbarProps {
  counts: { onPage: number; read: number; inLibrary: number; shown: number };
  tags: TagInfo[];
  hideRead: boolean;
  unreadOnly: boolean;
  tagFilter: string;
  undoLabel?: string;
  error?: string;
  helpOpen: boolean;
  collapsed: boolean;
  onHideRead(hide: boolean): void;
  onUnreadOnly(only: boolean): void;
  onTagFilter(tag: string): void;
  onMarkAllRead(): void;
  onUndo(): void;
  onDismissError(): void;
  onToggleHelp(): void;
  onCollapse(collapsed: boolean): void;
}

export function Toolbar(p: ToolbarProps) {
  // A failed write is shown even with the toolbar collapsed: the card it concerns has been rolled back.
  const error = p.error && (
    <p class="error" role="alert">
      {p.error}{' '}
      <button type="button" onClick={p.onDismissError}>
        Dismiss
      </button>
    </p>
  );
  if (p.collapsed) {
    return (
      <div class="bar collapsed" role="region" aria-label="Margins">
        <button type="button" aria-label="Show Margins toolbar" onClick={() => p.onCollapse(false)}>
          Margins · {p.counts.read}/{p.counts.onPage} read
        </button>
        {error}
      </div>
    );
  }
  return (
    <div class="bar" role="region" aria-label="Margins">
      <div class="counts" aria-live="polite">
        <strong>{p.counts.onPage}</strong> papers · <strong>{p.counts.read}</strong> read ·{' '}
        <strong>{p.counts.inLibrary}</strong> in library
        {p.counts.shown !== p.counts.onPage && <> · {p.counts.shown} shown</>}
      </div>
      <div class="controls">
        <label>
          <input
            type="checkbox"
            checked={p.hideRead}
            onChange={(e) => p.onHideRead(e.currentTarget.checked)}
          />
          Hide read papers
        </label>
        <label>
          <input
            type="checkbox"
            checked={p.unreadOnly}
            onChange={(e) => p.onUnreadOnly(e.currentTarget.checked)}
          />
          Unread only
        </label>
        <label>
          <span class="sr-only">Filter by tag</span>
          <select
            aria-label="Filter by tag"
            value={p.tagFilter}
            onChange={(e) => p.onTagFilter(e.currentTarget.value)}
          >
            <option value="">All tags</option>
            {p.tags.map((t) => (
              <option key={t.key} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={(e) => e.isTrusted && p.onMarkAllRead()}>
          Mark all on this page as read
        </button>
        {p.undoLabel && (
          <span class="undo" role="status">
            {p.undoLabel}{' '}
            <button type="button" onClick={(e) => e.isTrusted && p.onUndo()}>
              Undo
            </button>
          </span>
        )}
        <button
          type="button"
          aria-label="Keyboard shortcuts"
          aria-expanded={p.helpOpen}
          onClick={p.onToggleHelp}
        >
          ?
        </button>
        <button type="button" aria-label="Hide Margins toolbar" onClick={() => p.onCollapse(true)}>
          –
        </button>
      </div>
      {error}
      {p.helpOpen && <KeyHelp />}
    </div>
  );
}

export function KeyHelp() {
  return (
    <div class="help" role="dialog" aria-label="Margins keyboard shortcuts">
      <KeyTable />
    </div>
  );
}

/** The triage keys and what they do (the toolbar's help and the library page's settings). */
export function KeyTable({ class: className }: { class?: string }) {
  return (
    <table class={className}>
      <tbody>
        {TRIAGE_KEYS.map(([key, action]) => (
          <tr key={key}>
            <td>
              <kbd>{key}</kbd>
            </td>
            <td>{action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const TOOLBAR_CSS = `
:host { all: initial; position: fixed; z-index: 2147483000; right: 16px; bottom: 16px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
:host([data-theme="dark"]) .bar { background: #111827; color: #e5e7eb; border-color: #374151; }
:host([data-theme="dark"]) button, :host([data-theme="dark"]) select { background: #1f2937; color: #e5e7eb; border-color: #4b5563; }
.bar { background: #fff; border: 1px solid #d1d5db; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  padding: 8px 10px; max-width: 560px; display: grid; gap: 6px; }
.bar.collapsed { padding: 4px; }
.controls { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
button, select { font: inherit; color: inherit; background: #fff; border: 1px solid #d1d5db; border-radius: 6px;
  padding: 2px 8px; cursor: pointer; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.undo { display: inline-flex; gap: 4px; align-items: center; color: #059669; }
.error { margin: 0; color: #b91c1c; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.help table { border-collapse: collapse; }
.help td { padding: 1px 8px 1px 0; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid #9ca3af; border-radius: 4px; padding: 0 5px; }
`;
