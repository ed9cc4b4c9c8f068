// What the popup and the library page share: reads straight from the database, writes as requests to the
// background (which broadcasts them to every tab and page), and broadcasts applied as they arrive.

import type { MarginsDB } from '../../lib/db';
import type { Broadcast } from '../../lib/broadcasts';
import type { Request } from '../../lib/messages';
import { getSettings } from '../../lib/settings';
import {
  DEFAULT_SETTINGS,
  type PaperId,
  type PaperRecord,
  type ReadStatus,
  type Settings,
  type TagInfo,
} from '../../lib/types';
import { libraryList } from './library-list';
import type { SearchClient } from './search-client';
import type { LibraryStats } from './search-protocol';

export type SendRequest = <T>(message: Request) => Promise<T>;

/** The background's answer to `setInLibrary`: the records as they are now and as they were (the undo). */
export interface LibraryChange {
  records: PaperRecord[];
  previous: PaperRecord[];
}

/** What changed, for subscribers: records (by id), tags, settings or statistics. */
export interface StoreChange {
  records?: Map<PaperId, PaperRecord>;
}

export class PagesStore {
  settings: Settings = DEFAULT_SETTINGS;
  tags: TagInfo[] = [];
  stats: LibraryStats | undefined;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** `updatedAt` of the last version of each record this page applied. */
  private readonly applied = new Map<PaperId, number>();

  constructor(
    readonly db: MarginsDB,
    private readonly send: SendRequest,
    readonly search: SearchClient,
  ) {
    search.onStats((stats) => {
      this.stats = stats;
      this.notify({});
    });
  }

  async load(): Promise<void> {
    const [settings, tags] = await Promise.all([getSettings(this.db), this.db.tags.toArray()]);
    this.settings = settings;
    this.tags = tags.sort((a, b) => a.name.localeCompare(b.name));
    this.notify({});
  }

  /** The most recently touched library papers, straight from the index on [inLibrary+touchedAt]. */
  recent(limit: number): Promise<PaperRecord[]> {
    return this.db.papers
      .where('[inLibrary+touchedAt]')
      .between([1, -Infinity], [1, Infinity])
      .reverse()
      .limit(limit)
      .toArray();
  }

  /**
   * The first `limit` papers of the library page's default order (newest added first, as `libraryList` sorts
   * them), read through the indexes on [inLibrary+savedAt] and [inLibrary+createdAt] rather than the whole
   * library. Added means `savedAt`, or `createdAt` for a paper saved without one (an old backup).
   */
  async newestAdded(limit: number): Promise<PaperRecord[]> {
    const saved = await this.db.papers
      .where('[inLibrary+savedAt]')
      .between([1, -Infinity], [1, Infinity])
      .reverse()
      .limit(limit)
      .toArray();
    // A paper without `savedAt` created before the last of these cannot make the first `limit`, so the walk
    // down [inLibrary+createdAt] stops there (papers are saved after they are created: few are skipped).
    const floor = saved.length === limit ? saved.at(-1)!.savedAt! : -Infinity;
    const unsaved = await this.db.papers
      .where('[inLibrary+createdAt]')
      .between([1, floor], [1, Infinity])
      .reverse()
      .filter((r) => r.savedAt === undefined)
      .limit(limit)
      .toArray();
    const both = new Map([...saved, ...unsaved].map((r) => [r.id, r]));
    return libraryList(both, undefined, {}, 'added', 'desc').slice(0, limit);
  }

  /** Every library paper (for export). */
  libraryRecords(): Promise<PaperRecord[]> {
    return this.db.papers.where('inLibrary').equals(1).toArray();
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  applyBroadcast(message: Broadcast): void {
    if (message.type === 'changed') {
      this.applyChanged(message.records);
    } else if (message.type === 'tagsChanged') {
      void this.load();
    } else {
      this.settings = message.settings;
      this.notify({});
    }
  }

  /**
   * Records as the background wrote them. This page's own writes are applied from the background's reply, which
   * comes before the broadcast of the same change (the broadcast goes to every tab first); the broadcast then
   * finds nothing new. Versions are told apart by `updatedAt`, which every write sets.
   */
  private applyChanged(records: PaperRecord[]): PaperRecord[] {
    const fresh = records.filter((r) => this.applied.get(r.id) !== r.updatedAt);
    for (const record of fresh) this.applied.set(record.id, record.updatedAt);
    if (fresh.length) {
      this.search.changed(fresh);
      this.notify({ records: new Map(fresh.map((r) => [r.id, r])) });
    }
    return records;
  }

  tagColor(name: string): string | undefined {
    const key = name.toLocaleLowerCase();
    return this.tags.find((t) => t.key === key)?.color;
  }

  // Writes. Each resolves with what the background changed; the broadcast updates every view, this one too.
  setStatus(ids: PaperId[], status: ReadStatus): Promise<PaperRecord[]> {
    return this.inBatches(ids, (batch) => this.send({ type: 'setStatus', ids: batch, status }));
  }

  addTag(ids: PaperId[], tag: string): Promise<PaperRecord[]> {
    return this.inBatches(ids, (batch) => this.send({ type: 'addTag', ids: batch, tag }));
  }

  removeTag(ids: PaperId[], tag: string): Promise<PaperRecord[]> {
    return this.inBatches(ids, (batch) => this.send({ type: 'removeTag', ids: batch, tag }));
  }

  async removeFromLibrary(ids: PaperId[]): Promise<PaperRecord[]> {
    const previous: PaperRecord[] = [];
    for (const batch of batches(ids)) {
      const change = await this.send<LibraryChange>({ type: 'setInLibrary', ids: batch, inLibrary: false });
      this.applyChanged(change.records);
      previous.push(...change.previous);
    }
    return previous;
  }

  restore(records: PaperRecord[]): Promise<PaperRecord[]> {
    return this.inBatches(records, (batch) => this.send({ type: 'restore', records: batch }));
  }

  renameTag(from: string, to: string): Promise<unknown> {
    return this.send({ type: 'renameTag', from, to });
  }

  deleteTag(tag: string): Promise<unknown> {
    return this.send({ type: 'deleteTag', tag });
  }

  setTagColor(tag: string, color: string): Promise<unknown> {
    return this.send({ type: 'setTagColor', tag, color });
  }

  setSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.send({ type: 'setSettings', patch });
  }

  private async inBatches<T>(
    items: T[],
    run: (batch: T[]) => Promise<PaperRecord[]>,
  ): Promise<PaperRecord[]> {
    const changed: PaperRecord[] = [];
    for (const batch of batches(items)) changed.push(...this.applyChanged(await run(batch)));
    return changed;
  }
}

/** The message contract takes at most 5,000 ids at once. */
const BATCH = 5_000;

function batches<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) result.push(items.slice(i, i + BATCH));
  return result;
}
