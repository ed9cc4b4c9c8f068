import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLibrary } from '../../../lib/backup';
import { MarginsDB } from '../../../lib/db';
import { exportFormats } from '../../../lib/export';
import { applyImport, planImport } from '../../../lib/import';
import * as library from '../../../lib/library';
import { getSettings, updateSettings } from '../../../lib/settings';
import type { PaperRecord } from '../../../lib/types';
import {
  AWKWARD_NOW,
  AWKWARD_PAPERS,
  AWKWARD_SETTINGS,
  AWKWARD_TAGS,
} from '../../fixtures/export/awkward-library';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/export/${name}`, import.meta.url), 'utf8');
const backupText = (papers = AWKWARD_PAPERS, now = AWKWARD_NOW) =>
  exportFormats.backup.render(papers, { tags: AWKWARD_TAGS, settings: AWKWARD_SETTINGS, now });
const byId = (records: PaperRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`test-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function importText(text: string, options: { tag?: string; now?: number } = {}) {
  const plan = await planImport(db, new Blob([text]), options);
  return { plan, result: await applyImport(db, plan, options.now ?? AWKWARD_NOW + 1) };
}

describe('JSON backup round trip', () => {
  it('export, import into an empty database: the library is identical', async () => {
    const { plan } = await importText(backupText());
    expect(plan).toMatchObject({
      format: 'backup',
      add: AWKWARD_PAPERS.length,
      change: 0,
      unchanged: 0,
      skipped: [],
    });
    const restored = await readLibrary(db);
    expect(byId(restored.papers)).toEqual(byId(AWKWARD_PAPERS));
    expect([...restored.tags].sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      [...AWKWARD_TAGS].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(restored.settings).toEqual(AWKWARD_SETTINGS);
  });

  it('importing the same backup again changes nothing', async () => {
    await importText(backupText());
    const { plan, result } = await importText(backupText());
    expect(plan).toMatchObject({ add: 0, change: 0, unchanged: AWKWARD_PAPERS.length });
    expect(result.records).toEqual([]);
  });

  it('the preview writes nothing', async () => {
    await planImport(db, backupText());
    expect(await db.papers.count()).toBe(0);
    expect(await db.tags.count()).toBe(0);
  });
});

describe('merging a backup into a library', () => {
  const attention = AWKWARD_PAPERS[0]!;

  it('unites tags and takes status, note and code from the copy touched last', async () => {
    await importText(backupText([attention]));
    // Here, later than the backup: the user tagged it and changed the note.
    await library.addTag(db, [attention.id], 'thesis');
    await library.setNote(db, attention.id, 'Newer note, written here.');
    const older = {
      ...attention,
      tags: ['llm', 'survey'],
      note: 'older note',
      touchedAt: attention.touchedAt! - 1,
    };
    const { plan } = await importText(backupText([older]), { now: Date.now() + 10 });
    expect(plan).toMatchObject({ add: 0, change: 1 });
    const merged = (await db.papers.get(attention.id))!;
    expect(merged.tags).toEqual(['llm', 'to read later', 'Schrödinger bridge', 'thesis', 'survey']);
    expect(merged.note).toBe('Newer note, written here.');

    const newer = {
      ...attention,
      status: 'unread' as const,
      note: 'from the other machine',
      touchedAt: Date.now() + 60_000,
    };
    await importText(backupText([newer]), { now: Date.now() + 20 });
    const after = (await db.papers.get(attention.id))!;
    expect(after).toMatchObject({ status: 'unread', note: 'from the other machine' });
    expect(after.tags).toContain('thesis');
  });

  it('a paper only remembered from a page takes the backup’s annotations whatever the timestamps', async () => {
    await library.recordSeen(
      db,
      [{ id: attention.id, title: attention.title }],
      { site: 'arxiv', url: 'https://arxiv.org/list/cs.CL/new' },
      Date.now() + 1e9,
    );
    await importText(backupText([attention]));
    expect(await db.papers.get(attention.id)).toMatchObject({
      inLibrary: 1,
      status: 'read',
      note: attention.note,
    });
  });

  it('keeps a hand-set code link over a page’s, and a tag in this library’s spelling', async () => {
    await library.addTag(db, ['arxiv:2401.00001'], 'LLM', [{ id: 'arxiv:2401.00001', title: 'Other' }]);
    await importText(backupText([attention]));
    await library.setCode(db, attention.id, { url: 'https://github.com/me/mine', source: 'user', at: 1 });
    const page = { url: 'https://github.com/page/link', source: 'page' as const, at: 2 };
    await importText(
      backupText([{ ...attention, code: page, tags: ['New Tag'], touchedAt: Date.now() + 60_000 }]),
    );
    const merged = (await db.papers.get(attention.id))!;
    expect(merged.code?.url).toBe('https://github.com/me/mine');
    expect(merged.tags).toEqual(['LLM', 'to read later', 'Schrödinger bridge', 'New Tag']);
    expect((await db.tags.get('llm'))?.name).toBe('LLM');
    expect((await db.tags.get('new tag'))?.name).toBe('New Tag');
  });

  it('settings from a backup fill only what this browser never set', async () => {
    await updateSettings(db, { readAppearance: 'none' });
    await importText(backupText());
    expect(await getSettings(db)).toEqual({ readAppearance: 'none', openOn: AWKWARD_SETTINGS.openOn });
  });
});

describe('BibTeX import (Zotero-shaped file)', () => {
  it('adds arXiv entries to the library with the batch tag and lists the others with reasons', async () => {
    const { plan } = await importText(fixture('zotero-export.bib'), { tag: 'from zotero' });
    expect(plan.format).toBe('bibtex');
    expect(plan.add).toBe(4);
    expect(plan.skipped.map((s) => s.label)).toEqual([
      'entry on line 68',
      'he_deep_2016',
      'srivastava_dropout_2014',
      'duplicate_of_attention',
    ]);
    expect(plan.skipped[1]!.reason).toMatch(/not an arXiv DOI/);
    expect(plan.skipped[3]!.reason).toMatch(/Same paper as "vaswani_attention_2023"/);
    expect(plan.newTags).toEqual(['from zotero']);

    const attention = (await db.papers.get('arxiv:1706.03762'))!;
    expect(attention).toMatchObject({ inLibrary: 1, status: 'unread', tags: ['from zotero'], note: '' });
    expect(attention.title).toBe('Attention Is All You Need');
    expect(attention.authors[6]).toBe('Łukasz Kaiser');
    expect((await db.papers.get('arxiv:1412.6980'))?.title).toBe(
      'Adam: A Method for Stochastic Optimization',
    );
    expect(await db.papers.get('arxiv:hep-th/0312171')).toMatchObject({
      primaryCategory: 'hep-th',
      note: 'Read with the reading group.\nSecond line of the note.',
    });
    const accents = (await db.papers.get('arxiv:2303.08774'))!;
    expect(accents.title).toBe('Schrödinger Bridges and Café Ça — a été test');
    expect(accents.authors).toEqual(['Erwin Schrödinger', 'José de la Cruz', 'OpenAI']);
  });

  it('never overwrites annotations of papers already in the library', async () => {
    await library.setStatus(db, ['arxiv:1706.03762'], 'read', [{ id: 'arxiv:1706.03762', title: 'Mine' }]);
    await library.setNote(db, 'arxiv:1706.03762', 'my note');
    const { plan } = await importText(fixture('zotero-export.bib'));
    expect(plan).toMatchObject({ add: 3, change: 1 });
    expect(await db.papers.get('arxiv:1706.03762')).toMatchObject({
      status: 'read',
      note: 'my note',
      title: 'Mine',
    });
  });

  it('our own BibTeX export comes back with the same papers, titles, authors and notes', async () => {
    const { plan } = await importText(exportFormats.bibtex.render(AWKWARD_PAPERS));
    expect(plan).toMatchObject({ add: AWKWARD_PAPERS.length, skipped: [] });
    for (const paper of AWKWARD_PAPERS) {
      const back = (await db.papers.get(paper.id))!;
      expect(back.title).toBe(paper.title.replace(/\s+/g, ' '));
      // Names come back in display order ("Jörg Müller" for "Müller, Jörg").
      expect(back.authors).toHaveLength(paper.authors.length);
      expect(back.authorsTruncated ?? false).toBe(paper.authorsTruncated ?? false);
      expect(back.note).toBe(paper.note);
    }
    expect((await db.papers.get('arxiv:2401.00001'))!.authors).toEqual([
      'Jan van der Berg',
      'José de la Cruz',
      'Martin Luther King Jr.',
      'Jörg Müller',
      'Plato',
      'ATLAS Collaboration',
    ]);
  });
});

describe('CSL-JSON import', () => {
  it('reads Zotero’s CSL-JSON: arXiv items in, others skipped, hostile titles stored as plain text', async () => {
    const { plan } = await importText(fixture('zotero-export.csl.json'));
    expect(plan).toMatchObject({ format: 'csljson', add: 2 });
    expect(plan.skipped.map((s) => s.label)).toEqual([
      'item 4',
      'http://zotero.org/users/local/abc/items/BBBB2222',
    ]);
    expect(await db.papers.get('arxiv:1706.03762')).toMatchObject({ published: '2023-08-02', note: '' });
    expect(await db.papers.get('arxiv:2310.06825')).toMatchObject({
      title: "<script>alert('x')</script> Constructor",
      authors: ['Mistral AI Team'],
      note: 'My own note.',
    });
  });

  it('our own CSL-JSON export comes back with the same papers', async () => {
    const { plan } = await importText(exportFormats.csljson.render(AWKWARD_PAPERS));
    expect(plan).toMatchObject({ add: AWKWARD_PAPERS.length, skipped: [] });
    expect((await db.papers.get('arxiv:1706.03762'))!.note).toBe(AWKWARD_PAPERS[0]!.note);
  });
});
