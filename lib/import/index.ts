// Import into the library in two steps: `planImport` reads and checks the file and tells what would be added
// and changed, writing nothing; `applyImport` writes it in one transaction, merging again against the library
// as it is then, so edits made while the user looked at the preview are not lost.
//
// Merging a backup: tags are united; status (with readAt), note and code link come from whichever copy the
// user touched last (`touchedAt ?? updatedAt`; a paper only remembered from a page has no annotations and
// never wins); metadata gaps are filled with `mergeMeta`. Entries from BibTeX or CSL-JSON add arXiv papers to
// the library, with the batch tag if one is given, and never overwrite an annotation.

import type { MarginsDB } from '../db';
import { emptyRecord, mergeMeta } from '../library';
import { cleanTagName, defaultTagColor, hasTag, tagKey } from '../tags';
import type { PaperId, PaperRecord, Settings, Sighting, TagInfo } from '../types';
import { readBackup } from './backup-file';
import { parseBibtex } from './bibtex-parse';
import { fromBibEntry, fromCslItem, type ImportEntry, type SkippedEntry } from './entries';
import {
  checkEntryCount,
  detectFormat,
  ImportError,
  parseJson,
  readSource,
  type ImportFormat,
  type ImportSource,
} from './read';

export {
  ImportError,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ENTRIES,
  type ImportFormat,
  type ImportSource,
} from './read';
export type { SkippedEntry } from './entries';

type Incoming = { kind: 'record'; record: PaperRecord } | { kind: 'entry'; entry: ImportEntry };

export interface ImportPlan {
  format: ImportFormat;
  /** Papers new to this browser. */
  add: number;
  /** Papers already here that the import changes. */
  change: number;
  /** Papers already here exactly as the import would leave them. */
  unchanged: number;
  /** Entries that will not be imported, each with the reason. */
  skipped: SkippedEntry[];
  /** Up to 50 papers the import adds or changes, for the preview. */
  sample: { id: PaperId; title: string; kind: 'add' | 'change' }[];
  /** Tags the import creates. */
  newTags: string[];
  /** Settings from a backup that this browser has never set. */
  settings: Partial<Settings>;
  /** The data to write; opaque to the UI. */
  readonly incoming: readonly Incoming[];
  readonly tags: readonly TagInfo[];
  readonly batchTag?: string;
}

export interface ImportOptions {
  /** A tag put on every paper of a BibTeX or CSL-JSON import ("from zotero"). */
  tag?: string;
  now?: number;
}

export interface ImportResult {
  added: number;
  changed: number;
  unchanged: number;
  /** The records written, for broadcasting. */
  records: PaperRecord[];
}

const MAX_SIGHTINGS = 10;
const SAMPLE_SIZE = 50;

/** When the user last edited a record's annotations; a record outside the library has none to keep. */
function annotatedAt(record: PaperRecord): number {
  return record.inLibrary ? (record.touchedAt ?? record.updatedAt) : -Infinity;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function unionSightings(a: Sighting[], b: Sighting[]): Sighting[] {
  const known = (s: Sighting) => a.some((t) => t.site === s.site && t.url === s.url && t.at >= s.at);
  if (b.every(known)) return a;
  const byPlace = new Map<string, Sighting>();
  for (const s of [...a, ...b]) {
    const key = `${s.site} ${s.url}`;
    if ((byPlace.get(key)?.at ?? -Infinity) < s.at) byPlace.set(key, s);
  }
  return [...byPlace.values()].sort((x, y) => y.at - x.at).slice(0, MAX_SIGHTINGS);
}

/** Tag names in this library's spelling, without duplicates. */
function spelled(names: readonly string[], spelling: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const name of names) {
    const clean = cleanTagName(name);
    if (clean && !hasTag(out, clean)) out.push(spelling.get(tagKey(clean)) ?? clean);
  }
  return out;
}

