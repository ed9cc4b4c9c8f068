// What every citation format needs from a record, derived once: the bare arXiv id, its links and DOI, the
// date parts, and the citation key.

import { arxivIdOf, bareArxivDoi, bareArxivUrl } from '../ids';
import type { PaperRecord } from '../types';
import { parseName } from './names';

export interface PaperFacts {
  /** Bare arXiv id (`1706.03762`, `hep-th/9901001`), or undefined for a non-arXiv id. */
  arxivId?: string;
  url?: string;
  doi?: string;
  /** [year, month?, day?] of the first version; from the id's YYMM when the record has no date. */
  dateParts?: number[];
  year?: number;
  /** Primary category; for old-style ids the archive is a fair stand-in. */
  primaryClass?: string;
}

function datePartsOf(record: PaperRecord, arxivId: string | undefined): number[] | undefined {
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(record.published ?? '');
  if (iso)
    return iso
      .slice(1)
      .filter((p) => p !== undefined)
      .map(Number);
  // An arXiv id encodes the month of its first submission: 1706.03762 → June 2017, hep-th/9901001 → Jan 1999.
  const yymm = /^(\d{2})(\d{2})\./.exec(arxivId ?? '') ?? /\/(\d{2})(\d{2})\d{3}$/.exec(arxivId ?? '');
  if (!yymm) return undefined;
  const yy = Number(yymm[1]);
  return [yy >= 91 ? 1900 + yy : 2000 + yy, Number(yymm[2])];
}

export function paperFacts(record: PaperRecord): PaperFacts {
  const arxivId = arxivIdOf(record.id);
  const dateParts = datePartsOf(record, arxivId);
  return {
    arxivId,
    url: arxivId && bareArxivUrl(arxivId),
    doi: (arxivId && bareArxivDoi(arxivId)) ?? record.doi,
    dateParts,
    year: dateParts?.[0],
    primaryClass: record.primaryCategory ?? (arxivId?.includes('/') ? arxivId.split('/')[0] : undefined),
  };
}

/** Plain ASCII letters and digits only: keys must survive every LaTeX toolchain. */
export function asciiFold(text: string): string {
  if (/^[a-zA-Z0-9]*$/.test(text)) return text.toLowerCase();
  const special: Record<string, string> = {
    ß: 'ss',
    æ: 'ae',
    œ: 'oe',
    ø: 'o',
    ł: 'l',
    đ: 'd',
    ð: 'd',
    þ: 'th',
    ı: 'i',
  };
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæœøłđðþı]/g, (ch) => special[ch] ?? '')
    .replace(/[^a-z0-9]/g, '');
}

const STOP_WORDS = new Set(
  'a an the on of for in to and or with without towards toward via is are from by at as do does we our its into'.split(
    ' ',
  ),
);

function baseKey(record: PaperRecord, facts: PaperFacts): string {
  const first = record.authors[0];
  const author = first ? asciiFold(parseName(first).family) : '';
  let word = '';
  for (const raw of record.title.replace(/\$[^$]*\$/g, ' ').split(/[\s\-–—:;,.!?/()[\]{}"'`]+/)) {
    word = asciiFold(raw);
    if (word && !STOP_WORDS.has(word)) break;
    word = '';
  }
  return `${author || 'anon'}${facts.year ?? ''}${word}`;
}

function suffix(n: number): string {
  // 0 → a, 25 → z, 26 → aa: as many letters as it takes.
  let s = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) s = String.fromCharCode(97 + (i % 26)) + s;
  return s;
}

/**
 * A citation key per record (`vaswani2017attention`), unique within the export. Keys do not depend on the
 * order records are passed in: collisions are resolved in id order, the first keeps the plain key and the
 * next ones get a, b, c.
 */
export function citationKeys(records: readonly PaperRecord[], facts: readonly PaperFacts[]): string[] {
  const bases = records.map((r, i) => baseKey(r, facts[i]!));
  const order = records.map((_, i) => i).sort((a, b) => compareIds(records[a]!.id, records[b]!.id));
  const used = new Set<string>();
  const keys: string[] = new Array<string>(records.length);
  // Plain keys first, so a suffixed key never takes another paper's plain key.
  const plainTaken = new Set<string>();
  for (const i of order) {
    if (!plainTaken.has(bases[i]!)) {
      plainTaken.add(bases[i]!);
      keys[i] = bases[i]!;
      used.add(bases[i]!);
    }
  }
  for (const i of order) {
    if (keys[i] !== undefined) continue;
    let n = 0;
    while (used.has(bases[i]! + suffix(n))) n++;
    keys[i] = bases[i]! + suffix(n);
    used.add(keys[i]);
  }
  return keys;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text on one line with single spaces. Most text already is, so it is checked before it is copied. */
export function oneLine(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/** "2026-01-01T00:00:00.000Z" for a timestamp, or '' when there is none. */
export function isoTime(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}
