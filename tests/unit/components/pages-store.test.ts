import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { libraryList } from '../../../components/library/library-list';
import { PagesStore, type StoreChange } from '../../../components/library/pages-store';
import { SearchClient, type WorkerPort } from '../../../components/library/search-client';
import type { ToSearchWorker } from '../../../components/library/search-protocol';
import { MarginsDB } from '../../../lib/db';
import { handleRequest } from '../../../lib/handler';
import type { Request } from '../../../lib/messages';
import { generateLibrary } from '../../support/generate-library';

function setup() {
  const db = new MarginsDB(`pages-store-${Math.random()}`);
  const sentToWorker: ToSearchWorker[] = [];
  const port: WorkerPort = { postMessage: (m) => sentToWorker.push(m), onmessage: null };
  const requests: Request[] = [];
  const send = async <T>(message: Request): Promise<T> => {
    requests.push(message);
    return (await handleRequest(db, message)).value as T;
  };
  const search = new SearchClient(() => port);
  search.start();
  const store = new PagesStore(db, send, search);
  const changes: StoreChange[] = [];
  store.subscribe((c) => changes.push(c));
  return { db, store, requests, sentToWorker, changes };
}

describe('PagesStore', () => {
  it('applies its own write from the reply at once and ignores the same change when it is broadcast', async () => {
    const { db, store, sentToWorker, changes } = setup();
    const papers = generateLibrary(3, 2);
    await db.papers.bulkPut(papers);
    const changed = await store.addTag(
      papers.map((p) => p.id),
      'reading group',
    );
    expect(changed).toHaveLength(3);
    expect(changes.at(-1)?.records?.get(papers[0]!.id)?.tags).toContain('reading group');
    const forwarded = sentToWorker.filter((m) => m.type === 'changed');
    expect(forwarded).toHaveLength(1);
    store.applyBroadcast({ type: 'changed', records: changed });
    expect(sentToWorker.filter((m) => m.type === 'changed')).toHaveLength(1);
    // A later change to the same paper, made elsewhere, still comes through.
    const later = { ...changed[0]!, note: 'from another tab', updatedAt: changed[0]!.updatedAt + 1 };
    store.applyBroadcast({ type: 'changed', records: [later] });
    expect(changes.at(-1)?.records?.get(later.id)?.note).toBe('from another tab');
  });

  it('splits large bulk changes into requests the message contract accepts', async () => {
    const { db, store, requests } = setup();
    const papers = generateLibrary(5_100, 3);
    await db.papers.bulkPut(papers);
    await store.setStatus(
      papers.map((p) => p.id),
      'read',
    );
    const sizes = requests.map((r) => (r.type === 'setStatus' ? r.ids.length : 0));
    expect(sizes).toEqual([5_000, 100]);
    expect(await db.papers.where('status').equals('read').count()).toBe(5_100);
  }, 30_000);

  it('reads the first rows of the library page through the indexes, in the order of the whole list', async () => {
    const { db, store } = setup();
    // Some papers saved without `savedAt` (old backups: "added" is then `createdAt`), some not in the library.
    const papers = generateLibrary(2_000, 8);
    await db.papers.bulkPut(papers);
    const library = new Map(papers.filter((p) => p.inLibrary === 1).map((p) => [p.id, p]));
    expect([...library.values()].filter((p) => p.savedAt === undefined).length).toBeGreaterThan(100);
    const whole = libraryList(library, undefined, {}, 'added', 'desc').map((p) => p.id);
    for (const limit of [1, 50, 700, 5_000]) {
      expect(
        (await store.newestAdded(limit)).map((p) => p.id),
        `first ${limit}`,
      ).toEqual(whole.slice(0, limit));
    }
  });

  it('removal returns what undo needs, and restore puts it back', async () => {
    const { db, store } = setup();
    const papers = generateLibrary(20, 4).map((p) => ({ ...p, inLibrary: 1 as const, tags: ['keep'] }));
    await db.papers.bulkPut(papers);
    const previous = await store.removeFromLibrary(papers.map((p) => p.id));
    expect(previous).toHaveLength(20);
    expect(await db.papers.where('inLibrary').equals(1).count()).toBe(0);
    await store.restore(previous);
    expect(await db.papers.where('inLibrary').equals(1).count()).toBe(20);
    expect((await db.papers.get(papers[0]!.id))?.tags).toEqual(['keep']);
  });
});
