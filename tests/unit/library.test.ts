import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarginsDB } from '../../lib/db';
import * as library from '../../lib/library';
import type { PaperMeta } from '../../lib/types';

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const attention: PaperMeta = {
  id: 'arxiv:1706.03762',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer'],
  authorsTruncated: true,
};
const where = { site: 'huggingface' as const, url: 'https://huggingface.co/papers/date/2026-07-31' };

describe('recordSeen', () => {
  it('stores papers seen on a page, outside the library, and returns them in order', async () => {
    const other = { id: 'arxiv:2307.14549', title: 'Other' };
    const records = await library.recordSeen(db, [attention, other], where, 1000);
    expect(records.map((r) => r.id)).toEqual(['arxiv:1706.03762', 'arxiv:2307.14549']);
    const stored = await db.papers.get('arxiv:1706.03762');
    expect(stored).toMatchObject({
      title: 'Attention Is All You Need',
      status: 'unread',
      inLibrary: 0,
      tags: [],
    });
    expect(stored?.seen).toEqual([{ ...where, at: 1000 }]);
  });

  it('keeps one record per paper across sites and fills gaps without touching annotations', async () => {
    await library.recordSeen(db, [attention], where, 1000);
    await library.setStatus(db, [attention.id], 'read');
    const full = {
      id: attention.id,
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      abstract: 'The dominant…',
    };
    await library.recordSeen(db, [full], { site: 'arxiv', url: 'https://arxiv.org/list/cs.CL/new' }, 2000);
    const stored = await db.papers.get(attention.id);
    expect(await db.papers.count()).toBe(1);
    expect(stored?.status).toBe('read');
    expect(stored?.authors).toHaveLength(3);
    expect(stored?.authorsTruncated).toBeUndefined();
    expect(stored?.abstract).toBe('The dominant…');
    expect(stored?.seen.map((s) => s.site)).toEqual(['arxiv', 'huggingface']);
  });

  it('does not rewrite a record when the same page is seen again unchanged', async () => {
    await library.recordSeen(db, [attention], where, 1000);
    const first = await db.papers.get(attention.id);
    await library.recordSeen(db, [attention], where, 5000);
    expect((await db.papers.get(attention.id))?.updatedAt).toBe(first?.updatedAt);
  });
});

