import { describe, expect, it } from 'vitest';
import { PageStore } from '../../lib/content/store';
import type { Request } from '../../lib/messages';
import type { PaperRecord } from '../../lib/types';

const base: PaperRecord = {
  id: 'arxiv:2307.14549',
  title: 'A paper',
  authors: ['A. Author'],
  seen: [],
  status: 'unread',
  tags: [],
  note: '',
  inLibrary: 0,
  createdAt: 1,
  updatedAt: 1,
};

/** A background whose answers the test releases by hand, in any order. */
function controlledBackground() {
  const calls: { message: Request; answer: (value: unknown) => void; fail: (e: Error) => void }[] = [];
  const send = <T>(message: Request) =>
    new Promise<T>((resolve, reject) =>
      calls.push({ message, answer: (v) => resolve(v as T), fail: reject }),
    );
  return { calls, send };
}

describe('PageStore', () => {
  it('shows an edit at once and keeps it when an older answer arrives late', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const first = store.seen([{ id: base.id, title: base.title }], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([base]);
    await first;
    // The page navigates (a re-scan is sent), then the user clicks before its answer is back.
    const rescan = store.seen([{ id: base.id }], 'https://arxiv.org/list/cs.LG/new?skip=0');
    const edit = store.setStatus([base.id], 'read');
    expect(store.get(base.id)?.status).toBe('read');
    expect(bg.calls[2]!.message).toMatchObject({ type: 'setStatus', metas: [{ id: base.id }] });
    bg.calls[1]!.answer([base]); // state from before the click
    await rescan;
    expect(store.get(base.id)?.status).toBe('read');
    bg.calls[2]!.answer([{ ...base, status: 'read', inLibrary: 1, updatedAt: 2 }]);
    await edit;
    expect(store.get(base.id)).toMatchObject({ status: 'read', inLibrary: 1 });
  });

  it('a late broadcast of an earlier state does not undo a pending edit', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const seen = store.seen([{ id: base.id }], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([base]);
    await seen;
    const edit = store.setStatus([base.id], 'read');
    expect(store.get(base.id)?.status).toBe('read');
    store.applyBroadcast({ type: 'changed', records: [{ ...base, tags: ['from another tab'] }] });
    expect(store.get(base.id)?.status).toBe('read');
    bg.calls[1]!.answer([{ ...base, status: 'read', tags: ['from another tab'], updatedAt: 3 }]);
    await edit;
    expect(store.get(base.id)).toMatchObject({ status: 'read', tags: ['from another tab'] });
  });

  it('a broadcast older than the record shown is ignored, even with no edit pending', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const seen = store.seen([{ id: base.id }], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([{ ...base, status: 'read', updatedAt: 10 }]);
    await seen;
    store.applyBroadcast({
      type: 'changed',
      records: [{ ...base, status: 'unread', tags: ['x'], updatedAt: 9 }],
    });
    expect(store.get(base.id)).toMatchObject({ status: 'read', tags: [] });
    store.applyBroadcast({
      type: 'changed',
      records: [{ ...base, status: 'read', tags: ['x'], updatedAt: 11 }],
    });
    expect(store.get(base.id)?.tags).toEqual(['x']);
  });

  it('an edit answered "nothing changed" (a retried request already written) ends with the stored state', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    store.track([{ id: base.id, meta: { id: base.id, title: base.title } }]);
    // A paper new to the library: the click is its first record on this page.
    const edit = store.setStatus([base.id], 'read');
    expect(store.get(base.id)?.status).toBe('read');
    // The stopped worker had written the first attempt; the retry finds nothing to change.
    bg.calls[0]!.answer([]);
    await edit;
    expect(bg.calls[1]?.message).toEqual({ type: 'get', ids: [base.id] });
    // The answer to a `seen` sent before the click arrives now, then the stored record.
    store.applyBroadcast({ type: 'changed', records: [{ ...base, updatedAt: 4 }] });
    bg.calls[1]!.answer([{ ...base, status: 'read', inLibrary: 1, updatedAt: 5 }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.get(base.id)).toMatchObject({ status: 'read', inLibrary: 1 });
    // And an older record after it changes nothing.
    store.applyBroadcast({ type: 'changed', records: [{ ...base, updatedAt: 4 }] });
    expect(store.get(base.id)).toMatchObject({ status: 'read', inLibrary: 1 });
  });

  it('rolls back a failed edit and says why', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const seen = store.seen([{ id: base.id }], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([base]);
    await seen;
    const edit = store.addTag(base.id, 'later');
    expect(store.get(base.id)?.tags).toEqual(['later']);
    bg.calls[1]!.fail(new Error('The quota has been exceeded.'));
    await edit;
    expect(store.get(base.id)?.tags).toEqual([]);
    expect(store.error).toBe('Not saved: The quota has been exceeded.');
  });

  it('keeps saying "Not saved" through edits of other papers, until the user dismisses it', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const other = { ...base, id: '2401.00002' };
    const seen = store.seen([{ id: base.id }, { id: other.id }], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([base, other]);
    await seen;
    const failing = store.setStatus([base.id], 'read');
    const next = store.setStatus([other.id], 'read');
    bg.calls[1]!.fail(new Error('The quota has been exceeded.'));
    await failing;
    bg.calls[2]!.answer([{ ...other, status: 'read', inLibrary: 1, updatedAt: 9 }]);
    await next;
    expect(store.error).toBe('Not saved: The quota has been exceeded.');
    store.dismissError();
    expect(store.error).toBeUndefined();
  });

  it('an edit made before the page has its records shows at once and carries what the page says', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    store.track([{ id: base.id, meta: { id: base.id, title: 'From the page' } }]);
    const edit = store.setStatus([base.id], 'read');
    expect(store.get(base.id)).toMatchObject({ status: 'read', inLibrary: 1, title: 'From the page' });
    expect(bg.calls[0]!.message).toMatchObject({
      type: 'setStatus',
      metas: [{ id: base.id, title: 'From the page' }],
    });
    bg.calls[0]!.fail(new Error('background restarting'));
    await edit;
    expect(store.get(base.id)).toBeUndefined();
    expect(store.error).toMatch(/Not saved/);
  });

  it('"mark all read" covers papers whose records have not arrived yet, and its undo restores them', async () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const other = { ...base, id: 'arxiv:2401.00001', title: 'Another' };
    store.track([base, other].map((r) => ({ id: r.id, meta: { id: r.id, title: r.title } })));
    const seen = store.seen([base], 'https://arxiv.org/list/cs.LG/new');
    bg.calls[0]!.answer([base]);
    await seen;
    const marking = store.markAllRead([base.id, other.id]);
    expect(bg.calls[1]!.message).toMatchObject({
      type: 'setStatus',
      ids: [base.id, other.id],
      status: 'read',
    });
    expect(store.get(other.id)?.status).toBe('read');
    bg.calls[1]!.answer([
      { ...base, status: 'read', inLibrary: 1, updatedAt: 5 },
      { ...other, status: 'read', inLibrary: 1, updatedAt: 5 },
    ]);
    await marking;
    expect(store.undo?.label).toBe('Marked 2 read');
    const undoing = store.undo!.undo();
    const restored = (bg.calls[2]!.message as { records: PaperRecord[] }).records;
    expect(restored.map((r) => [r.id, r.status, r.inLibrary])).toEqual([
      [base.id, 'unread', 0],
      [other.id, 'unread', 0],
    ]);
    expect(restored[1]!.title).toBe('Another');
    bg.calls[2]!.answer(restored);
    await undoing;
  });

  it('asks the code API only for papers whose page shows no code link, even before `seen` is sent', () => {
    const bg = controlledBackground();
    const store = new PageStore(bg.send, 'arxiv');
    const code = { url: 'https://github.com/a/b', source: 'page' as const, at: 1 };
    store.track([
      { id: 'arxiv:2607.00001', meta: { id: 'arxiv:2607.00001', code } },
      { id: 'arxiv:2607.00002', meta: { id: 'arxiv:2607.00002' } },
    ]);
    store.lookupCode(['arxiv:2607.00001', 'arxiv:2607.00002']);
    expect(bg.calls.map((c) => c.message)).toEqual([{ type: 'lookupCode', ids: ['arxiv:2607.00002'] }]);
    store.lookupCode(['arxiv:2607.00001']);
    expect(bg.calls).toHaveLength(1);
  });
});
