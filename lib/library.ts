// Library operations: plain functions over the database, shared by the background (for content scripts) and
// the extension pages. Every write runs in one read-write transaction, so two writers on one paper never lose
// each other's changes, and returns the records it changed so callers can broadcast them.

import type { MarginsDB } from './db';
import { normaliseGithubRepo } from './github';
import { isSafeCodeUrl, isSafeProjectPage } from './limits';
import { cleanTagName, defaultTagColor, hasTag, tagKey } from './tags';
import type { CodeLink, PaperId, PaperMeta, PaperRecord, ReadStatus, Sighting, TagInfo } from './types';

export const NOTE_MAX_LENGTH = 10_000;
/** Sightings kept per paper: the newest per site and URL. */
const MAX_SIGHTINGS = 10;

export class LibraryError extends Error {}

/** A paper seen for the first time: no annotations, not in the library. */
export function emptyRecord(meta: PaperMeta, now: number): PaperRecord {
  return {
    ...meta,
    title: meta.title ?? '',
    authors: meta.authors ?? [],
    seen: [],
    status: 'unread',
    tags: [],
    note: '',
    inLibrary: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Fill what the record lacks from what a page shows now. A full author list beats a truncated one;
 *  a user-set code link is never replaced by anything a page says. */
export function mergeMeta(record: PaperRecord, meta: PaperMeta): PaperRecord {
  const next: PaperRecord = { ...record };
  const fill = <K extends keyof PaperMeta>(key: K) => {
    const value = meta[key];
    if (value !== undefined && value !== '' && (next[key] === undefined || next[key] === '')) {
      (next as PaperMeta)[key] = value;
    }
  };
  for (const key of [
    'abstract',
    'published',
    'updated',
    'primaryCategory',
    'categories',
    'comments',
    'journalRef',
    'doi',
  ] as const) {
    fill(key);
  }
  if (meta.projectPage && isSafeProjectPage(meta.projectPage) && !next.projectPage) {
    next.projectPage = meta.projectPage;
  }
  if (meta.title && !next.title) next.title = meta.title;
  if (meta.authors?.length) {
    const betterAuthors =
      !next.authors.length ||
      (next.authorsTruncated && !meta.authorsTruncated) ||
      (next.authorsTruncated && meta.authors.length > next.authors.length);
    if (betterAuthors) {
      next.authors = meta.authors;
      next.authorsTruncated = meta.authorsTruncated;
    }
  }
  if (meta.upvotes !== undefined) next.upvotes = meta.upvotes;
  // Only ever a normalised GitHub repository, whoever sent the link.
  if (meta.code && isSafeCodeUrl(meta.code.url) && next.code?.source !== 'user' && !next.codeCleared) {
    const rank = { user: 0, page: 1, text: 2, api: 3 } as const;
    if (!next.code || rank[meta.code.source] <= rank[next.code.source]) next.code = meta.code;
  }
  return next;
}

function addSighting(seen: Sighting[], sighting: Sighting): Sighting[] {
  const rest = seen.filter((s) => !(s.site === sighting.site && s.url === sighting.url));
  return [sighting, ...rest].slice(0, MAX_SIGHTINGS);
}

/**
 * Every write moves a record's `updatedAt` forward, even within one millisecond: views keep the newest state
 * they have seen by this stamp, so a page's `seen` answered in the same millisecond as the user's click must
 * not look as new as the click.
 */
function nextUpdatedAt(before: PaperRecord | undefined, now: number): number {
  return before ? Math.max(now, before.updatedAt + 1) : now;
}

function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Remember the papers a page shows (metadata only; the user's annotations are untouched) and return the
 * stored record of each, in input order. Writes only records whose content changed.
 */
export async function recordSeen(
  db: MarginsDB,
  metas: PaperMeta[],
  where: Omit<Sighting, 'at'>,
  now = Date.now(),
): Promise<PaperRecord[]> {
  return db.transaction('rw', db.papers, async () => {
    const existing = await db.papers.bulkGet(metas.map((m) => m.id));
    const changed: PaperRecord[] = [];
    const result = metas.map((meta, i) => {
      const before = existing[i];
      const merged = mergeMeta(before ?? emptyRecord(meta, now), meta);
      const seen = addSighting(merged.seen, { ...where, at: now });
      // Re-seeing the same page only moves its timestamp: not worth a write on every visit.
      const seenChanged = !before || before.seen[0]?.url !== where.url || before.seen[0]?.site !== where.site;
      const next = { ...merged, seen: seenChanged ? seen : merged.seen };
      if (!before || !sameRecord(before, next)) {
        next.updatedAt = nextUpdatedAt(before, now);
        changed.push(next);
      }
      return next;
    });
    if (changed.length) await db.papers.bulkPut(changed);
    return result;
  });
}

export async function getMany(db: MarginsDB, ids: PaperId[]): Promise<(PaperRecord | undefined)[]> {
  return db.papers.bulkGet(ids);
}

/** Apply `change` to each paper in one transaction; papers not yet known are created from `metas`. */
async function update(
  db: MarginsDB,
  ids: PaperId[],
  change: (record: PaperRecord, now: number) => PaperRecord | undefined,
  metas: PaperMeta[] = [],
  now = Date.now(),
): Promise<PaperRecord[]> {
  return db.transaction('rw', db.papers, db.tags, async () => {
    const existing = await db.papers.bulkGet(ids);
    const metaById = new Map(metas.map((m) => [m.id, m]));
    const changed: PaperRecord[] = [];
    for (const [i, id] of ids.entries()) {
      const meta = metaById.get(id);
      let record = existing[i];
      if (!record) {
        if (!meta) continue;
        record = emptyRecord(meta, now);
      } else if (meta) {
        record = mergeMeta(record, meta);
      }
      const next = change(record, now);
      if (next && (!existing[i] || !sameRecord(existing[i]!, next)))
        changed.push({ ...next, updatedAt: nextUpdatedAt(existing[i], now) });
    }
    if (changed.length) await db.papers.bulkPut(changed);
    await ensureTagsExist(
      db,
      changed.flatMap((r) => r.tags),
    );
    return changed;
  });
}

/** What any user edit implies: the paper is in the library and was just touched. */
function touched(record: PaperRecord, now: number): PaperRecord {
  return { ...record, inLibrary: 1, savedAt: record.savedAt ?? now, touchedAt: now };
}

export function setStatus(db: MarginsDB, ids: PaperId[], status: ReadStatus, metas?: PaperMeta[]) {
  return update(
    db,
    ids,
    (r, now) => {
      if (r.status === status && r.inLibrary) return undefined;
      return {
        ...touched(r, now),
        status,
        readAt: status === 'read' ? (r.status === 'read' ? r.readAt : now) : r.readAt,
      };
    },
    metas,
  );
}

export async function addTag(db: MarginsDB, ids: PaperId[], name: string, metas?: PaperMeta[]) {
  const typed = cleanTagName(name);
  if (!typed) throw new LibraryError('A tag needs at least one visible character.');
  // The spelling is read inside the write: a request must start its transaction as it arrives, or a removal
  // sent right after this addition could be written before it.
  return db.transaction('rw', db.papers, db.tags, async () => {
    // Every paper carries a tag in one spelling: the one it was first created with.
    const clean = (await db.tags.get(tagKey(typed)))?.name ?? typed;
    return update(
      db,
      ids,
      (r, now) =>
        hasTag(r.tags, clean) && r.inLibrary
          ? undefined
          : { ...touched(r, now), tags: withTag(r.tags, clean) },
      metas,
    );
  });
}

function withTag(tags: string[], name: string): string[] {
  return hasTag(tags, name) ? tags : [...tags, name];
}

export function removeTag(db: MarginsDB, ids: PaperId[], name: string) {
  const key = tagKey(name);
  return update(db, ids, (r, now) =>
    hasTag(r.tags, name) ? { ...touched(r, now), tags: r.tags.filter((t) => tagKey(t) !== key) } : undefined,
  );
}

export function setNote(db: MarginsDB, id: PaperId, note: string, metas?: PaperMeta[]) {
  const text = note.slice(0, NOTE_MAX_LENGTH);
  return update(
    db,
    [id],
    (r, now) => (r.note === text ? undefined : { ...touched(r, now), note: text }),
    metas,
  );
}

/** Save to the library, or remove from it. Removing forgets the user's annotations (status, tags, note,
 *  hand-set code link); callers keep the returned previous records to offer undo via `restore`. */
export async function setInLibrary(db: MarginsDB, ids: PaperId[], inLibrary: boolean, metas?: PaperMeta[]) {
  if (inLibrary) {
    return update(db, ids, (r, now) => (r.inLibrary ? undefined : touched(r, now)), metas);
  }
  return update(db, ids, (r, now) => {
    if (!r.inLibrary) return undefined;
    const { savedAt: _s, readAt: _r, touchedAt: _t, ...rest } = r;
    return {
      ...rest,
      inLibrary: 0,
      status: 'unread',
      tags: [],
      note: '',
      code: r.code?.source === 'user' ? undefined : r.code,
      updatedAt: now,
    };
  });
}

/** Put records back exactly as they were (undo of a removal or a bulk change). */
export async function restore(
  db: MarginsDB,
  records: PaperRecord[],
  now = Date.now(),
): Promise<PaperRecord[]> {
  // Links that could never have been stored (not a GitHub repository, a non-https project page) are dropped,
  // whoever sent them.
  const back = records.map((r) => {
    const { code, projectPage, ...rest } = r;
    return {
      ...rest,
      ...(code && isSafeCodeUrl(code.url) ? { code } : {}),
      ...(projectPage && isSafeProjectPage(projectPage) ? { projectPage } : {}),
      updatedAt: now,
    };
  });
  await db.transaction('rw', db.papers, db.tags, async () => {
    await db.papers.bulkPut(back);
    await ensureTagsExist(
      db,
      back.flatMap((r) => r.tags),
    );
  });
  return back;
}

/** Set the code link by hand (`null` clears it and keeps it cleared: a user choice outranks every source). */
export async function setCode(db: MarginsDB, id: PaperId, code: CodeLink | null) {
  const url = code && normaliseGithubRepo(code.url);
  if (code && !url)
    throw new LibraryError('Only links to a GitHub repository (https://github.com/owner/repo).');
  return update(db, [id], (r, now) => {
    if (code === null) return { ...touched(r, now), code: undefined, codeCleared: true };
    return { ...touched(r, now), code: { url: url!, at: now, source: 'user' }, codeCleared: undefined };
  });
}

async function ensureTagsExist(db: MarginsDB, names: string[]): Promise<void> {
  if (!names.length) return;
  const byKey = new Map(names.map((n) => [tagKey(n), n]));
  const known = await db.tags.bulkGet([...byKey.keys()]);
  const missing: TagInfo[] = [];
  [...byKey].forEach(([key, name], i) => {
    if (!known[i]) missing.push({ key, name, color: defaultTagColor(key) });
  });
  if (missing.length) await db.tags.bulkPut(missing);
}

export interface TagWithCount extends TagInfo {
  count: number;
}

/** Every tag with the number of library papers carrying it, most used first. */
export async function listTags(db: MarginsDB): Promise<TagWithCount[]> {
  const tags = await db.tags.toArray();
  const counts = new Map<string, number>();
  await db.papers
    .where('inLibrary')
    .equals(1)
    .each((r) => {
      for (const t of r.tags) counts.set(tagKey(t), (counts.get(tagKey(t)) ?? 0) + 1);
    });
  return tags
    .map((t) => ({ ...t, count: counts.get(t.key) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Rename a tag everywhere; renaming onto an existing tag merges the two. */
export async function renameTag(db: MarginsDB, from: string, to: string): Promise<PaperRecord[]> {
  const clean = cleanTagName(to);
  if (!clean) throw new LibraryError('A tag needs at least one visible character.');
  const fromKey = tagKey(from);
  return db.transaction('rw', db.papers, db.tags, async () => {
    const now = Date.now();
    const old = await db.tags.get(fromKey);
    const target = await db.tags.get(tagKey(clean));
    const papers = await db.papers.filter((r) => r.tags.some((t) => tagKey(t) === fromKey)).toArray();
    const changed = papers.map((r) => {
      const tags = r.tags.filter((t) => tagKey(t) !== fromKey);
      return { ...r, tags: withTag(tags, target?.name ?? clean), updatedAt: nextUpdatedAt(r, now) };
    });
    await db.papers.bulkPut(changed);
    await db.tags.delete(fromKey);
    if (!target || target.key === fromKey) {
      await db.tags.put({
        key: tagKey(clean),
        name: clean,
        color: old?.color ?? defaultTagColor(tagKey(clean)),
      });
    }
    return changed;
  });
}

export async function deleteTag(db: MarginsDB, name: string): Promise<PaperRecord[]> {
  const key = tagKey(name);
  return db.transaction('rw', db.papers, db.tags, async () => {
    const now = Date.now();
    const papers = await db.papers.filter((r) => r.tags.some((t) => tagKey(t) === key)).toArray();
    const changed = papers.map((r) => ({
      ...r,
      tags: r.tags.filter((t) => tagKey(t) !== key),
      updatedAt: nextUpdatedAt(r, now),
    }));
    await db.papers.bulkPut(changed);
    await db.tags.delete(key);
    return changed;
  });
}

export async function setTagColor(db: MarginsDB, name: string, color: string): Promise<void> {
  if (!/^#[0-9a-f]{6}$/i.test(color)) throw new LibraryError(`Not a colour: ${color}`);
  await db.tags.update(tagKey(name), { color });
}
