import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { Ajv } from 'ajv';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportFileName, exportFormats, EXPORT_FORMAT_IDS, type ExportFormatId } from '../../../lib/export';
import { toBibtex } from '../../../lib/export/bibtex';
import { CSV_COLUMNS } from '../../../lib/export/csv';
import { hashtag } from '../../../lib/export/markdown';
import {
  AWKWARD_NOW,
  AWKWARD_PAPERS,
  AWKWARD_SETTINGS,
  AWKWARD_TAGS,
} from '../../fixtures/export/awkward-library';

const ctx = { tags: AWKWARD_TAGS, settings: AWKWARD_SETTINGS, now: AWKWARD_NOW };
const render = (id: ExportFormatId, records = AWKWARD_PAPERS) => exportFormats[id].render(records, ctx);
const golden = (name: string) => fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
const GOLDEN_FILES: Record<ExportFormatId, string> = {
  bibtex: 'library.bib',
  ris: 'library.ris',
  csljson: 'library.csl.json',
  csv: 'library.csv',
  markdown: 'library.md',
  backup: 'library.backup.json',
};

describe('golden files', () => {
  // `UPDATE_GOLDEN=1 npx vitest run tests/unit/export` rewrites them; review the diff before committing.
  for (const id of EXPORT_FORMAT_IDS) {
    it(`${exportFormats[id].label} matches tests/unit/golden/${GOLDEN_FILES[id]}`, () => {
      const out = render(id);
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden(GOLDEN_FILES[id]), out);
      expect(out).toBe(readFileSync(golden(GOLDEN_FILES[id]), 'utf8'));
    });
  }

  it('labels are the ones the UI names its buttons by', () => {
    expect(EXPORT_FORMAT_IDS.map((id) => exportFormats[id].label)).toEqual([
      'BibTeX',
      'RIS',
      'CSL-JSON',
      'CSV',
      'Markdown',
      'JSON backup',
    ]);
    expect(exportFileName('bibtex', AWKWARD_NOW)).toBe('margins-2026-02-01.bib');
    expect(exportFileName('backup', AWKWARD_NOW)).not.toBe(exportFileName('csljson', AWKWARD_NOW));
  });
});

describe('BibTeX', () => {
  const bib = render('bibtex');
  // Math commands (\mathcal) are not text it can render: that is a note, not a syntax error.
  const parsed = parseBib(bib, { sentenceCase: false, english: false, unsupported: 'ignore' });

  it('is read back by an independent parser (Better BibTeX’s) without errors, one entry per paper', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(AWKWARD_PAPERS.length);
  });

  it('writes authors Last, First with particles, suffixes, one-word names and organisations intact', () => {
    const creators = parsed.entries[1]!.fields.author!;
    expect(
      creators.map((c) => [[c.prefix, c.lastName].filter(Boolean).join(' ') || c.name, c.firstName ?? '']),
    ).toEqual([
      ['van der Berg', 'Jan'],
      ['de la Cruz', 'José'],
      ['King', 'Martin Luther'],
      ['Müller', 'Jörg'],
      ['Plato', ''],
      ['ATLAS Collaboration', ''],
    ]);
    expect(creators[2]!.suffix).toBe('Jr.');
    expect(parsed.entries[3]!.fields.author).toHaveLength(200);
  });

  it('keeps title math, and a hostile lone brace does not end the field', () => {
    const title = parsed.entries[1]!.fields.title!;
    expect(bib).toContain('$\\mathcal{O}(n \\log n)$');
    for (const piece of ['& 100% of {Hostile} } Title_with #hash ~ ^ \\ and 50$'])
      expect(title).toContain(piece);
    // Everything after the title was still read as fields of the same entry.
    expect(parsed.entries[1]!.fields.eprint).toBe('2401.00001');
  });

  it('has arXiv’s fields: eprint, archivePrefix, primaryClass, arXiv DOI, url; tags and note', () => {
    const fields = parsed.entries[0]!.fields;
    expect(parsed.entries[0]!.type).toBe('misc');
    expect(fields).toMatchObject({
      eprint: '1706.03762',
      archiveprefix: 'arXiv',
      primaryclass: 'cs.CL',
      doi: '10.48550/arXiv.1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
      year: '2017',
    });
    expect([...fields.keywords!].sort()).toEqual(['Schrödinger bridge', 'llm', 'to read later']);
    // LaTeX reads a line break as a space and a blank line as a paragraph: the note's text is all there.
    expect(fields.annote).toBe(AWKWARD_PAPERS[0]!.note.replace(/\n\n/g, '<p>').replace(/\n/g, ' '));
    expect(parsed.entries[2]!.fields).toMatchObject({
      eprint: 'hep-th/9901001',
      year: '1999',
      primaryclass: 'hep-th',
    });
  });

  it('gives stable unique citation keys, whatever order the records come in', () => {
    const keys = parsed.entries.map((e) => e.key);
    expect(keys[0]).toBe('vaswani2017attention');
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(4, 7)).toEqual(['jiang2023learning', 'jiang2023learninga', 'jiang2023learningb']);
    const reversed = parseBib(toBibtex([...AWKWARD_PAPERS].reverse())).entries.map((e) => e.key);
    expect(reversed).toEqual([...keys].reverse());
  });

  it('marks a truncated author list with "and others"', () => {
    expect(bib).toMatch(/author = \{Jiang, Albert Q\. and Sablayrolles, Alexandre and others\}/);
  });
});

