// Bad input never harms the library: each file below is refused (or its bad entries skipped) with a sentence
// the user can act on, and every table is byte-for-byte what it was.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarginsDB } from '../../../lib/db';
import { exportFormats } from '../../../lib/export';
import {
  applyImport,
  ImportError,
  MAX_IMPORT_BYTES,
  planImport,
  type ImportSource,
} from '../../../lib/import';
import { AWKWARD_NOW, AWKWARD_PAPERS, AWKWARD_TAGS } from '../../fixtures/export/awkward-library';

const backup = (papers: unknown[] = AWKWARD_PAPERS, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'margins-backup',
    version: 1,
    exportedAt: '2026-01-01T00:00:00Z',
    tags: [],
    papers,
    ...extra,
  });
const goodBackup = exportFormats.backup.render(AWKWARD_PAPERS.slice(0, 3), {
  tags: AWKWARD_TAGS,
  now: AWKWARD_NOW,
});
const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`test-${Math.random()}`);
  await db.open();
  // A library with something in every table to lose.
  await applyImport(db, await planImport(db, goodBackup), AWKWARD_NOW);
  await db.codeLookups.put({
    id: 'arxiv:1706.03762',
    checkedAt: 1,
    found: true,
    githubRepo: 'https://github.com/a/b',
  });
});
afterEach(async () => {
  await db.delete();
});

async function dump(): Promise<string> {
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const));
  return JSON.stringify(tables);
}

/** Files refused as a whole. */
const refused: [string, ImportSource, RegExp][] = [
  ['an empty file', new Blob([]), /empty/],
  ['only whitespace', '  \n\t ', /empty/],
  ['a PNG image', new Blob([png]), /PNG image/],
  ['a PDF', new Blob(['%PDF-1.7\n%âãÏÓ\n1 0 obj']), /PDF/],
  ['a ZIP archive', new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])]), /ZIP/],
  ['some other binary', new Blob([new Uint8Array([1, 2, 0, 4, 5])]), /binary/],
  [
    'an HTML page',
    '<!DOCTYPE html><html><head><title>Export</title></head><body>@misc{x,}</body></html>',
    /web page/,
  ],
  ['an HTML page without doctype', '\n<html lang="en"><body>hi</body></html>', /web page/],
  ['a RIS file', 'TY  - GEN\r\nTI  - A title\r\nER  - \r\n', /RIS file/],
  ['plain text', 'Just some notes about papers I like.', /not BibTeX, CSL-JSON or a Margins backup/],
  ['a truncated backup', goodBackup.slice(0, goodBackup.length / 2), /damaged or cut short/],
  ['a truncated CSL-JSON file', '[{"id": "a", "type": "article", "title": "Atten', /damaged or cut short/],
  [
    'a backup from a newer version',
    backup(AWKWARD_PAPERS, { version: 2 }),
    /newer version of Margins.*Update Margins/,
  ],
  ['a backup with no version', backup(AWKWARD_PAPERS, { version: 'one' }), /no valid version/],
  ['a backup without papers', backup(AWKWARD_PAPERS, { papers: { a: 1 } }), /no list of papers/],
  [
    'a backup listing one paper twice',
    backup([AWKWARD_PAPERS[0], { ...AWKWARD_PAPERS[0], note: 'other' }]),
    /twice/,
  ],
  ['a JSON number', '42', /not BibTeX, CSL-JSON or a Margins backup/],
  ['a BibTeX file that is all broken', '@misc{a, title = {never closed', /could not be read/],
  [
    'a batch tag with no visible character',
    '@misc{a, eprint = {1706.03762}, archivePrefix = {arXiv}}',
    /visible character/,
  ],
];

