// What the user types in the search box, taken apart: free words plus field filters such as
// `tag:"deep rl" status:read year:2024 author:müller`. Pure functions, no index here (see search.ts).

import { READ_STATUSES, type ReadStatus } from './types';

export interface ParsedQuery {
  /** The free words, filters removed, as typed. */
  text: string;
  /** Tag names as typed (compare with `foldText`). All must be on a paper. */
  tags: string[];
  /** A paper matches when its status is any of these. `status:rea` (still typing) means read or reading;
   *  `status:read` means read only. */
  statuses: ReadStatus[];
  /** Name fragments; each must start a word of one of the paper's authors. */
  authors: string[];
  /** A paper matches when its publication year is any of these; `year:2020-2022` lists all three. */
  years: number[];
}

const FILTER_KEYS = ['tag', 'status', 'author', 'year'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

// `key:value`, `key:"quoted value"` (straight or curly quotes; an unclosed quote runs to the end, as it does
// while the user is still typing), or a plain word.
const QUERY_TOKEN = /(\S+?):(?:["“”]([^"“”]*)["“”]?|(\S*))|\S+/gu;

/** Letters that Unicode does not decompose into a base letter plus a mark. */
const UNDECOMPOSABLE: Record<string, string> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
};

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower case without diacritics, so `Schrodinger` finds `Schrödinger` and `lukasz` finds `Łukasz`. */
export function foldText(text: string): string {
  // Most text (abstracts) is plain ASCII: skip the costly Unicode steps for it.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßłøđðþæœıħ]/g, (ch) => UNDECOMPOSABLE[ch] ?? ch);
}

export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { text: '', tags: [], statuses: [], authors: [], years: [] };
  const words: string[] = [];
  for (const match of query.matchAll(QUERY_TOKEN)) {
    const [token, rawKey, quoted, bare] = match;
    const key = rawKey?.toLowerCase();
    if (!isFilterKey(key)) {
      words.push(token);
      continue;
    }
    const value = (quoted ?? bare ?? '').trim().replace(/\s+/g, ' ');
    // `tag:` with nothing after it yet is a filter being typed: it narrows nothing.
    if (value) addFilter(parsed, key, value);
  }
  parsed.text = words.join(' ');
  return parsed;
}

function isFilterKey(key: string | undefined): key is FilterKey {
  return (FILTER_KEYS as readonly (string | undefined)[]).includes(key);
}

function addFilter(parsed: ParsedQuery, key: FilterKey, value: string): void {
  switch (key) {
    case 'tag':
      parsed.tags.push(value);
      break;
    case 'author':
      parsed.authors.push(value);
      break;
    case 'status': {
      const typed = value.toLowerCase();
      const exact = READ_STATUSES.filter((s) => s === typed);
      const matching = exact.length ? exact : READ_STATUSES.filter((s) => s.startsWith(typed));
      // An unknown status keeps the filter (matching nothing) rather than silently showing everything.
      parsed.statuses.push(...(matching.length ? matching : [value as ReadStatus]));
      break;
    }
    case 'year': {
      const range = /^(\d{4})(?:(?:-|\.\.)(\d{4}))?$/.exec(value);
      if (!range) {
        parsed.years.push(Number.NaN);
        break;
      }
      const from = Number(range[1]);
      const to = range[2] ? Number(range[2]) : from;
      for (let year = Math.min(from, to); year <= Math.max(from, to); year++) parsed.years.push(year);
      break;
    }
  }
}
