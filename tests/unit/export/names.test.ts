import { describe, expect, it } from 'vitest';
import { bibtexName, latexTitle } from '../../../lib/export/bibtex';
import { parseName } from '../../../lib/export/names';
import { asciiFold, citationKeys, paperFacts } from '../../../lib/export/paper-facts';
import type { PaperRecord } from '../../../lib/types';

describe('author names in BibTeX order', () => {
  const cases: [string, string][] = [
    ['Ashish Vaswani', 'Vaswani, Ashish'],
    ['Aidan N. Gomez', 'Gomez, Aidan N.'],
    ['Jan van der Berg', 'van der Berg, Jan'],
    ['José de la Cruz', 'de la Cruz, José'],
    ['Ludwig van Beethoven', 'van Beethoven, Ludwig'],
    ['Martin Luther King Jr.', 'King, Jr., Martin Luther'],
    ['Martin Luther King, Jr.', 'King, Jr., Martin Luther'],
    ['Henry Ford III', 'Ford, III, Henry'],
    ['Plato', 'Plato'],
    ['Vaswani, Ashish', 'Vaswani, Ashish'],
    ['van der Berg, Jan', 'van der Berg, Jan'],
    ['King, Jr., Martin', 'King, Jr., Martin'],
    ['Jean-Pierre Serre', 'Serre, Jean-Pierre'],
    ["Conor O'Neill", "O'Neill, Conor"],
    ['Łukasz Kaiser', 'Kaiser, Łukasz'],
    ['bell hooks', 'hooks, bell'],
    ['ATLAS Collaboration', '{ATLAS Collaboration}'],
    ['Mistral AI Team', '{Mistral AI Team}'],
    ['Ann And Bob', 'Bob, Ann {And}'],
    ['  Ashish   Vaswani ', 'Vaswani, Ashish'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => expect(bibtexName(input)).toBe(expected));
  }

  it('separates the particle from the family name', () => {
    expect(parseName('Jan van der Berg')).toMatchObject({
      given: 'Jan',
      particle: 'van der',
      family: 'Berg',
    });
  });
});

describe('titles', () => {
  it('keeps math whose braces balance and escapes the rest', () => {
    expect(latexTitle('$O(n^2)$ & 5% of $x')).toBe('$O(n^2)$ \\& 5\\% of \\$x');
    expect(latexTitle('Prices $5 and $10')).toBe('Prices \\$5 and \\$10');
    expect(latexTitle('Bad $a}$ math')).toBe('Bad \\$a\\textbraceright{}\\$ math');
    expect(latexTitle('$x % y$')).toBe('$x \\% y$');
    expect(latexTitle('Ends $x\\$ in a backslash $')).not.toMatch(/\$x\\\$/);
  });

  it('protects words whose case a style would change', () => {
    expect(latexTitle('LoRA Meets BERT on ImageNet')).toBe('{LoRA} Meets {BERT} on {ImageNet}');
  });
});

describe('citation keys', () => {
  const record = (id: string, title: string, authors: string[], published?: string) =>
    ({ id, title, authors, published }) as PaperRecord;

  it('fold accents and skip stop words', () => {
    const records = [
      record('arxiv:2101.00001', 'The Schrödinger Bridge', ['Zoë Müller-Lüdenscheidt']),
      record('arxiv:hep-th/9901001', 'On $\\alpha$-Strings', ['Edward Witten']),
      record('arxiv:2101.00002', '数学', ['王伟']),
    ];
    expect(citationKeys(records, records.map(paperFacts))).toEqual([
      'mullerludenscheidt2021schrodinger',
      'witten1999strings',
      'anon2021',
    ]);
    expect(asciiFold('Łęcki Øster Straße')).toBe('leckiosterstrasse');
  });
});
