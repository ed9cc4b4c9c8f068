// CSV per RFC 4180 (CRLF line ends, every field quoted when it holds a quote, comma or line break, quotes
// doubled). Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula, so such cells get
// a leading apostrophe: a title like "=HYPERLINK(...)" must show as text, never run.

import { arxivIdOf } from '../ids';
import type { PaperRecord } from '../types';
import { isoTime, paperFacts } from './paper-facts';

export const CSV_COLUMNS = [
  'id',
  'title',
  'authors',
  'year',
  'published',
  'status',
  'tags',
  'note',
  'url',
  'code',
  'stars',
  'added',
  'updated',
] as const;

export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(record: PaperRecord): (string | number | undefined)[] {
  const f = paperFacts(record);
  const values: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
    id: arxivIdOf(record.id) ?? record.id,
    title: record.title,
    authors: record.authors.join('; '),
    year: f.year,
    published: record.published,
    status: record.status,
    tags: record.tags.join('; '),
    note: record.note,
    url: f.url,
    code: record.code?.url,
    stars: record.code?.stars,
    added: isoTime(record.savedAt ?? record.createdAt),
    updated: isoTime(record.touchedAt ?? record.updatedAt),
  };
  return CSV_COLUMNS.map((c) => values[c]);
}

export function toCsv(records: readonly PaperRecord[]): string {
  const lines = [CSV_COLUMNS.join(','), ...records.map((r) => row(r).map(csvCell).join(','))];
  return lines.join('\r\n') + '\r\n';
}
