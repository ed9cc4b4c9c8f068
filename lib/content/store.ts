// The content script's view of the library: the records of the papers on this page, the user's tags and
// settings. Edits are applied here first (the card updates within a frame), then sent to the background;
// a failed write is rolled back and reported.

import { emptyRecord, type TagWithCount } from '../library';
import { clampMeta } from '../limits';
import type { Broadcast } from '../broadcasts';
import type { Request } from '../messages';
import { cleanTagName, hasTag, tagKey } from '../tags';
import {
  DEFAULT_SETTINGS,
  type CodeLink,
  type PaperId,
  type PaperMeta,
  type PaperRecord,
  type ReadStatus,
  type Settings,
  type SiteName,
} from '../types';

/** Ids per `get` request: one IndexedDB bulkGet each, a few milliseconds. */
const LOOKUP_CHUNK = 1_000;

export type Requester = <T>(message: Request) => Promise<T>;
/** Called with the ids whose records changed, or undefined when tags or settings changed. */
type Listener = (ids?: ReadonlySet<PaperId>) => void;

export interface UndoAction {
  label: string;
  undo: () => Promise<void>;
}

export class PageStore {
  private records = new Map<PaperId, PaperRecord>();
  private metas = new Map<PaperId, PaperMeta>();
  /** Papers on the page whose metadata has not been read yet (see `track`). */
  private readers = new Map<PaperId, () => PaperMeta>();
  private listeners = new Set<Listener>();
  /** Edits sent and not yet answered, per paper. */
  private pending = new Map<PaperId, number>();
  tags: TagWithCount[] = [];
  settings: Settings = DEFAULT_SETTINGS;
  /** Why the last write failed, shown by the toolbar until dismissed or until each paper it concerns is saved. */
  error: string | undefined;
  /** Papers whose last edit was rolled back: the message stays while any is left. */
  private failed = new Set<PaperId>();
  /** The last undoable bulk action, shown by the toolbar. */
  undo: UndoAction | undefined;
  /** Bumped on every change, so views can memoise on it. */
  version = 0;

  constructor(
    private readonly send: Requester,
    private readonly site: SiteName,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(ids?: Iterable<PaperId>): void {
    this.version++;
    const set = ids ? new Set(ids) : undefined;
    for (const l of this.listeners) l(set);
  }

  get(id: PaperId): PaperRecord | undefined {
    return this.records.get(id);
  }

  /** What the page says about a paper, read from the page on first use. */
  meta(id: PaperId): PaperMeta | undefined {
    let meta = this.metas.get(id);
    const read = this.readers.get(id);
    if (!meta && read) {
      meta = clampMeta(read());
      this.metas.set(id, meta);
    }
    return meta;
  }

  /** The papers this page shows; their metadata is read when first needed (an edit, or `seen`). */
  track(papers: Iterable<{ id: PaperId; readonly meta: PaperMeta }>): void {
    for (const p of papers) if (!this.readers.has(p.id)) this.readers.set(p.id, () => p.meta);
  }

  async loadTagsAndSettings(): Promise<void> {
    const [tags, settings] = await Promise.all([
      this.send<TagWithCount[]>({ type: 'listTags' }),
      this.send<Settings>({ type: 'getSettings' }),
    ]);
    this.tags = tags;
    this.settings = settings;
    this.notify();
  }

  /** Learn the stored state of papers without recording them (cards of a big page not yet near). */
  async lookup(ids: PaperId[]): Promise<void> {
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const records = await this.send<(PaperRecord | null | undefined)[]>({
        type: 'get',
        ids: ids.slice(i, i + LOOKUP_CHUNK),
      });
      this.take(records.filter((r): r is PaperRecord => !!r));
    }
  }

  /** Tell the background which papers this page shows; learn their stored state. */
  async seen(found: PaperMeta[], url: string): Promise<void> {
    const papers = found.map(clampMeta);
    for (const p of papers) this.metas.set(p.id, p);
    const records = await this.send<PaperRecord[]>({ type: 'seen', site: this.site, url, papers });
    this.take(records);
  }

  /** Ask for the code links of cards the user can see (the background skips those it knows). */
  lookupCode(ids: PaperId[]): void {
    // A code link the page itself shows reaches the background with `seen`, which may still be queued.
    const wanted = ids.filter((id) => !this.meta(id)?.code);
    if (wanted.length) void this.send({ type: 'lookupCode', ids: wanted }).catch(() => {});
  }

  applyBroadcast(message: Broadcast): void {
    if (message.type === 'changed') {
      this.take(message.records.filter((r) => this.metas.has(r.id) || this.readers.has(r.id)));
    } else if (message.type === 'tagsChanged') {
      void this.send<TagWithCount[]>({ type: 'listTags' }).then((tags) => {
        this.tags = tags;
        this.notify();
      });
    } else {
      this.settings = { ...DEFAULT_SETTINGS, ...(message.settings as Partial<Settings>) };
      this.notify();
    }
  }

  /**
   * Take records from the background, except for papers with an edit of this page still on its way (their reply
   * brings the final state) and records older than the one shown: a late answer must not undo what the user did.
   */
  private take(records: PaperRecord[]): void {
    // Broadcasts can arrive after a newer reply (the background sends them asynchronously): older states lose.
    const fresh = records.filter(
      (r) => !this.pending.get(r.id) && r.updatedAt >= (this.records.get(r.id)?.updatedAt ?? 0),
    );
    for (const r of fresh) this.records.set(r.id, r);
    if (fresh.length) this.notify(fresh.map((r) => r.id));
  }

