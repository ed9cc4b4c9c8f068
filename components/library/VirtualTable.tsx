// A table that renders only the rows in view (plus a few either side), so 10k+ rows scroll as smoothly as 50.
// Rows have one fixed height; spacer rows above and below stand in for the rest and keep the scrollbar true.

import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualTableProps<T> {
  items: readonly T[];
  rowHeight: number;
  label: string;
  /** The header row's cells (`<th>`s). */
  head: ComponentChildren;
  columns: number;
  row: (item: T, index: number) => ComponentChildren;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  /** Bump to scroll back to the top (a new search or sort). */
  resetKey?: unknown;
}

/** The rows to render for a scroll position: [first, end). */
export function visibleRange(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return [first, Math.max(first, end)];
}

export function VirtualTable<T>({
  items,
  rowHeight,
  label,
  head,
  columns,
  row,
  overscan = 8,
  resetKey,
}: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setView((v) => ({ ...v, top: 0 }));
  }, [resetKey]);

  const [first, end] = visibleRange(view.top, view.height, rowHeight, items.length, overscan);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < end; i++) rows.push(row(items[i]!, i));

  return (
    <div
      ref={scroller}
      class="virtual-scroller"
      tabIndex={0}
      role="region"
      aria-label={`${label}, scrollable`}
      onScroll={(e) => {
        const el = e.currentTarget;
        setView({ top: el.scrollTop, height: el.clientHeight });
      }}
    >
      <table class="virtual-table" aria-label={label} aria-rowcount={items.length + 1}>
        <thead>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {first > 0 && (
            <tr class="spacer" aria-hidden="true" style={{ height: `${first * rowHeight}px` }}>
              <td colSpan={columns} />
            </tr>
          )}
          {rows}
          {end < items.length && (
            <tr class="spacer" aria-hidden="true" style={{ height: `${(items.length - end) * rowHeight}px` }}>
              <td colSpan={columns} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
