// The JSON backup: everything needed to restore the library exactly (library papers with every field, the
// tag table with colours, the settings). Read back by `lib/import`.

import type { MarginsDB } from './db';
import { getSettings } from './settings';
import type { PaperRecord, Settings, TagInfo } from './types';

export const BACKUP_FORMAT = 'margins-backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  papers: PaperRecord[];
  tags: TagInfo[];
  settings: Settings;
}

/** What a backup holds, read in one transaction so papers and tags agree. Papers only remembered from pages
 *  (not in the library) carry no user data and are left out. */
export async function readLibrary(
  db: MarginsDB,
): Promise<{ papers: PaperRecord[]; tags: TagInfo[]; settings: Settings }> {
  return db.transaction('r', db.papers, db.tags, db.settings, async () => ({
    papers: await db.papers.where('inLibrary').equals(1).toArray(),
    tags: await db.tags.toArray(),
    settings: await getSettings(db),
  }));
}

/** One paper per line: a backup stays readable and diffable, and no bigger than it needs to be. */
export function renderBackup(
  papers: readonly PaperRecord[],
  tags: readonly TagInfo[],
  settings: Settings,
  exportedAt: number,
): string {
  const list = (items: readonly unknown[]) =>
    items.length ? `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]` : '[]';
  const members: [keyof BackupFile, string][] = [
    ['format', JSON.stringify(BACKUP_FORMAT)],
    ['version', JSON.stringify(BACKUP_VERSION)],
    ['exportedAt', JSON.stringify(new Date(exportedAt).toISOString())],
    ['settings', JSON.stringify(settings)],
    ['tags', list(tags)],
    ['papers', list(papers)],
  ];
  return `{\n${members.map(([key, value]) => `"${key}": ${value}`).join(',\n')}\n}\n`;
}
