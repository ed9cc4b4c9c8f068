// The pages the bench loads: arXiv /list/cs.LG/new at any size up to 2,000 entries, made from the 150 real
// entries of the saved listing repeated under new ids, and the saved Hugging Face daily page.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateList, type ListEntry } from '../../tests/fixtures/tools/arxiv-list-page.mjs';
import { ARXIV_NEW, FIXTURES, HF_DAILY } from '../../tests/e2e/harness';

export { ARXIV_NEW, HF_DAILY };

const realEntries = (): ListEntry[] =>
  JSON.parse(readFileSync(path.join(FIXTURES, 'arxiv/list-cs.LG-new.entries.json'), 'utf8')) as ListEntry[];

let nextSerial = 0;

/**
 * An n-entry listing whose ids no earlier call used: every run is a fresh morning, so no run finds its papers
 * already in the library. Sections split as on a real day: 60% new, 20% cross-lists, 20% replacements.
 */
export function arxivListing(n: number): string {
  const source = realEntries();
  const first = nextSerial;
  nextSerial += n;
  if (nextSerial > 6 * 90_000) throw new Error('out of fresh arXiv ids');
  const entries = Array.from({ length: n }, (_, i): ListEntry => {
    const real = source[i % source.length]!;
    const serial = first + i;
    // 90,000 five-digit numbers a month, July to December 2026.
    const month = String(7 + Math.floor(serial / 90_000)).padStart(2, '0');
    return {
      ...real,
      id: `26${month}.${10_000 + (serial % 90_000)}`,
      section: i < n * 0.6 ? 'new' : i < n * 0.8 ? 'cross' : 'replaced',
    };
  });
  return generateList(entries, { date: '2026-07-31' });
}

export const hfDaily = (): string =>
  readFileSync(path.join(FIXTURES, 'huggingface/daily-2026-07-31.html'), 'utf8');

/** Cards on the saved Hugging Face daily page. */
export const HF_DAILY_CARDS = 30;
