// BibTeX in the shape arXiv itself emits (`@misc` with eprint, archivePrefix, primaryClass), authors in
// "Last, First" order, plus the user's tags (keywords) and note (annote).
//
// Text is UTF-8 as is (biber, bibtex8 and LaTeX with inputenc read it); only LaTeX's special characters are
// escaped. Braces are written as \textbraceleft{} / \textbraceright{}, never \{ \}, because classic BibTeX
// counts every brace, escaped or not: a title with a lone `}` must not end the field early.

import type { PaperRecord } from '../types';
import { fullFamily, parseName, perName } from './names';
import { citationKeys, oneLine, paperFacts } from './paper-facts';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // LaTeX's default (OT1) fonts print these three as ¡ ¿ and — in text.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

export function escapeLatex(text: string): string {
  if (!/[\\{}&%$#_~^<>|]/.test(text)) return text;
  return text.replace(/[\\{}&%$#_~^<>|]/g, (ch) => SPECIALS[ch]!);
}

/** Math as arXiv titles write it: `$` + non-space … non-space + `$`, not followed by a digit (so "$5 and $10"
 *  stays text). */
const MATH = /\$([^\s$](?:[^$]*[^\s$])?)\$(?!\d)/g;

/** Braces balance the way BibTeX counts them: every brace, escaped or not. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Words with a capital after their first letter (BERT, LoRA, GPT-4) keep their case in every style. */
function protectCase(text: string): string {
  return text.replace(/\S+/g, (word) =>
    /\p{L}.*\p{Lu}/u.test(word) ? `{${escapeLatex(word)}}` : escapeLatex(word),
  );
}

/** A title with its math kept as LaTeX (when its braces balance) and everything else escaped. */
export function latexTitle(title: string): string {
  const text = oneLine(title);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MATH)) {
    const math = m[1]!;
    if (!balanced(math) || math.endsWith('\\')) continue;
    out += protectCase(text.slice(last, m.index));
    // `%` would comment out the rest of the line and `#`/`&` are errors even in math mode.
    out += `$${math.replace(/(?<!\\)([%#&])/g, '\\$1')}$`;
    last = m.index + m[0].length;
  }
  return out + protectCase(text.slice(last));
}

function nameWords(text: string): string {
  // A bare "and" inside a name would split it in two.
  return escapeLatex(text).replace(/(^|\s)(and)(?=\s|$)/gi, '$1{$2}');
}

export function bibtexName(raw: string): string {
  const name = parseName(raw);
  if (name.literal) return `{${escapeLatex(name.literal)}}`;
  const last = nameWords(fullFamily(name));
  if (!name.given && !name.suffix) return last;
  return [last, name.suffix && nameWords(name.suffix), nameWords(name.given)].filter(Boolean).join(', ');
}

function field(name: string, value: string | number | undefined): string {
  return value === undefined || value === '' ? '' : `  ${name} = {${value}},\n`;
}

export function toBibtex(records: readonly PaperRecord[]): string {
  const facts = records.map(paperFacts);
  const keys = citationKeys(records, facts);
  const nameOf = perName((raw) => bibtexName(oneLine(raw)));
  return records
    .map((r, i) => {
      const f = facts[i]!;
      const authors = r.authors.filter((a) => a.trim()).map(nameOf);
      if (r.authorsTruncated && authors.length) authors.push('others');
      return (
        `@misc{${keys[i]},\n` +
        field('title', r.title && latexTitle(r.title)) +
        field('author', authors.join(' and ')) +
        field('year', f.year) +
        field('eprint', f.arxivId) +
        field('archivePrefix', f.arxivId && 'arXiv') +
        field('primaryClass', f.primaryClass && escapeLatex(f.primaryClass)) +
        field('doi', f.doi && escapeLatex(f.doi)) +
        field('url', f.url) +
        field('keywords', escapeLatex(r.tags.map(oneLine).join(', '))) +
        field('annote', escapeLatex(r.note.replace(/\r\n?/g, '\n').trim())) +
        '}\n'
      );
    })
    .join('\n');
}