describe('files refused as a whole leave the library byte-for-byte unchanged', () => {
  for (const [what, source, message] of refused) {
    it(what, async () => {
      const before = await dump();
      const options = what.startsWith('a batch tag') ? { tag: ' \u0000 ' } : {};
      const error = await planImport(db, source, options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(message);
      expect(await dump()).toBe(before);
    });
  }

  it('a file over the size limit is refused before it is read', async () => {
    const before = await dump();
    const huge = { size: MAX_IMPORT_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('read')) } as Blob;
    await expect(planImport(db, huge)).rejects.toThrow(/up to 50 MB/);
    expect(await dump()).toBe(before);
  });

  it('a file with absurdly many entries is refused before parsing', async () => {
    const before = await dump();
    await expect(planImport(db, '@misc{a,}\n'.repeat(200_001))).rejects.toThrow(/up to 200,000/);
    expect(await dump()).toBe(before);
  });
});

describe('bad entries are skipped with a reason, the rest imported as plain text', () => {
  it('JSON that is not CSL is one item without an arXiv id: skipped, nothing written', async () => {
    const before = await dump();
    const plan = await planImport(db, '{"hello": "world"}');
    expect(plan).toMatchObject({
      add: 0,
      change: 0,
      skipped: [{ reason: expect.stringMatching(/No arXiv id/) }],
    });
    await applyImport(db, plan);
    expect(await dump()).toBe(before);
  });

  it('invalid records in a backup are skipped, not guessed', async () => {
    const papers = [
      { ...AWKWARD_PAPERS[3], status: 'finished' },
      { ...AWKWARD_PAPERS[4], id: 'javascript:alert(1)' },
      { ...AWKWARD_PAPERS[5], authors: 'not a list' },
      'a string',
      { ...AWKWARD_PAPERS[6], constructor: 'x', extra: '<img onerror=alert(1)>' },
    ];
    // A "__proto__" key as JSON.parse sees it in a file (an object literal here would set the prototype).
    const text = backup(papers).replace('"constructor":"x"', '"constructor":"x","__proto__":{"polluted":1}');
    expect(text).toContain('__proto__');
    const plan = await planImport(db, text);
    expect(plan.skipped.map((s) => s.label)).toEqual([
      'arxiv:2303.08774',
      'javascript:alert(1)',
      'arxiv:2310.06826',
      'paper 4',
    ]);
    expect(plan.skipped[0]!.reason).toMatch(/status/);
    expect(plan.add).toBe(1);
    await applyImport(db, plan);
    const stored = (await db.papers.get('arxiv:2310.06827'))!;
    expect(Object.keys(stored)).not.toContain('extra');
    expect(Object.keys(stored)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('hostile strings are stored exactly as text', async () => {
    const hostile = '"}); alert(1); ${process.exit()} {{7*7}} <script>x</script> \u202e\u0000';
    const plan = await planImport(db, backup([{ ...AWKWARD_PAPERS[5], title: hostile, note: hostile }]));
    await applyImport(db, plan);
    expect(await db.papers.get('arxiv:2310.06826')).toMatchObject({ title: hostile, note: hostile });
  });

  it('a BibTeX file with a broken entry in the middle imports the entries around it', async () => {
    const bib = [
      '@misc{first, eprint = {2501.00001}, archivePrefix = {arXiv}, title = {First}}',
      '@misc{broken, title = {Unclosed, author = "x}',
      '@misc{third, url = {https://arxiv.org/abs/2501.00003v2}, title = {Third}}',
    ].join('\n');
    const plan = await planImport(db, bib);
    expect(plan.add).toBe(2);
    expect(plan.skipped).toEqual([
      { label: 'entry on line 2', reason: expect.stringMatching(/Could not be read/) },
    ]);
  });

  it('a plan applied after the library changed merges with the library as it is then', async () => {
    const plan = await planImport(db, backup([{ ...AWKWARD_PAPERS[0], note: 'from file', touchedAt: 0 }]));
    await db.papers.update('arxiv:1706.03762', { note: 'typed meanwhile', touchedAt: Date.now() });
    await applyImport(db, plan);
    expect((await db.papers.get('arxiv:1706.03762'))?.note).toBe('typed meanwhile');
  });
});
