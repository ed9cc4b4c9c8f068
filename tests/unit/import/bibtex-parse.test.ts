// Our small BibTeX reader against Better BibTeX's parser on the same files: same entries, same keys, same
// identifying fields, same titles once LaTeX is turned into text, same number of authors.
import { readFileSync } from 'node:fs';
import { parse as referenceParse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { bibtexNames, latexToText, parseBibtex } from '../../../lib/import/bibtex-parse';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const files = {
  'Zotero-shaped export': read('../../fixtures/export/zotero-export.bib'),
  'our own export (golden file)': read('../golden/library.bib'),
};

describe.each(Object.entries(files))('%s', (_, text) => {
  const ours = parseBibtex(text);
  const reference = referenceParse(text, { sentenceCase: false, english: false, unsupported: 'ignore' });
  const theirsByKey = new Map(reference.entries.map((e) => [e.key, e.fields]));

  it('finds the same entries with the same keys; an entry it only guesses at, ours reports as broken', () => {
    const ourKeys = ours.entries.map((e) => e.key);
    const onlyTheirs = reference.entries.filter((e) => !ourKeys.includes(e.key));
    expect(ourKeys).toEqual(reference.entries.map((e) => e.key).filter((k) => ourKeys.includes(k)));
    expect(onlyTheirs.length).toBe(ours.errors.length);
  });

  it('reads the same identifying fields', () => {
    for (const entry of ours.entries) {
      const theirs = theirsByKey.get(entry.key)!;
      for (const field of [
        'eprint',
        'doi',
        'url',
        'year',
        'archiveprefix',
        'primaryclass',
        'journal',
      ] as const) {
        expect(entry.fields[field], `${entry.key}.${field}`).toBe(theirs[field]);
      }
    }
  });

  it('turns titles into the same text and splits the same number of authors', () => {
    const plain = (t: string) => t.replace(/\s/g, '').normalize('NFC');
    for (const entry of ours.entries) {
      const theirs = theirsByKey.get(entry.key)!;
      const title = latexToText(entry.fields['title'] ?? '');
      // Math is kept as LaTeX by ours and rendered to text by theirs: only math-free titles compare.
      if (!title.includes('$')) {
        // The reference marks case-protected words up as HTML (<span class="nocase">): strip that.
        expect(plain(title), entry.key).toBe(
          plain((theirs.title ?? '').replace(/<\/?(?:span|i|b|sup|sub)\b[^>]*>/g, '')),
        );
      }
      const { names, truncated } = bibtexNames(entry.fields['author'] ?? '');
      expect(names.length + (truncated ? 1 : 0), entry.key).toBe(theirs.author?.length ?? 0);
    }
  });
});

describe('parseBibtex', () => {
  it('resolves @string macros and # concatenation, reads quoted and parenthesised entries', () => {
    const { entries, errors } = parseBibtex(
      '@string{ venue = "Neur" }\n@misc(key1, title = venue # "IPS" # {\\,2017}, month = jun, year = 2017)',
    );
    expect(errors).toEqual([]);
    expect(entries[0]).toMatchObject({
      type: 'misc',
      key: 'key1',
      fields: { title: 'NeurIPS\\,2017', month: '6', year: '2017' },
    });
  });

  it('turns LaTeX accents, escapes and dashes into text and keeps math', () => {
    expect(
      latexToText("Schr{\\\"o}dinger \\c{C}a {\\'{e}}t\\'e --- \\L{}ukasz \\ss{} \\& 100\\% $\\alpha_1$"),
    ).toBe('Schrödinger Ça été — Łukasz ß & 100% $\\alpha_1$');
    expect(latexToText('a \\textbraceright{} b \\textbackslash{} c')).toBe('a } b \\ c');
  });

  it('reports a broken entry with its line and reads on', () => {
    const { entries, errors } = parseBibtex(
      '@misc{a, title = {ok}}\n@misc{b, title = {never\n@misc{c, title = {ok}}',
    );
    expect(entries.map((e) => e.key)).toEqual(['a', 'c']);
    expect(errors).toEqual([{ line: 2, message: 'a brace is never closed' }]);
  });

  it('reads "Last, First", "Last, Jr, First", braced organisations and "others"', () => {
    expect(
      bibtexNames('van der Berg, Jan and King, Jr., Martin and {Barnes and Noble, Inc.} and others'),
    ).toEqual({
      names: ['Jan van der Berg', 'Martin King Jr.', 'Barnes and Noble, Inc.'],
      truncated: true,
    });
  });
});