describe('CSL-JSON', () => {
  const items = JSON.parse(render('csljson')) as Record<string, unknown>[];

  it('validates against the CSL-JSON schema (citation-style-language/schema, csl-data.json)', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../fixtures/export/csl-data.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has the fields Zotero maps to a preprint', () => {
    expect(items[0]).toMatchObject({
      type: 'article',
      number: 'arXiv:1706.03762',
      publisher: 'arXiv',
      DOI: '10.48550/arXiv.1706.03762',
      URL: 'https://arxiv.org/abs/1706.03762',
      issued: { 'date-parts': [[2017, 6, 12]] },
      keyword: 'llm, to read later, Schrödinger bridge',
    });
    expect((items[0]!['author'] as unknown[])[6]).toEqual({ family: 'Kaiser', given: 'Łukasz' });
    expect((items[1]!['author'] as unknown[])[0]).toEqual({ family: 'van der Berg', given: 'Jan' });
    expect(items[2]!['issued']).toEqual({ 'date-parts': [[1999, 1]] });
  });
});

describe('CSV', () => {
  const csv = render('csv');
  const rows = parseCsv(csv, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];

  it('is RFC 4180: CRLF, the header, and every cell read back by csv-parse as written', () => {
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(AWKWARD_PAPERS.length);
    expect(rows[0]!['note']).toBe(AWKWARD_PAPERS[0]!.note);
    expect(rows[0]!['tags']).toBe('llm; to read later; Schrödinger bridge');
    expect(rows[0]!['stars']).toBe('16000');
    expect(rows[2]!['id']).toBe('hep-th/9901001');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(rows[3]!['title']).toBe(`'${AWKWARD_PAPERS[3]!.title}`);
    expect(rows[3]!['note']).toBe(`'${AWKWARD_PAPERS[3]!.note}`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe('RIS', () => {
  const ris = render('ris');
  const records = ris.split(/^ER {2}- \r?$/m).filter((r) => r.trim());

  it('has one record per paper, CRLF lines, one AU line per author', () => {
    expect(records).toHaveLength(AWKWARD_PAPERS.length);
    expect(ris).not.toMatch(/[^\r]\n/);
    expect(records[3]!.match(/^AU {2}- /gm)).toHaveLength(200);
    expect(records[1]).toContain('AU  - King, Martin Luther, Jr.');
  });

  it('keeps a note line that looks like a tag inside the note', () => {
    const tags = records[1]!
      .split('\r\n')
      .filter((l) => /^[A-Z][A-Z0-9] {2}- /.test(l))
      .map((l) => l.slice(0, 2));
    expect(tags).toEqual([
      'TY',
      'TI',
      'AU',
      'AU',
      'AU',
      'AU',
      'AU',
      'AU',
      'PY',
      'DA',
      'PB',
      'AN',
      'DO',
      'UR',
      'KW',
      'KW',
      'N1',
    ]);
  });
});

describe('Markdown', () => {
  const md = render('markdown');
  const lines = md.split('\n');

  it('links each paper, escapes Markdown and HTML in titles, quotes notes line by line', () => {
    expect(lines[0]).toMatch(/^- \[Attention Is All You Need\]\(https:\/\/arxiv\.org\/abs\/1706\.03762\) — /);
    expect(md).toContain(
      '\\[link\\](javascript:alert(1)) \\<script\\>alert(1)\\</script\\> \\# not a heading',
    );
    expect(md).not.toMatch(/(?<!\\)<(script|img)/);
    expect(lines.slice(1, 5)).toEqual([
      '  > Re-read section 3.2.',
      '  > The "scaled" dot product: why √d_k?',
      '  >',
      '  > Ask Zoë — she said "it\'s about variance".',
    ]);
  });

  it('writes tags as #tags in the user’s spelling', () => {
    expect(lines[0]).toContain('#llm #to-read-later #Schrödinger-bridge');
    expect(hashtag('c++ & rust')).toBe('#c-rust');
  });
});

describe('JSON backup', () => {
  it('holds every record field, the tag table and the settings', () => {
    const backup = JSON.parse(render('backup'));
    expect(backup).toMatchObject({
      format: 'margins-backup',
      version: 1,
      exportedAt: '2026-02-01T12:00:00.000Z',
    });
    expect(backup.papers).toEqual(AWKWARD_PAPERS);
    expect(backup.tags).toEqual(AWKWARD_TAGS);
    expect(backup.settings).toEqual(AWKWARD_SETTINGS);
  });
});
