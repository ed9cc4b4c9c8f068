// RIS as Zotero, EndNote and Mendeley read it: one `TAG  - value` per line, CRLF, each record closed by
// `ER  - `. Preprints are `GEN` (generic), the one type every reader accepts; the arXiv id goes in the
// accession number and the repository in the publisher, as Zotero's own RIS export does for preprints.

import type { PaperRecord } from '../types';
import { fullFamily, parseName, perName } from './names';
import { oneLine, paperFacts } from './paper-facts';

const CRLF = '\r\n';
/** A line that would be read as the start of another tag. */
const TAG_LIKE = /^[A-Z][A-Z0-9] {2}-/;

function line(tag: string, value: string | number | undefined): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'number' || !/[\r\n]/.test(value)) return `${tag}  - ${String(value).trim()}${CRLF}`;
  // Readers take lines without a tag as the continuation of the previous one; a continuation that looks like
  // a tag is indented so it stays part of this value.
  const [first = '', ...rest] = String(value).replace(/\r\n?/g, '\n').trim().split('\n');
  const continuation = rest.map((l) => (TAG_LIKE.test(l) ? ` ${l}` : l));
  return [`${tag}  - ${first}`, ...continuation].join(CRLF) + CRLF;
}

function risName(raw: string): string {
  const name = parseName(raw);
  if (name.literal) return name.literal;
  return [fullFamily(name), name.given, name.suffix].filter(Boolean).join(', ');
}

export function toRis(records: readonly PaperRecord[]): string {
  const nameOf = perName((raw) => line('AU', risName(oneLine(raw))));
  return records
    .map((r) => {
      const f = paperFacts(r);
      const [y, m, d] = f.dateParts ?? [];
      const date =
        y === undefined
          ? undefined
          : `${y}/${m ? String(m).padStart(2, '0') : ''}/${d ? String(d).padStart(2, '0') : ''}/`;
      return (
        line('TY', 'GEN') +
        line('TI', oneLine(r.title)) +
        r.authors.map(nameOf).join('') +
        line('PY', y) +
        line('DA', date) +
        line('AB', r.abstract) +
        line('PB', f.arxivId && 'arXiv') +
        line('AN', f.arxivId && `arXiv:${f.arxivId}`) +
        line('DO', f.doi) +
        line('UR', f.url) +
        r.tags.map((t) => line('KW', oneLine(t))).join('') +
        line('N1', r.note) +
        `ER  - ${CRLF}`
      );
    })
    .join(CRLF);
}
