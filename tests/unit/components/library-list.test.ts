import { describe, expect, it } from 'vitest';
import { libraryList, rangeIds, tagCounts } from '../../../components/library/library-list';
import { visibleRange } from '../../../components/library/VirtualTable';
import type { PaperRecord } from '../../../lib/types';
import { generateLibrary } from '../../support/generate-library';

const library = generateLibrary(300, 7).filter((r) => r.inLibrary === 1);
const byId = new Map(library.map((r) => [r.id, r]));

describe('libraryList', () => {
  it('lists every paper without a search, newest added first by default', () => {
    const list = libraryList(byId, undefined, {}, 'added', 'desc');
    expect(list).toHaveLength(library.length);
    const added = list.map((r) => r.savedAt ?? r.createdAt);
    expect(added).toEqual([...added].sort((a, b) => b - a));
  });

  it('keeps the search order for best match and sorts matches by a column otherwise', () => {
    const matches = library.slice(0, 20).map((r) => r.id);
    expect(libraryList(byId, matches, {}, 'relevance', 'desc').map((r) => r.id)).toEqual(matches);
    const titles = libraryList(byId, matches, {}, 'title', 'asc').map((r) => r.title);
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })),
    );
    const published = libraryList(byId, matches, {}, 'published', 'asc').map((r) => r.published ?? '');
    expect(published).toEqual([...published].sort());
  });

  it('clicked filters keep exactly that status and that tag, whatever its case', () => {
    const tagged = library.find((r) => r.tags.length)!;
    const tag = tagged.tags[0]!;
    const list = libraryList(
      byId,
      undefined,
      { tag: tag.toUpperCase(), status: tagged.status },
      'added',
      'desc',
    );
    expect(list.map((r) => r.id)).toContain(tagged.id);
    for (const r of list) {
      expect(r.status).toBe(tagged.status);
      expect(r.tags.map((t) => t.toLowerCase())).toContain(tag.toLowerCase());
    }
    const all = library.filter(
      (r) => r.status === tagged.status && r.tags.some((t) => t.toLowerCase() === tag.toLowerCase()),
    );
    expect(list).toHaveLength(all.length);
  });

  it('ignores matches that are no longer in the library', () => {
    expect(libraryList(byId, ['arxiv:0000.00000', library[0]!.id], {}, 'relevance', 'desc')).toEqual([
      library[0],
    ]);
  });
});

describe('selection and counts', () => {
  it('a shift-click range runs either way', () => {
    const list = library.slice(0, 6) as PaperRecord[];
    expect(rangeIds(list, 1, 3)).toEqual([list[1]!.id, list[2]!.id, list[3]!.id]);
    expect(rangeIds(list, 3, 1)).toEqual(rangeIds(list, 1, 3));
  });

  it('counts tags case-insensitively', () => {
    const counts = tagCounts([
      { ...library[0]!, tags: ['LLM', 'rag'] },
      { ...library[1]!, tags: ['llm'] },
    ]);
    expect(counts).toEqual({ llm: 2, rag: 1 });
  });
});

describe('visibleRange', () => {
  it('covers the view plus a margin, snapped to blocks, within the list', () => {
    const [first, end] = visibleRange(4600, 700, 46, 10_000, 8);
    // Rows 100..116 are in view.
    expect(first).toBeLessThanOrEqual(100);
    expect(end).toBeGreaterThanOrEqual(116);
    expect(end - first).toBeLessThan(48);
    expect(first % 8).toBe(0);
    expect(visibleRange(0, 700, 46, 5, 8)).toEqual([0, 5]);
    expect(visibleRange(460_000, 700, 46, 10_000, 8)[1]).toBe(10_000);
  });

  it('leaves the rendered rows alone for small scrolls inside a block', () => {
    expect(visibleRange(4600, 700, 46, 10_000, 8)).toEqual(visibleRange(4640, 700, 46, 10_000, 8));
  });
});
