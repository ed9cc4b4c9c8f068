import Dexie, { type EntityTable } from 'dexie';
import type { PaperRecord, Settings, TagInfo } from './types';

/** Cached answer of the Hugging Face papers API for one paper (also for papers not in the library). */
export interface CodeLookup {
  id: string;
  /** ms since epoch of the last answer. */
  checkedAt: number;
  found: boolean;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
}

export interface SettingRow {
  key: keyof Settings;
  value: Settings[keyof Settings];
}

export const DB_NAME = 'margins';

/**
 * The library lives in the extension's own origin (background, popup, extension pages), never in a page's:
 * a content script's IndexedDB belongs to the site it runs on.
 *
 * Schema history: every `version(n)` stays here forever, and `tests/unit/db-upgrade.test.ts` opens a database
 * of each earlier version to prove nothing is lost.
 */
export class MarginsDB extends Dexie {
  papers!: EntityTable<PaperRecord, 'id'>;
  tags!: EntityTable<TagInfo, 'key'>;
  settings!: EntityTable<SettingRow, 'key'>;
  codeLookups!: EntityTable<CodeLookup, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      papers: 'id, status, *tags, updatedAt, touchedAt, inLibrary, [inLibrary+touchedAt]',
      tags: 'key',
      settings: 'key',
      codeLookups: 'id, checkedAt',
    });
    // The library page's default order (newest added: `savedAt`, or `createdAt` for papers saved without one)
    // read from indexes, so its first rows need not wait for the whole library. Indexes only: no data changes.
    this.version(2).stores({
      papers:
        'id, status, *tags, updatedAt, touchedAt, inLibrary, [inLibrary+touchedAt], [inLibrary+savedAt], [inLibrary+createdAt]',
    });
  }
}

let shared: MarginsDB | undefined;

/** The database of this extension context, opened lazily (never at module load). */
export function getDb(): MarginsDB {
  shared ??= new MarginsDB();
  return shared;
}