function mergeRecord(
  current: PaperRecord | undefined,
  incoming: PaperRecord,
  spelling: ReadonlyMap<string, string>,
): PaperRecord {
  const theirs = { ...incoming, tags: spelled(incoming.tags, spelling) };
  if (!current) return theirs;
  const [newer, older] = annotatedAt(theirs) > annotatedAt(current) ? [theirs, current] : [current, theirs];
  const meta = mergeMeta(current, theirs);
  // The user's own decision about the code link (set by hand, or cleared) outranks any link a page offered.
  const decided = [newer, older].find((r) => r.codeCleared || r.code?.source === 'user');
  const merged: PaperRecord = {
    ...meta,
    status: newer.status,
    note: newer.note,
    code: decided ? decided.code : meta.code,
    codeCleared: decided?.codeCleared,
    tags: spelled([...current.tags, ...theirs.tags], spelling),
    seen: unionSightings(current.seen, theirs.seen),
    inLibrary: current.inLibrary || theirs.inLibrary ? 1 : 0,
    createdAt: Math.min(current.createdAt, theirs.createdAt),
  };
  const optional = {
    readAt: newer.readAt,
    savedAt: minDefined(current.savedAt, theirs.savedAt),
    touchedAt: maxDefined(current.touchedAt, theirs.touchedAt),
    metaCheckedAt: maxDefined(current.metaCheckedAt, theirs.metaCheckedAt),
  };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, number | undefined][]) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  if (merged.code === undefined) delete merged.code;
  if (merged.codeCleared === undefined) delete merged.codeCleared;
  return merged;
}

function mergeEntry(
  current: PaperRecord | undefined,
  entry: ImportEntry,
  batchTag: string | undefined,
  now: number,
): PaperRecord {
  const base = current ? mergeMeta(current, entry.meta) : emptyRecord(entry.meta, now);
  const tags = batchTag && !hasTag(base.tags, batchTag) ? [...base.tags, batchTag] : base.tags;
  const note = base.note || entry.note;
  const annotated = !base.inLibrary || tags !== base.tags || note !== base.note;
  return {
    ...base,
    tags,
    note,
    inLibrary: 1,
    ...(annotated && { touchedAt: now, savedAt: base.savedAt ?? now }),
  };
}

/** Plain-data equality, blind to key order (stored and parsed records list their keys differently). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function same(a: PaperRecord, b: PaperRecord): boolean {
  return deepEqual({ ...a, updatedAt: 0 }, { ...b, updatedAt: 0 });
}

interface Outcome {
  records: PaperRecord[];
  added: number;
  changed: number;
  unchanged: number;
  sample: ImportPlan['sample'];
  newTags: TagInfo[];
}

/** The records an import writes, given the library as it is now; pure apart from the reads. */
async function resolve(
  db: MarginsDB,
  incoming: readonly Incoming[],
  tags: readonly TagInfo[],
  batchTag: string | undefined,
  now: number,
): Promise<Outcome> {
  const ids = incoming.map((i) => (i.kind === 'record' ? i.record.id : i.entry.meta.id));
  const [stored, storedTags] = await Promise.all([db.papers.bulkGet(ids), db.tags.toArray()]);
  const spelling = new Map(storedTags.map((t) => [t.key, t.name]));
  const newTags: TagInfo[] = [];
  const addTag = (tag: TagInfo) => {
    if (spelling.has(tag.key)) return;
    spelling.set(tag.key, tag.name);
    newTags.push(tag);
  };
  for (const tag of tags) addTag(tag);
  const batch = batchTag && (spelling.get(tagKey(batchTag)) ?? batchTag);
  const out: Outcome = { records: [], added: 0, changed: 0, unchanged: 0, sample: [], newTags };
  for (const [i, item] of incoming.entries()) {
    const current = stored[i];
    const next =
      item.kind === 'record'
        ? mergeRecord(current, item.record, spelling)
        : mergeEntry(current, item.entry, batch, now);
    for (const name of next.tags) addTag({ key: tagKey(name), name, color: defaultTagColor(tagKey(name)) });
    if (current && same(current, next)) {
      out.unchanged++;
      continue;
    }
    // A restored record keeps its own timestamps; a merged or created one was updated now.
    out.records.push(current || item.kind === 'entry' ? { ...next, updatedAt: now } : next);
    if (current) out.changed++;
    else out.added++;
    if (out.sample.length < SAMPLE_SIZE)
      out.sample.push({ id: next.id, title: next.title, kind: current ? 'change' : 'add' });
  }
  return out;
}

