// Hostile text in the library stays inert in every export: CSV cells never start a formula, BibTeX fields
// never end early or add fields, RIS values never start a tag line, Markdown never carries raw HTML or a link
// anywhere but arXiv, JSON formats give every string back unchanged. Checked with independent parsers.

import { parse as parseBib } from '@retorquere/bibtex-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportFormats } from '../../../lib/export';
import { CSV_COLUMNS } from '../../../lib/export/csv';
import type { PaperRecord } from '../../../lib/types';
import { FORMULA_PAYLOADS, XSS_PAYLOADS } from '../../fixtures/security/payloads';
import { hostileRecord, RIS_BREAKOUT, T0 } from '../../fixtures/security/records';

const texts = [...XSS_PAYLOADS.map((p) => p.text), ...FORMULA_PAYLOADS, RIS_BREAKOUT];
const records = texts.map((t, i) => hostileRecord(i, t));
const render = (id: keyof typeof exportFormats) => exportFormats[id].render(records, { now: T0 });

describe(`exports of ${records.length} records with hostile titles, authors, tags and notes`, () => {
  it('CSV: no cell starts a formula, and each cell still reads as the original text', () => {
    const rows = parseCsv(render('csv'), { relaxQuotes: false }) as string[][];
    expect(rows).toHaveLength(records.length + 1);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(CSV_COLUMNS.length);
      for (const cell of row) expect(cell, cell.slice(0, 40)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const title = CSV_COLUMNS.indexOf('title');
    rows.slice(1).forEach((row, i) => {
      const original = records[i]!.title;
      expect(row[title]).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
    });
  });

  it('BibTeX: an independent parser reads one entry per record, with only the fields Margins writes', () => {
    const parsed = parseBib(render('bibtex'), { sentenceCase: false, english: false, unsupported: 'ignore' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(records.length);
    const written = [
      'title',
      'author',
      'year',
      'eprint',
      'archiveprefix',
      'primaryclass',
      'doi',
      'url',
      'keywords',
      'annote',
    ];
    for (const entry of parsed.entries) {
      for (const name of Object.keys(entry.fields)) expect(written, `${entry.key}: ${name}`).toContain(name);
    }
    // The brace break-out payload stays inside its title: no `note` field appears.
    expect(parsed.entries.some((e) => 'note' in e.fields)).toBe(false);
  });

  it('RIS: one TY and one ER per record; every line is a tag or a continuation that is not tag-like', () => {
    const lines = render('ris').split('\r\n');
    expect(lines.filter((l) => l.startsWith('TY  - '))).toHaveLength(records.length);
    expect(lines.filter((l) => l.startsWith('ER  - '))).toHaveLength(records.length);
    expect(lines.some((l) => l === 'TI  - Injected record')).toBe(false);
    for (const l of lines) expect(l).not.toMatch(/\r|\n/);
  });

  it('Markdown: one list item per record, no raw "<", no link to anything but arXiv', () => {
    const md = render('markdown');
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(records.length);
    expect(md).not.toMatch(/(^|[^\\])</m);
    // A link is `](` with the bracket unescaped; titles escape theirs.
    for (const m of md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
      // Notes keep the user's own Markdown but sit in a blockquote; titles link only to arXiv.
      const line = md.slice(md.lastIndexOf('\n', m.index) + 1, m.index);
      if (!line.startsWith('  > ')) expect(m[1]).toMatch(/^https:\/\/arxiv\.org\/abs\//);
    }
  });

  it('CSL-JSON and the JSON backup give every title, author and note back unchanged', () => {
    const items = JSON.parse(render('csljson')) as { title: string }[];
    // CSL titles are one line (whitespace folded), nothing else changes.
    expect(items.map((i) => i.title)).toEqual(records.map((r) => r.title.replace(/\s+/g, ' ').trim()));
    const backup = JSON.parse(render('backup')) as { papers: PaperRecord[] };
    expect(backup.papers).toEqual(records);
  });
});
