// CSL-JSON, the input format of citeproc (Zotero, Pandoc, Mendeley). A preprint is CSL `article`; Zotero
// maps it to its "Preprint" item with `publisher` as the repository and `number` as the archive id, which it
// writes `arXiv:<id>`.

import type { PaperRecord } from '../types';
import { fullFamily, parseName } from './names';
import { citationKeys, paperFacts } from './paper-facts';

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
  return records.map((r, i) => {
    const f = facts[i]!;
    const item: CslItem = { id: keys[i]!, type: 'article', 'citation-key': keys[i]! };
    const text = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() || undefined;
    const set = <K extends keyof CslItem>(key: K, value: CslItem[K] | undefined) => {
      if (value !== undefined && value !== '') item[key] = value;
    };
    set('title', text(r.title));
    set('author', r.authors.length ? r.authors.map((a) => cslName(a)) : undefined);
    set('issued', f.dateParts && { 'date-parts': [f.dateParts] });
    set('abstract', text(r.abstract));
    set('number', f.arxivId && `arXiv:${f.arxivId}`);
    set('publisher', f.arxivId && 'arXiv');
    set('DOI', f.doi);
    set('URL', f.url);
    set('keyword', r.tags.join(', '));
    set('note', r.note.trim());
    return item;
  });
}

export function toCslJson(records: readonly PaperRecord[]): string {
  return JSON.stringify(toCslItems(records), null, 2) + '\n';
}