function readEntries(
  format: 'bibtex' | 'csljson',
  text: string,
): { entries: ImportEntry[]; skipped: SkippedEntry[] } {
  const entries: ImportEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const results: (ImportEntry | SkippedEntry)[] = [];
  if (format === 'bibtex') {
    const parsed = parseBibtex(text);
    if (!parsed.entries.length && parsed.errors.length)
      throw new ImportError(
        `This BibTeX file could not be read (line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}).`,
      );
    for (const e of parsed.errors)
      skipped.push({ label: `entry on line ${e.line}`, reason: `Could not be read: ${e.message}.` });
    results.push(...parsed.entries.map(fromBibEntry));
  } else {
    const json = parseJson(text, 'CSL-JSON file');
    const items = Array.isArray(json) ? json : typeof json === 'object' && json !== null ? [json] : undefined;
    if (!items) throw new ImportError('This JSON file is not CSL-JSON (a list of references).');
    for (const [i, item] of items.entries()) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        skipped.push({ label: `item ${i + 1}`, reason: 'Not a reference (not a JSON object).' });
        continue;
      }
      results.push(fromCslItem(item as Record<string, unknown>, i));
    }
  }
  const firstLabel = new Map<PaperId, string>();
  for (const r of results) {
    if (!('meta' in r)) {
      skipped.push(r);
    } else if (firstLabel.has(r.meta.id)) {
      skipped.push({
        label: r.label,
        reason: `Same paper as "${firstLabel.get(r.meta.id)}" (${r.meta.id}).`,
      });
    } else {
      firstLabel.set(r.meta.id, r.label);
      entries.push(r);
    }
  }
  return { entries, skipped };
}

/** Read `source` and tell what importing it would do. Writes nothing; throws `ImportError` for a file that
 *  cannot be imported at all. */
export async function planImport(
  db: MarginsDB,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportPlan> {
  const text = await readSource(source);
  const format = detectFormat(text);
  checkEntryCount(text, format);
  const now = options.now ?? Date.now();
  let incoming: Incoming[];
  let skipped: SkippedEntry[];
  let tags: TagInfo[] = [];
  let settings: Partial<Settings> = {};
  let batchTag: string | undefined;
  if (format === 'backup') {
    const backup = readBackup(parseJson(text, 'backup'));
    incoming = backup.papers.map((record) => ({ kind: 'record', record }));
    ({ skipped, tags } = backup);
    const stored = new Set((await db.settings.toArray()).map((s) => s.key));
    settings = Object.fromEntries(
      Object.entries(backup.settings).filter(([key]) => !stored.has(key as keyof Settings)),
    );
  } else {
    const read = readEntries(format, text);
    incoming = read.entries.map((entry) => ({ kind: 'entry', entry }));
    skipped = read.skipped;
    if (options.tag !== undefined) {
      batchTag = cleanTagName(options.tag);
      if (!batchTag) throw new ImportError('The tag for this import needs at least one visible character.');
    }
  }
  const outcome = await db.transaction('r', db.papers, db.tags, () =>
    resolve(db, incoming, tags, batchTag, now),
  );
  return {
    format,
    add: outcome.added,
    change: outcome.changed,
    unchanged: outcome.unchanged,
    skipped,
    sample: outcome.sample,
    newTags: outcome.newTags.map((t) => t.name),
    settings,
    incoming,
    tags,
    ...(batchTag && { batchTag }),
  };
}

/** Write a planned import in one transaction: all of it, or (on any error) nothing. */
export async function applyImport(db: MarginsDB, plan: ImportPlan, now = Date.now()): Promise<ImportResult> {
  return db.transaction('rw', db.papers, db.tags, db.settings, async () => {
    const outcome = await resolve(db, plan.incoming, plan.tags, plan.batchTag, now);
    if (outcome.records.length) await db.papers.bulkPut(outcome.records);
    if (outcome.newTags.length) await db.tags.bulkPut(outcome.newTags);
    // Settings only fill what this browser never set, checked again inside the transaction.
    const stored = new Set((await db.settings.toArray()).map((s) => s.key));
    const rows = Object.entries(plan.settings)
      .filter(([key]) => !stored.has(key as keyof Settings))
      .map(([key, value]) => ({ key: key as keyof Settings, value }));
    if (rows.length) await db.settings.bulkPut(rows);
    return {
      added: outcome.added,
      changed: outcome.changed,
      unchanged: outcome.unchanged,
      records: outcome.records,
    };
  });
}
