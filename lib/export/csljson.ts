// CSL-JSON, the input format of citeproc (Zotero, Pandoc, Mendeley). A preprint is CSL `article`; Zotero
// maps it to its "Preprint" item with `publisher` as the repository and `number` as the archive id, which it
// writes `arXiv:<id>`.

import type { PaperRecord } from '../types';
import { fullFamily, parseName, perName } from './names';
import { citationKeys, oneLine, paperFacts } from './paper-facts';

type CslName = { family: string; given?: string; suffix?: string } | { literal: string };

export interface CslItem {
  id: string;
  type: 'article';
  'citation-key': string;
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts': [number[]] };
  abstract?: string;
  number?: string;
  publisher?: string;
  DOI?: string;
  URL?: string;
  keyword?: string;
  note?: string;
}

function cslName(raw: string): CslName {
  const name = parseName(raw);
  if (name.literal) return { literal: name.literal };
  if (!name.given) return { family: fullFamily(name), ...(name.suffix && { suffix: name.suffix }) };
  return { family: fullFamily(name), given: name.given, ...(name.suffix && { suffix: name.suffix }) };
}

export function toCslItems(records: readonly PaperRecord[]): CslItem[] {
  const facts = records.map(paperFacts);
  const keys = citationKeys(records, facts);
  const nameOf = perName(cslName);
  return records.map((r, i) => {
    const f = facts[i]!;
    const item: CslItem = { id: keys[i]!, type: 'article', 'citation-key': keys[i]! };
    const text = (value: string | undefined) => (value && oneLine(value)) || undefined;
    const set = <K extends keyof CslItem>(key: K, value: CslItem[K] | undefined) => {
      if (value !== undefined && value !== '') item[key] = value;
    };
    set('title', text(r.title));
    set('author', r.authors.length ? r.authors.map(nameOf) : undefined);
    set('issued', f.dateParts && { 'date-parts': [f.dateParts] });
    // Abstracts are long and JSON keeps their line breaks safely: no need to copy them.
    set('abstract', r.abstract?.trim());
    set('number', f.arxivId && `arXiv:${f.arxivId}`);
    set('publisher', f.arxivId && 'arXiv');
    set('DOI', f.doi);
    set('URL', f.url);
    set('keyword', r.tags.join(', '));
    set('note', r.note.trim());
    return item;
  });
}

/** One item per line: readable, and a fifth of the size of an indented file. */
export function toCslJson(records: readonly PaperRecord[]): string {
  const items = toCslItems(records);
  return items.length ? `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]\n` : '[]\n';
}
