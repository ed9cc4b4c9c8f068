// Reference-manager entries (BibTeX, CSL-JSON) as papers: an entry is an arXiv paper when it carries an
// arXiv id somewhere a reference manager puts one (eprint + archivePrefix, an arXiv DOI, an arxiv.org URL,
// `arXiv:<id>` in journal, number or note). Everything else is listed as skipped with the reason.

import { canonicalId } from '../ids';
import { NOTE_MAX_LENGTH } from '../library';
import type { PaperMeta } from '../types';
import { bibtexNames, latexToText, type BibEntry } from './bibtex-parse';

export interface ImportEntry {
  /** How the preview names the entry: its key or title. */
  label: string;
  meta: PaperMeta;
  note: string;
}

export interface SkippedEntry {
  label: string;
  reason: string;
}

export const MAX_TITLE = 2_000;
const MAX_AUTHORS = 5_000;
const MAX_AUTHOR = 300;
const MAX_ABSTRACT = 20_000;

const ARXIV_URL = /arxiv\.org\/(?:abs|pdf|html)\/([a-z-]+(?:\.[a-z-]+)?\/\d{7}|\d{4}\.\d{4,5})/i;
const ARXIV_PREFIXED = /arxiv:\s*([a-z-]+(?:\.[a-z-]+)?\/\d{7}|\d{4}\.\d{4,5})/i;
const ARXIV_DOI = /10\.48550\/arxiv\.([a-z-]+(?:\.[a-z-]+)?\/\d{7}|\d{4}\.\d{4,5})/i;

/** The first arXiv id found in these texts, in the order given. */
export function findArxivId(texts: readonly (string | undefined)[]): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    for (const pattern of [ARXIV_DOI, ARXIV_URL, ARXIV_PREFIXED]) {
      const m = pattern.exec(text);
      const id = m && canonicalId(m[1]!);
      if (id) return id;
    }
  }
  return undefined;
}

function clip(text: string | undefined, max: number): string | undefined {
  const clean = text?.replace(/\s+/g, ' ').trim();
  return clean ? [...clean].slice(0, max).join('') : undefined;
}

/** An ISO date (`2017`, `2017-06`, `2017-06-12`) from year/month/day parts, or undefined. */
function isoDate(year: unknown, month?: unknown, day?: unknown): string | undefined {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1000 || y > 9999) return undefined;
  const m = Number(month);
  if (!Number.isInteger(m) || m < 1 || m > 12) return String(y);
  const d = Number(day);
  const mm = String(m).padStart(2, '0');
  return Number.isInteger(d) && d >= 1 && d <= 31 ? `${y}-${mm}-${String(d).padStart(2, '0')}` : `${y}-${mm}`;
}

function withoutIdLines(note: string): string {
  // Zotero writes "arXiv:1706.03762 [cs]" into the note of every arXiv item: that is no user note.
  return note
    .split('\n')
    .filter((l) => !/^\s*arxiv:\S+(?:\s+\[[^\]]*\])?\s*$/i.test(l))
    .join('\n')
    .trim();
}

function skipReason(hasDoi: boolean): string {
  return hasDoi
    ? 'No arXiv id: its DOI is not an arXiv DOI, and Margins keeps arXiv papers only.'
    : 'No arXiv id (eprint, arXiv DOI, arxiv.org link or "arXiv:" number) in this entry.';
}

export function fromBibEntry(entry: BibEntry): ImportEntry | SkippedEntry {
  const f = entry.fields;
  const title = clip(latexToText(f['title'] ?? ''), MAX_TITLE);
  const label = entry.key || title || `entry on line ${entry.line}`;
  const prefix = (f['archiveprefix'] ?? f['eprinttype'] ?? '').toLowerCase();
  // An eprint without a prefix still counts when it has the unmistakable shape of an arXiv id.
  const eprint = f['eprint'] && (prefix === 'arxiv' || !prefix) ? canonicalId(f['eprint']) : undefined;
  const id =
    eprint ??
    findArxivId([f['doi'], f['url'], f['eprint'], f['journal'], f['note'], f['howpublished'], f['arxivid']]);
  if (!id) return { label, reason: skipReason(!!f['doi']) };
  const { names, truncated } = bibtexNames(f['author'] ?? '');
  const meta: PaperMeta = { id };
  if (title) meta.title = title;
  if (names.length) {
    meta.authors = names.slice(0, MAX_AUTHORS).map((n) => clip(n, MAX_AUTHOR)!);
    if (truncated) meta.authorsTruncated = true;
  }
  const abstract = clip(latexToText(f['abstract'] ?? ''), MAX_ABSTRACT);
  if (abstract) meta.abstract = abstract;
  const [year, month, day] = f['date'] ? f['date'].split('-') : [f['year'], f['month']];
  const published = isoDate(year, month, day);
  if (published) meta.published = published;
  const primary = clip(f['primaryclass'], 40);
  if (primary) meta.primaryCategory = primary;
  const note = latexToText(f['annote'] ?? f['annotation'] ?? '', { keepLines: true });
  return { label, meta, note: note.slice(0, NOTE_MAX_LENGTH) };
}

type CslName = { family?: unknown; given?: unknown; literal?: unknown; suffix?: unknown };

function cslText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function fromCslItem(item: Record<string, unknown>, index: number): ImportEntry | SkippedEntry {
  const title = clip(cslText(item['title']), MAX_TITLE);
  const label = cslText(item['citation-key']) ?? cslText(item['id']) ?? title ?? `item ${index + 1}`;
  const id = findArxivId([
    cslText(item['DOI']),
    cslText(item['URL']),
    cslText(item['number']),
    cslText(item['archive_location']),
    cslText(item['container-title']),
    cslText(item['note']),
    cslText(item['id']),
  ]);
  if (!id) return { label, reason: skipReason(!!item['DOI']) };
  const meta: PaperMeta = { id };
  if (title) meta.title = title;
  const authors = (Array.isArray(item['author']) ? (item['author'] as CslName[]) : [])
    .map((a) =>
      typeof a === 'object' && a !== null
        ? (cslText(a.literal) ?? [a.given, a.family, a.suffix].map(cslText).filter(Boolean).join(' '))
        : undefined,
    )
    .map((n) => clip(n, MAX_AUTHOR))
    .filter((n): n is string => !!n);
  if (authors.length) meta.authors = authors.slice(0, MAX_AUTHORS);
  const abstract = clip(cslText(item['abstract']), MAX_ABSTRACT);
  if (abstract) meta.abstract = abstract;
  const issued = item['issued'] as { 'date-parts'?: unknown[][] } | undefined;
  const parts = Array.isArray(issued?.['date-parts']?.[0]) ? issued['date-parts'][0] : [];
  const published = isoDate(parts[0], parts[1], parts[2]);
  if (published) meta.published = published;
  const note = withoutIdLines((cslText(item['note']) ?? '').replace(/\r\n?/g, '\n'));
  return { label, meta, note: note.slice(0, NOTE_MAX_LENGTH) };
}
