// Imported files are data, never code or links Margins did not vet: hostile strings in a JSON backup, a BibTeX
// file and a CSL-JSON file are stored as plain strings (the same text, or the text the format means), and a
// backup cannot smuggle in a code link that is not a GitHub repository. Malformed files: tests/unit/import/
// bad-input.test.ts (the import engineer's cases, counted in docs/SECURITY.md).

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { MarginsDB } from '../../../lib/db';
import { exportFormats } from '../../../lib/export';
import { handleRequest } from '../../../lib/handler';
import { applyImport, planImport } from '../../../lib/import';
import type { PaperRecord } from '../../../lib/types';
import { XSS_PAYLOADS } from '../../fixtures/security/payloads';
import { hostileRecord, T0 } from '../../fixtures/security/records';

const records = XSS_PAYLOADS.map((p, i) => hostileRecord(i, p.text));
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`security-import-${Math.random()}`);
  await db.open();
});

async function importText(text: string, tag?: string): Promise<PaperRecord[]> {
  await applyImport(db, await planImport(db, text, { now: T0, ...(tag && { tag }) }), T0);
  return db.papers.orderBy('id').toArray();
}

describe(`${XSS_PAYLOADS.length} payloads in imported files`, () => {
  it('a JSON backup restores every hostile string exactly, as a string', async () => {
    const stored = await importText(exportFormats.backup.render(records, { now: T0 }));
    expect(stored).toEqual(records);
    for (const r of stored) for (const t of r.tags) expect(typeof t).toBe('string');
  });

  it('a BibTeX file: titles, authors and notes arrive as the text the LaTeX means', async () => {
    const bib = exportFormats.bibtex.render(records);
    const stored = await importText(bib, '<img src=x onerror="window.__pwned=1">');
    expect(stored).toHaveLength(records.length);
    for (const [i, r] of stored.entries()) {
      // Margins → BibTeX → Margins gives the text back, folded to one line; `--` is LaTeX for an en dash
      // (the export writes it as is, so a round trip turns it into one).
      expect(r.title, XSS_PAYLOADS[i]!.name).toBe(fold(records[i]!.title).replace(/--/g, '–'));
      expect(r.note).toBe(records[i]!.note.replace(/\r\n?/g, '\n').replace(/--/g, '–').trim());
    }
    expect(stored[0]!.tags).toEqual(['<img src=x onerror="window.__pwned=1">']);
  });

  it('a CSL-JSON file: titles and notes arrive as strings', async () => {
    const stored = await importText(exportFormats.csljson.render(records));
    expect(stored.map((r) => r.title)).toEqual(records.map((r) => fold(r.title)));
  });

  it('an object where a string belongs is refused, not stored', async () => {
    const bad = { ...records[0]!, title: { toString: '<script>window.__pwned=1</script>' } };
    const plan = await planImport(
      db,
      exportFormats.backup.render([bad as unknown as PaperRecord], { now: T0 }),
    );
    expect(plan.add).toBe(0);
    expect(plan.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(/title/) })]);
  });
});

describe('code links that are not GitHub repositories', () => {
  const links = [
    'javascript:window.__pwned=1',
    'data:text/html,<script>1</script>',
    'https://evil.example/x/y',
  ];
  const withLink = (url: string): PaperRecord => ({
    ...records[1]!,
    code: { url, source: 'user', at: T0 },
  });

  it('are never stored from a backup', async () => {
    for (const url of links) {
      await importText(exportFormats.backup.render([withLink(url)], { now: T0 }));
      expect((await db.papers.get(records[1]!.id))?.code, url).toBeUndefined();
    }
  });

  it('are never stored by an undo (restore)', async () => {
    for (const url of links) {
      await handleRequest(db, { type: 'restore', records: [withLink(url)] });
      expect((await db.papers.get(records[1]!.id))?.code, url).toBeUndefined();
    }
  });

  it('are refused when the user sets one by hand (setCode)', async () => {
    await db.papers.put(records[1]!);
    for (const url of links) {
      await expect(
        handleRequest(db, { type: 'setCode', id: records[1]!.id, code: { url, source: 'user', at: T0 } }),
      ).rejects.toThrow(/GitHub/);
    }
    expect((await db.papers.get(records[1]!.id))?.code).toBeUndefined();
  });
});
