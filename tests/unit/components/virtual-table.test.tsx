// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualTable } from '../../../components/library/VirtualTable';

const ROW_HEIGHT = 40;
const items = Array.from({ length: 1_000 }, (_, i) => ({ id: `paper-${i}`, title: `Paper ${i}` }));

beforeAll(() => {
  // jsdom has no layout: a view 400 px tall, and no resize events.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  globalThis.ResizeObserver ??= class {
    observe() {}
    disconnect() {}
    unobserve() {}
  };
});

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
});

function mount(): { rendered: string[] } {
  host = document.createElement('div');
  document.body.append(host);
  const rendered: string[] = [];
  act(() =>
    render(
      <VirtualTable
        items={items}
        rowHeight={ROW_HEIGHT}
        label="Papers"
        columns="1fr"
        head={<div role="columnheader">Title</div>}
        rowProps={(item) => ({ key: item.id, 'data-paper-id': item.id })}
        cells={(item) => {
          rendered.push(item.id);
          return <div role="cell">{item.title}</div>;
        }}
      />,
      host!,
    ),
  );
  return { rendered };
}

const rowIds = () =>
  [...host!.querySelectorAll('[data-paper-id]')].map((r) => r.getAttribute('data-paper-id'));

describe('VirtualTable', () => {
  it('a scroll renders only the rows coming into view; rows still in view keep their elements', () => {
    const { rendered } = mount();
    const before = rowIds();
    expect(before[0]).toBe('paper-0');
    expect(before.length).toBeLessThan(40);
    const kept = host!.querySelector('[data-paper-id="paper-20"]');
    expect(kept).not.toBeNull();

    rendered.length = 0;
    const scroller = host!.querySelector<HTMLElement>('.virtual-scroller')!;
    act(() => {
      // jsdom does not scroll: the position the browser would report.
      Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 30 * ROW_HEIGHT });
      scroller.dispatchEvent(new Event('scroll'));
    });

    const after = rowIds();
    expect(after).toContain('paper-35');
    expect(after).not.toContain('paper-0');
    const entered = after.filter((id) => !before.includes(id));
    expect(entered.length).toBeGreaterThan(0);
    expect(rendered.sort()).toEqual(entered.sort());
    expect(host!.querySelector('[data-paper-id="paper-20"]')).toBe(kept);
  });
});
