// Storage trouble: a full disk (quota exceeded) or a database taken over by a newer version loses nothing
// already stored, and the card the user edited says so in words, then shows the stored state again.
// The whole path is real except IndexedDB (fake-indexeddb) and the browser's message channel: the content
// store (lib/content/store.ts) sends to the background's handler (lib/handler.ts) the way entrypoints do.

import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { PageStore } from '../../../lib/content/store';
import { MarginsDB } from '../../../lib/db';
import { failureReply, handleRequest } from '../../../lib/handler';
import type { Reply, Request } from '../../../lib/messages';
import { request } from '../../../lib/messenger';
import type { PaperMeta, PaperRecord } from '../../../lib/types';

const PAPERS: PaperMeta[] = [
  { id: 'arxiv:1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] },
  { id: 'arxiv:2607.23193', title: 'OmniScope', authors: ['Jinsen Su'] },
];

/** The background's listener (entrypoints/background.ts) without the browser: errors become replies. */
function background(db: MarginsDB) {
  return async (message: Request): Promise<Reply> => {
    try {
      return { ok: true, value: (await handleRequest(db, message)).value };
    } catch (error) {
      return failureReply(error);
    }
  };
}

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

let db: MarginsDB;
let store: PageStore;
beforeEach(async () => {
  db = new MarginsDB(`storage-${Math.random()}`);
  await db.open();
  const answer = background(db);
  store = new PageStore((m) => request((x) => answer(x), m, { firstDelayMs: 1 }), 'arxiv');
  await store.seen(PAPERS, 'https://arxiv.org/list/cs.LG/new');
  await store.setStatus([PAPERS[0]!.id], 'read');
  await store.addTag(PAPERS[0]!.id, 'Transformers');
  await store.setNote(PAPERS[0]!.id, 'keep me');
});

const stored = () => db.papers.orderBy('id').toArray();

describe('quota exceeded on write', () => {
  it('rolls the card back, says "Not saved" with the reason, and keeps what was stored', async () => {
    const before = await stored();
    const bulkPut = db.papers.bulkPut.bind(db.papers);
    db.papers.bulkPut = (() => Promise.reject(quotaExceeded())) as unknown as typeof db.papers.bulkPut;

    await store.setNote(PAPERS[0]!.id, 'a longer note that does not fit');
    expect(store.error).toBe(
      'Not saved: the disk is full, or the browser gives Margins no more room. Free some space and try again; ' +
        'what was saved before is kept.',
    );
    expect(store.get(PAPERS[0]!.id)?.note).toBe('keep me');
    await store.setStatus([PAPERS[1]!.id], 'reading');
    expect(store.get(PAPERS[1]!.id)?.status).toBe('unread');
    expect(await stored()).toEqual(before);

    // Space again: the message stays while an edit that failed is not redone, then clears.
    db.papers.bulkPut = bulkPut;
    await store.setStatus([PAPERS[1]!.id], 'reading');
    expect((await db.papers.get(PAPERS[1]!.id))?.status).toBe('reading');
    expect(store.error).toMatch(/^Not saved/);
    await store.setNote(PAPERS[0]!.id, 'a longer note that fits now');
    expect(store.error).toBeUndefined();
  });

  it('a failed multi-paper write changes none of the papers (one transaction)', async () => {
    const before = await stored();
    let calls = 0;
    const tagsPut = db.tags.bulkPut.bind(db.tags);
    // Papers are written, then the new tag: failing the second write must undo the first.
    db.tags.bulkPut = ((...args: Parameters<typeof tagsPut>) =>
      ++calls === 1 ? Promise.reject(quotaExceeded()) : tagsPut(...args)) as typeof tagsPut;
    await expect(
      handleRequest(db, { type: 'addTag', ids: PAPERS.map((p) => p.id), tag: 'new tag' }),
    ).rejects.toThrow(/quota/i);
    expect(await stored()).toEqual(before);
    expect(await db.tags.get('new tag')).toBeUndefined();
  });
});

describe('a newer version of the database opened elsewhere (extension updated)', () => {
  it('keeps every record, and the old connection reopens and keeps writing', async () => {
    const before = await stored();
    const newer = new Dexie(db.name);
    newer.version(db.verno + 1).stores({
      papers: 'id, status, *tags, updatedAt, touchedAt, inLibrary, [inLibrary+touchedAt], savedAt',
      tags: 'key',
      settings: 'key',
      codeLookups: 'id, checkedAt',
    });
    // Dexie closes the older connection on `versionchange`, so the upgrade is not blocked.
    await newer.open();
    expect(await newer.table<PaperRecord>('papers').orderBy('id').toArray()).toEqual(before);

    // Dexie 4 reopens the closed connection at the installed (newer) version on the next request.
    await store.setStatus([PAPERS[1]!.id], 'read');
    expect(store.error).toBeUndefined();
    const after = await newer.table<PaperRecord>('papers').orderBy('id').toArray();
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ id: PAPERS[1]!.id, title: 'OmniScope', status: 'read', inLibrary: 1 });
    newer.close();
  });
});
