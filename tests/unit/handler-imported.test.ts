import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarginsDB } from '../../lib/db';
import { handleRequest } from '../../lib/handler';
import { applyImport, planImport } from '../../lib/import';
import { parseRequest } from '../../lib/messages';
import { renderBackup } from '../../lib/backup';
import type { PaperRecord } from '../../lib/types';
import { generateLibrary } from '../support/generate-library';

let db: MarginsDB;
beforeEach(async () => {
  db = new MarginsDB(`handler-imported-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe("the 'imported' request", () => {
  it('broadcasts the records an import wrote on the page, the tag table and the settings', async () => {
    const papers = generateLibrary(3, 5).map((r) => ({ ...r, inLibrary: 1 as const, tags: ['from backup'] }));
    const backup = renderBackup(papers, [], { readAppearance: 'hide', openOn: 'huggingface' }, 1_000);
    // What the library page does: write in its own transaction, then tell the background which ids.
    const { records } = await applyImport(db, await planImport(db, backup));
    const parsed = parseRequest({ type: 'imported', ids: records.map((r) => r.id) });
    if (!parsed.ok) throw new Error(parsed.error);

    const { value, broadcasts } = await handleRequest(db, parsed.request);

    expect(value).toBe(3);
    const changed = broadcasts.find((b) => b.type === 'changed');
    const sent = changed?.type === 'changed' ? changed.records : [];
    expect(sent.map((r: PaperRecord) => r.id).sort()).toEqual(papers.map((p) => p.id).sort());
    expect(sent.every((r) => r.inLibrary === 1 && r.tags.includes('from backup'))).toBe(true);
    expect(broadcasts).toContainEqual({ type: 'tagsChanged' });
    expect(broadcasts).toContainEqual({
      type: 'settingsChanged',
      settings: { readAppearance: 'hide', openOn: 'huggingface' },
    });
  });

  it('leaves out ids that are not stored and refuses ids that are not paper ids', async () => {
    const parsed = parseRequest({ type: 'imported', ids: ['arxiv:2401.00001'] });
    if (!parsed.ok) throw new Error(parsed.error);
    const { value, broadcasts } = await handleRequest(db, parsed.request);
    expect(value).toBe(0);
    expect(broadcasts.some((b) => b.type === 'changed')).toBe(false);
    expect(parseRequest({ type: 'imported', ids: ['<img src=x>'] }).ok).toBe(false);
  });
});
