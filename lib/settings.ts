import type { MarginsDB } from './db';
import { DEFAULT_SETTINGS, type Settings } from './types';

export async function getSettings(db: MarginsDB): Promise<Settings> {
  const rows = await db.settings.toArray();
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Settings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function updateSettings(db: MarginsDB, patch: Partial<Settings>): Promise<Settings> {
  const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
  await db.settings.bulkPut(entries.map(([key, value]) => ({ key, value }) as never));
  return getSettings(db);
}