describe('annotations', () => {
  it('marking read saves the paper to the library and is idempotent', async () => {
    const [first] = await library.setStatus(db, [attention.id], 'read', [attention]);
    expect(first).toMatchObject({ status: 'read', inLibrary: 1 });
    const again = await library.setStatus(db, [attention.id], 'read');
    expect(again).toEqual([]);
    const stored = await db.papers.get(attention.id);
    expect(stored?.status).toBe('read');
    expect(stored?.readAt).toBe(first?.readAt);
  });

  it('tagging twice keeps one tag, whatever the case and spacing', async () => {
    await library.addTag(db, [attention.id], 'Transformers', [attention]);
    await library.addTag(db, [attention.id], '  transformers ');
    const stored = await db.papers.get(attention.id);
    expect(stored?.tags).toEqual(['Transformers']);
    expect(await db.tags.toArray()).toEqual([
      expect.objectContaining({ key: 'transformers', name: 'Transformers' }),
    ]);
  });

  it('a tag typed in another case on another paper reuses the first spelling', async () => {
    await library.addTag(db, ['arxiv:1706.03762'], 'Deep RL', [attention]);
    await library.addTag(db, ['arxiv:2307.14549'], 'deep rl', [{ id: 'arxiv:2307.14549', title: 'X' }]);
    expect((await db.papers.get('arxiv:2307.14549'))?.tags).toEqual(['Deep RL']);
  });

  it('rejects a tag with nothing visible in it', async () => {
    await expect(library.addTag(db, [attention.id], ' \n\t ', [attention])).rejects.toThrow(/visible/);
    expect(await db.papers.count()).toBe(0);
  });

  it('keeps both tags when two writers add different tags to one paper at once', async () => {
    await library.recordSeen(db, [attention], where);
    const names = Array.from({ length: 20 }, (_, i) => `tag-${i}`);
    await Promise.all(names.map((n) => library.addTag(db, [attention.id], n)));
    expect((await db.papers.get(attention.id))?.tags.sort()).toEqual([...names].sort());
  });

  it('applies edits in the order they arrive: a tag removed right after it was added stays removed', async () => {
    await library.recordSeen(db, [attention], where);
    // Not awaited in between: the background starts each request as its message arrives.
    await Promise.all([
      library.addTag(db, [attention.id], 'quick'),
      library.removeTag(db, [attention.id], 'quick'),
    ]);
    expect((await db.papers.get(attention.id))?.tags).toEqual([]);
  });

  it('removes a tag case-insensitively', async () => {
    await library.addTag(db, [attention.id], 'NLP', [attention]);
    await library.removeTag(db, [attention.id], 'nlp');
    expect((await db.papers.get(attention.id))?.tags).toEqual([]);
  });

  it('saves a note, limited in length', async () => {
    await library.setNote(db, attention.id, 'x'.repeat(20_000), [attention]);
    const stored = await db.papers.get(attention.id);
    expect(stored?.note).toHaveLength(library.NOTE_MAX_LENGTH);
    expect(stored?.inLibrary).toBe(1);
  });

  it('removing from the library forgets annotations, and restore brings them back exactly', async () => {
    await library.addTag(db, [attention.id], 'keep', [attention]);
    await library.setNote(db, attention.id, 'important');
    const before = (await db.papers.get(attention.id))!;
    const [removed] = await library.setInLibrary(db, [attention.id], false);
    expect(removed).toMatchObject({ inLibrary: 0, tags: [], note: '', status: 'unread' });
    await library.restore(db, [before]);
    const back = await db.papers.get(attention.id);
    expect({ ...back, updatedAt: 0 }).toEqual({ ...before, updatedAt: 0 });
  });

  it('a hand-set code link outranks page links, and a cleared one stays cleared', async () => {
    await library.recordSeen(db, [attention], where);
    const user = { url: 'https://github.com/me/fork', source: 'user' as const, at: 1 };
    await library.setCode(db, attention.id, user);
    const pageCode = { url: 'https://github.com/tensorflow/tensor2tensor', source: 'page' as const, at: 2 };
    await library.recordSeen(db, [{ ...attention, code: pageCode }], where);
    expect((await db.papers.get(attention.id))?.code?.url).toBe('https://github.com/me/fork');
    await library.setCode(db, attention.id, null);
    await library.recordSeen(db, [{ ...attention, code: pageCode }], where);
    expect((await db.papers.get(attention.id))?.code).toBeUndefined();
  });
});

describe('tags', () => {
  it('renames a tag on every paper and merges when the new name exists', async () => {
    const b = { id: 'arxiv:2307.14549', title: 'B' };
    await library.addTag(db, [attention.id], 'llm', [attention]);
    await library.addTag(db, [b.id], 'LLMs', [b]);
    await library.renameTag(db, 'llm', 'LLMs');
    expect((await db.papers.get(attention.id))?.tags).toEqual(['LLMs']);
    expect((await library.listTags(db)).map((t) => [t.name, t.count])).toEqual([['LLMs', 2]]);
  });

  it('deletes a tag from every paper', async () => {
    await library.addTag(db, [attention.id], 'old', [attention]);
    await library.deleteTag(db, 'OLD');
    expect((await db.papers.get(attention.id))?.tags).toEqual([]);
    expect(await db.tags.count()).toBe(0);
  });
});

describe('updatedAt', () => {
  it('moves forward with every write, even when the clock does not', async () => {
    // A page's `seen` stamped a moment later than the click that follows it (same millisecond, or a clock step).
    const later = Date.now() + 60_000;
    const [seen] = await library.recordSeen(db, [attention], where, later);
    const [read] = await library.setStatus(db, [attention.id], 'read');
    expect(read!.updatedAt).toBeGreaterThan(seen!.updatedAt);
    const [tagged] = await library.addTag(db, [attention.id], 'llm');
    expect(tagged!.updatedAt).toBeGreaterThan(read!.updatedAt);
    const [renamed] = await library.renameTag(db, 'llm', 'LLMs');
    expect(renamed!.updatedAt).toBeGreaterThan(tagged!.updatedAt);
  });
});
