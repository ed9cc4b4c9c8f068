// A table that renders only the rows in view (plus a few either side), so 10k+ rows scroll as smoothly as 50.
// Rows have one fixed height and are absolutely positioned in a body as tall as all rows together; each row is
// its own layout and paint container, so rows entering and leaving never re-lay out the others (as a real
// <table> would). ARIA table roles keep it a table for assistive technology.

import { Component, type ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualTableProps<T> {
  items: readonly T[];
  rowHeight: number;
  label: string;
  /** CSS grid-template-columns shared by the header and every row. */
  columns: string;
  /** The header's cells (elements with role="columnheader"). */
  head: ComponentChildren;
  /** One row's cells (elements with role="cell"); `VirtualTable` supplies the row element. */
  cells: (item: T, index: number) => ComponentChildren;
  rowProps?: (item: T, index: number) => { key: string; class?: string; [data: `data-${string}`]: string };
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
  /** Change to scroll back to the top (a new search or sort). */
  resetKey?: unknown;
}

/** The rows to render for a scroll position: [first, end). Snapped to blocks of `overscan` rows, so a
 *  scroll changes the DOM only every few frames rather than on every one. */
export function visibleRange(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): [number, number] {
  const block = Math.max(1, overscan);
  const top = Math.floor(scrollTop / rowHeight);
  const bottom = Math.ceil((scrollTop + viewHeight) / rowHeight);
  const first = Math.max(0, (Math.floor(top / block) - 1) * block);
  const end = Math.min(count, (Math.ceil(bottom / block) + 1) * block);
  return [first, Math.max(first, end)];
}

interface RowProps<T> {
  item: T;
  index: number;
  rowHeight: number;
  columns: string;
  cells: (item: T, index: number) => ComponentChildren;
  class?: string;
  [data: `data-${string}`]: string;
}

/** One row; skipped when none of its props changed, so a scroll renders only the rows coming into view. */
class Row<T> extends Component<RowProps<T>> {
  override shouldComponentUpdate(next: RowProps<T>): boolean {
    const keys = Object.keys(next) as (keyof RowProps<T>)[];
    return (
      keys.length !== Object.keys(this.props).length || keys.some((key) => next[key] !== this.props[key])
    );
  }

  override render() {
    const { item, index, rowHeight, columns, cells, class: className, ...data } = this.props;
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        class={`vt-row${className ? ` ${className}` : ''}`}
        style={{
          transform: `translateY(${index * rowHeight}px)`,
          height: `${rowHeight}px`,
          gridTemplateColumns: columns,
        }}
        {...data}
      >
        {cells(item, index)}
      </div>
    );
  }
}

export function VirtualTable<T>({
  items,
  rowHeight,
  label,
  columns,
  head,
  cells,
  rowProps,
  overscan = 8,
  resetKey,
}: VirtualTableProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const [first, end] = visibleRange(view.top, view.height, rowHeight, items.length, overscan);

  const follow = () => {
    const el = scroller.current;
    if (!el) return;
    const next = { top: el.scrollTop, height: el.clientHeight };
    const [nextFirst, nextEnd] = visibleRange(next.top, next.height, rowHeight, items.length, overscan);
    // Most scroll events leave the same rows in view: no render at all then.
    if (nextFirst !== first || nextEnd !== end || next.height !== view.height) setView(next);
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setView((v) => ({ ...v, top: 0 }));
  }, [resetKey]);

  const rows: ComponentChildren[] = [];
  for (let i = first; i < end; i++) {
    const item = items[i]!;
    const { key, ...props } = rowProps?.(item, i) ?? { key: String(i) };
    rows.push(
      <Row
        key={key}
        item={item}
        index={i}
        rowHeight={rowHeight}
        columns={columns}
        cells={cells}
        {...props}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      class="virtual-scroller"
      tabIndex={0}
      role="region"
      aria-label={`${label}, scrollable`}
      onScroll={follow}
    >
      <div class="vt" role="table" aria-label={label} aria-rowcount={items.length + 1}>
        <div role="rowgroup" class="vt-head">
          <div role="row" aria-rowindex={1} class="vt-row" style={{ gridTemplateColumns: columns }}>
            {head}
          </div>
        </div>
        <div role="rowgroup" class="vt-body" style={{ height: `${items.length * rowHeight}px` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