  private metasFor(ids: PaperId[]): PaperMeta[] {
    return ids.flatMap((id) => {
      const m = this.meta(id);
      return m ? [m] : [];
    });
  }

  /** Optimistic edit: change local records now, send, then take the background's records (or roll back). */
  private async edit(
    ids: PaperId[],
    local: (r: PaperRecord) => PaperRecord,
    message: Request,
  ): Promise<PaperRecord[] | undefined> {
    const before = ids.map((id) => this.records.get(id));
    for (const [i, id] of ids.entries()) this.records.set(id, local(before[i] ?? this.blank(id)));
    this.notify(ids);
    for (const id of ids) this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    const settle = () => {
      for (const id of ids) {
        const left = (this.pending.get(id) ?? 1) - 1;
        if (left) this.pending.set(id, left);
        else this.pending.delete(id);
      }
    };
    try {
      const result = await this.send<PaperRecord[] | { records: PaperRecord[] }>(message);
      const records = Array.isArray(result) ? result : result.records;
      settle();
      this.take(records);
      // Saved edits of every paper whose edit failed: the user has acted on each again, seeing its stored state.
      if (this.failed.size) {
        for (const id of ids) this.failed.delete(id);
        if (!this.failed.size) this.dismissError();
      }
      // The answer holds the records the edit changed. A paper missing from it was already so (a request retried
      // after the stopped worker had written it, or a repeated edit): its record here still carries the updatedAt
      // from before the edit (0 for a paper new to the library), which an older record arriving later would pass
      // as newer. Its stored record is fetched: the newest state wins whatever arrives in between.
      const answered = new Set(records.map((r) => r.id));
      const unanswered = ids.filter((id) => !answered.has(id));
      if (unanswered.length) void this.lookup(unanswered).catch(() => {});
      return records;
    } catch (error) {
      settle();
      for (const [i, id] of ids.entries()) {
        const r = before[i];
        if (r) this.records.set(id, r);
        else this.records.delete(id);
      }
      for (const id of ids) this.failed.add(id);
      this.error = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
      this.notify();
      return undefined;
    }
  }

  dismissError(): void {
    this.failed.clear();
    this.error = undefined;
    this.notify();
  }

  setStatus(ids: PaperId[], status: ReadStatus) {
    return this.edit(ids, (r) => ({ ...r, status, inLibrary: 1 }), {
      type: 'setStatus',
      ids,
      status,
      metas: this.metasFor(ids),
    });
  }

  toggleStatus(id: PaperId, status: ReadStatus) {
    const current = this.records.get(id)?.status ?? 'unread';
    return this.setStatus([id], current === status ? 'unread' : status);
  }

  addTag(id: PaperId, name: string) {
    const clean = cleanTagName(name);
    if (!clean) return Promise.resolve(undefined);
    const known = this.tags.find((t) => t.key === tagKey(clean))?.name ?? clean;
    return this.edit(
      [id],
      (r) => ({ ...r, inLibrary: 1, tags: hasTag(r.tags, known) ? r.tags : [...r.tags, known] }),
      { type: 'addTag', ids: [id], tag: known, metas: this.metasFor([id]) },
    );
  }

  removeTag(id: PaperId, name: string) {
    return this.edit([id], (r) => ({ ...r, tags: r.tags.filter((t) => tagKey(t) !== tagKey(name)) }), {
      type: 'removeTag',
      ids: [id],
      tag: name,
    });
  }

  setNote(id: PaperId, note: string) {
    return this.edit([id], (r) => ({ ...r, note, inLibrary: 1 }), {
      type: 'setNote',
      id,
      note,
      metas: this.metasFor([id]),
    });
  }

  setCode(id: PaperId, code: CodeLink | null) {
    return this.edit([id], (r) => ({ ...r, code: code ?? undefined }), { type: 'setCode', id, code });
  }

  async setInLibrary(id: PaperId, inLibrary: boolean): Promise<void> {
    const previous = this.records.get(id);
    const changed = await this.edit(
      [id],
      (r) =>
        inLibrary ? { ...r, inLibrary: 1 } : { ...r, inLibrary: 0, tags: [], note: '', status: 'unread' },
      { type: 'setInLibrary', ids: [id], inLibrary, metas: this.metasFor([id]) },
    );
    if (!inLibrary && changed?.length && previous) {
      this.offerUndo('Removed from library', [previous]);
    }
  }

  /** Mark every given paper read; undo puts each back as it was. */
  async markAllRead(ids: PaperId[]): Promise<void> {
    const previous = ids.map((id) => this.records.get(id) ?? this.blank(id));
    const toChange = previous.filter((r) => r.status !== 'read' || !r.inLibrary);
    if (!toChange.length) return;
    const changed = await this.setStatus(
      toChange.map((r) => r.id),
      'read',
    );
    if (changed) this.offerUndo(`Marked ${changed.length} read`, toChange);
  }

  /**
   * A paper whose stored record has not arrived yet (a big page learns its records in chunks) is shown and
   * edited as a paper seen for the first time; `updatedAt` 0 lets any stored record replace it.
   */
  private blank(id: PaperId): PaperRecord {
    return { ...emptyRecord(this.meta(id) ?? { id }, Date.now()), updatedAt: 0 };
  }

  private offerUndo(label: string, previous: PaperRecord[]): void {
    this.undo = {
      label,
      undo: async () => {
        this.undo = undefined;
        const records = await this.send<PaperRecord[]>({ type: 'restore', records: previous });
        for (const r of records) this.records.set(r.id, r);
        this.notify();
      },
    };
    this.notify();
  }
}
