// Reading a Margins JSON backup. The file is checked as a whole (format, version, no duplicate ids) and each
// record on its own against the record schema, which also drops unknown keys: nothing in the file becomes
// anything but plain data.

import * as v from 'valibot';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../backup';
import { canonicalId } from '../ids';
import { PaperRecordSchema } from '../messages';
import { cleanTagName, defaultTagColor, tagKey } from '../tags';
import type { PaperRecord, Settings, TagInfo } from '../types';
import type { SkippedEntry } from './entries';
import { ImportError } from './read';

export interface ReadBackup {
  papers: PaperRecord[];
  tags: TagInfo[];
  settings: Partial<Settings>;
  skipped: SkippedEntry[];
}

const SettingsSchema = v.partial(
  v.object({
    readAppearance: v.picklist(['dim', 'hide', 'none']),
    openOn: v.picklist(['huggingface', 'arxiv']),
  }),
);
const TagSchema = v.object({ name: v.string(), color: v.optional(v.string()) });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readBackup(json: unknown): ReadBackup {
  if (!isObject(json) || json['format'] !== BACKUP_FORMAT)
    throw new ImportError('This JSON file is not a Margins backup.');
  const version = json['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ImportError('This backup has no valid version number; it may have been edited by hand.');
  if (version > BACKUP_VERSION)
    throw new ImportError(
      `This backup was made by a newer version of Margins (backup format ${version}). Update Margins, then import it again.`,
    );
  if (!Array.isArray(json['papers']))
    throw new ImportError('This backup has no list of papers; it is damaged.');

  const skipped: SkippedEntry[] = [];
  const papers: PaperRecord[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of (json['papers'] as unknown[]).entries()) {
    const label = isObject(raw) && typeof raw['id'] === 'string' ? raw['id'].slice(0, 100) : `paper ${i + 1}`;
    const parsed = v.safeParse(PaperRecordSchema, raw);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
      skipped.push({
        label,
        reason: `Not a valid paper record${where ? ` (${where})` : ''}: ${issue?.message ?? ''}`,
      });
      continue;
    }
    const record = parsed.output as PaperRecord;
    if (canonicalId(record.id) !== record.id) {
      skipped.push({ label, reason: 'Not a paper id Margins knows.' });
      continue;
    }
    // Our backups never repeat a paper; a file that does was changed, and guessing which copy is right
    // could lose an annotation.
    if (seen.has(record.id))
      throw new ImportError(
        `This backup lists the paper ${record.id} twice; it may have been edited by hand.`,
      );
    seen.add(record.id);
    papers.push(record);
  }

  const tags: TagInfo[] = [];
  for (const raw of Array.isArray(json['tags']) ? (json['tags'] as unknown[]) : []) {
    const parsed = v.safeParse(TagSchema, raw);
    const name = parsed.success ? cleanTagName(parsed.output.name) : undefined;
    if (!parsed.success || !name) continue;
    const key = tagKey(name);
    const color = /^#[0-9a-f]{6}$/i.test(parsed.output.color ?? '')
      ? parsed.output.color!
      : defaultTagColor(key);
    if (!tags.some((t) => t.key === key)) tags.push({ key, name, color });
  }

  const settings = v.safeParse(SettingsSchema, json['settings']);
  return { papers, tags, settings: settings.success ? settings.output : {}, skipped };
}
