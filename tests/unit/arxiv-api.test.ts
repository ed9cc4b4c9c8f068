import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArxivClient, completeMetadata, parseArxivAtom, type CompletionProgress } from '../../lib/arxiv-api';
import { MarginsDB } from '../../lib/db';
import * as library from '../../lib/library';

const atom = readFileSync(new URL('../fixtures/export/arxiv-api-response.xml', import.meta.url), 'utf8');
const emptyFeed = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>';

describe('parseArxivAtom', () => {
  it('reads papers from an API answer and leaves out error entries', () => {
    const metas = parseArxivAtom(atom);
    expect(metas.map((m) => m.id)).toEqual(['arxiv:1706.03762', 'arxiv:hep-th/9901001']);
    expect(metas[0]).toMatchObject({
      title: 'Attention Is All You Need',
      published: '2017-06-12T17:57:34Z',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
      comments: '15 pages, 5 figures',
      authorsTruncated: false,
    });
    expect(metas[0]!.authors).toHaveLength(8);
    expect(metas[0]!.abstract).toMatch(/^The dominant .* the Transformer\.$/);
    expect(metas[1]).toMatchObject({
      title: '1984',
      abstract: 'An abstract with <markup> & entities.',
      doi: '10.1000/example.1999',
      journalRef: 'Example J. Phys. 1 (1999) 1-10',
      authors: ['Edward Witten'],
    });
  });

  it('refuses what is not an Atom feed', () => {
    expect(() => parseArxivAtom('<html><body>Rate limited</body></html>')).toThrow();
  });
});

/** A fake network and clock: records each request and when it was made. */
function fakeArxiv(answer: (url: string) => Response | Promise<Response>) {
  let clock = 1_000_000;
  const requests: { url: string; at: number }[] = [];
  const client = new ArxivClient({
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    fetch: async (input) => {
      requests.push({ url: String(input), at: clock });
      clock += 200;
      return answer(String(input));
    },
  });
  return { client, requests };
}

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function save(ids: string[], truncated = true) {
  const metas = ids.map((id) => ({
    id,
    title: `Paper ${id}`,
    authors: ['A. Author'],
    authorsTruncated: truncated,
  }));
  await library.setInLibrary(db, ids, true, metas);
  return (await db.papers.bulkGet(ids)).map((r) => r!);
}

describe('completeMetadata', () => {
  it('fills gaps, keeps annotations, caches the answer in the record and asks nothing the second time', async () => {
    const records = await save(['arxiv:1706.03762', 'arxiv:hep-th/9901001']);
    await library.setNote(db, 'arxiv:1706.03762', 'mine');
    const { client, requests } = fakeArxiv(() => new Response(atom));
    const first = await completeMetadata(db, records, { client });
    expect(requests.map((r) => r.url)).toEqual([
      'https://export.arxiv.org/api/query?id_list=1706.03762,hep-th/9901001&max_results=2',
    ]);
    expect(first.incomplete).toEqual([]);
    const stored = (await db.papers.get('arxiv:1706.03762'))!;
    expect(stored).toMatchObject({ note: 'mine', title: 'Paper arxiv:1706.03762', primaryCategory: 'cs.CL' });
    expect(stored.authors).toHaveLength(8);
    expect(stored.metaCheckedAt).toBeDefined();
    expect(first.records[0]!.authors).toHaveLength(8);

    await completeMetadata(db, await db.papers.toArray(), { client });
    expect(requests).toHaveLength(1);
  });

  it('asks in batches of at most 100 ids, one at a time, at least 3 s apart, and reports progress', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `arxiv:2501.${String(i + 1).padStart(5, '0')}`);
    const records = await save(ids);
    const { client, requests } = fakeArxiv(() => new Response(emptyFeed));
    const progress: CompletionProgress[] = [];
    await completeMetadata(db, records, { client, onProgress: (p) => progress.push(p) });
    expect(requests.map((r) => new URL(r.url).searchParams.get('id_list')!.split(',').length)).toEqual([
      100, 100, 50,
    ]);
    for (let i = 1; i < requests.length; i++)
      expect(requests[i]!.at - requests[i - 1]!.at).toBeGreaterThanOrEqual(3000);
    expect(progress).toEqual([
      { done: 0, total: 250 },
      { done: 100, total: 250 },
      { done: 200, total: 250 },
      { done: 250, total: 250 },
    ]);
  });

  it('offline: exports what is known, names the incomplete papers, stores nothing', async () => {
    const records = await save(['arxiv:1706.03762', 'arxiv:2501.00001']);
    const before = await db.papers.toArray();
    const { client, requests } = fakeArxiv(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await completeMetadata(db, records, { client });
    expect(requests).toHaveLength(2); // one retry
    expect(result.error).toMatch(/could not be reached.*Exported what is known/);
    expect(result.incomplete.map((r) => r.id)).toEqual(['arxiv:1706.03762', 'arxiv:2501.00001']);
    expect(result.records).toEqual(records);
    expect(await db.papers.toArray()).toEqual(before);
  });

  it('an HTTP error from arXiv is reported the same way', async () => {
    const records = await save(['arxiv:1706.03762']);
    const { client } = fakeArxiv(() => new Response('busy', { status: 503 }));
    const result = await completeMetadata(db, records, { client });
    expect(result.error).toMatch(/HTTP 503/);
    expect(result.incomplete).toHaveLength(1);
  });

  it('complete papers are not asked for', async () => {
    const [record] = await save(['arxiv:1706.03762'], false);
    await db.papers.update(record!.id, { published: '2017-06-12', primaryCategory: 'cs.CL' });
    const { client, requests } = fakeArxiv(() => new Response(atom));
    await completeMetadata(db, [(await db.papers.get(record!.id))!], { client });
    expect(requests).toEqual([]);
  });
});
