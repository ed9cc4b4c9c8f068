// A small BibTeX reader: entries, fields, `@string` macros and `#` concatenation, LaTeX accents and escapes
// turned into Unicode. It is written here rather than taken from a library because the thorough parsers pull
// megabytes (the one Better BibTeX uses brings an NLP model) and import needs only ids, titles and names.
// Its output is checked against @retorquere/bibtex-parser in the tests. A broken entry is reported and
// skipped; reading goes on at the next `@`.

export interface BibEntry {
  type: string;
  key: string;
  /** Field names lower-cased; values raw LaTeX (braces and macros resolved, escapes kept). */
  fields: Record<string, string>;
  /** 1-based line of the `@`. */
  line: number;
}

export interface BibError {
  line: number;
  message: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

class BibSyntaxError extends Error {}

export function parseBibtex(source: string): { entries: BibEntry[]; errors: BibError[] } {
  const entries: BibEntry[] = [];
  const errors: BibError[] = [];
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));
  let pos = 0;
  // Entries come in order, so lines are counted on from the previous entry: linear in the file size.
  let countedTo = 0;
  let countedLines = 1;
  const lineAt = (at: number) => {
    for (let i = source.indexOf('\n', countedTo); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) {
      countedLines++;
      countedTo = i + 1;
    }
    return countedLines;
  };

  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const expect = (ch: string) => {
    skipSpace();
    if (source[pos] !== ch) throw new BibSyntaxError(`expected "${ch}"`);
    pos++;
  };
  const identifier = () => {
    skipSpace();
    const m = /^[^\s"#%'(),={}]+/.exec(source.slice(pos, pos + 1000));
    if (!m) throw new BibSyntaxError('expected a name');
    pos += m[0].length;
    return m[0];
  };
  /** Text up to the brace that closes the one just passed. */
  const braced = () => {
    const start = pos;
    let depth = 1;
    for (; pos < source.length; pos++) {
      const ch = source[pos];
      if (ch === '\\') pos++;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) return source.slice(start, pos++);
    }
    throw new BibSyntaxError('a brace is never closed');
  };
  const quoted = () => {
    const start = pos;
    let depth = 0;
    for (; pos < source.length; pos++) {
      const ch = source[pos];
      if (ch === '\\') pos++;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
      else if (ch === '"' && depth === 0) return source.slice(start, pos++);
    }
    throw new BibSyntaxError('a quote is never closed');
  };
  const value = () => {
    const parts: string[] = [];
    for (;;) {
      skipSpace();
      const ch = source[pos];
      if (ch === '{') {
        pos++;
        parts.push(braced());
      } else if (ch === '"') {
        pos++;
        parts.push(quoted());
      } else {
        const name = identifier();
        parts.push(/^\d+$/.test(name) ? name : (macros.get(name.toLowerCase()) ?? ''));
      }
      skipSpace();
      if (source[pos] !== '#') return parts.join('');
      pos++;
    }
  };

  for (;;) {
    const at = source.indexOf('@', pos);
    if (at === -1) break;
    pos = at + 1;
    const line = lineAt(at);
    try {
      const type = identifier().toLowerCase();
      skipSpace();
      const open = source[pos];
      if (open !== '{' && open !== '(') throw new BibSyntaxError('expected "{" after the entry type');
      pos++;
      const close = open === '{' ? '}' : ')';
      if (type === 'comment' || type === 'preamble') {
        if (open === '{') braced();
        else pos = Math.max(pos, source.indexOf(')', pos) + 1);
        continue;
      }
      if (type === 'string') {
        const name = identifier().toLowerCase();
        expect('=');
        macros.set(name, value());
        expect(close);
        continue;
      }
      skipSpace();
      const keyMatch = /^[^\s,{}()]*/.exec(source.slice(pos, pos + 1000))!;
      pos += keyMatch[0].length;
      const fields: Record<string, string> = Object.create(null) as Record<string, string>;
      for (;;) {
        skipSpace();
        if (source[pos] === close) {
          pos++;
          break;
        }
        expect(',');
        skipSpace();
        if (source[pos] === close) {
          pos++;
          break;
        }
        const name = identifier().toLowerCase();
        expect('=');
        fields[name] = value();
      }
      entries.push({ type, key: keyMatch[0], fields, line });
    } catch (error) {
      if (!(error instanceof BibSyntaxError)) throw error;
      errors.push({ line, message: error.message });
      // Go on at the next entry: the next `@` at the start of a line.
      const next = source.slice(at + 1).search(/\n\s*@/);
      pos = next === -1 ? source.length : at + 1 + next + 1;
    }
  }
  return { entries, errors };
}

const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030a',
  H: '\u030b',
  v: '\u030c',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  i: 'ı',
  j: 'ȷ',
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
  textendash: '–',
  textemdash: '—',
  textquoteright: '’',
  textquoteleft: '‘',
  textunderscore: '_',
  textdollar: '$',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  ldots: '…',
  dots: '…',
};

/** Characters an escape produced: kept out of the way of the brace and tilde clean-up that follows. */
const LITERAL: Record<string, string> = {
  '{': '\uE000',
  '}': '\uE001',
  '\\': '\uE002',
  '~': '\uE003',
  $: '\uE004',
};
const UNLITERAL = Object.fromEntries(Object.entries(LITERAL).map(([ch, mark]) => [mark, ch]));
const literal = (text: string) => text.replace(/[{}\\~$]/g, (ch) => LITERAL[ch]!);

/** LaTeX text to plain Unicode: accents composed, escapes resolved, grouping braces dropped, `$…$` math
 *  kept as written. Unknown commands keep their argument (`\emph{x}` → `x`). Notes keep their line breaks and
 *  spacing (`keepLines`). */
export function latexToText(latex: string, { keepLines = false } = {}): string {
  const parts = latex.split(/((?<!\\)\$(?:\\.|[^$\\])*\$)/);
  const text = parts
    .map((part, i) =>
      i % 2 === 1
        ? literal(part)
        : part
            // Accent commands: \'e, \'{e}, {\'e}, \c{c}, \"\i
            .replace(
              /\\([`'^~=."]|[uvHckrdb](?=[\s{]))\s*(?:\{\s*(\\?[a-zA-Z])\s*\}|(\\?[a-zA-Z]))/g,
              (_, accent: string, a: string | undefined, b: string | undefined) => {
                const letter = (a ?? b)!;
                const base = letter === '\\i' ? 'i' : letter === '\\j' ? 'j' : letter.replace('\\', '');
                return (base + (ACCENTS[accent] ?? '')).normalize('NFC');
              },
            )
            .replace(/\\([a-zA-Z]+)(?:\{\}|\s+|(?![a-zA-Z]))/g, (whole, name: string) =>
              SYMBOLS[name] === undefined ? whole : literal(SYMBOLS[name]),
            )
            .replace(/\\([&%$#_{}])/g, (_, ch: string) => literal(ch))
            .replace(/\\[a-zA-Z]+\s*(?=\{)/g, '')
            .replace(/---/g, '—')
            .replace(/--/g, '–')
            .replace(/~/g, ' ')
            .replace(/[{}]/g, ''),
    )
    .join('');
  const plain = text.replace(/[\uE000-\uE004]/g, (mark) => UNLITERAL[mark]!);
  if (!keepLines) return plain.replace(/\s+/g, ' ').trim();
  return plain.replace(/\r\n?/g, '\n').trim();
}

/** Names of an `author` field, split at " and " outside braces, in "First Last" display order. */
export function bibtexNames(field: string): { names: string[]; truncated: boolean } {
  const raw: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (depth === 0 && /\s/.test(ch!) && /^\s+and\s/i.test(field.slice(i, i + 6))) {
      raw.push(field.slice(start, i));
      i += /^\s+and\s+/i.exec(field.slice(i))![0].length - 1;
      start = i + 1;
    }
  }
  raw.push(field.slice(start));
  let truncated = false;
  const names: string[] = [];
  for (const name of raw) {
    const trimmed = name.trim();
    if (!trimmed) continue;
    if (trimmed.toLowerCase() === 'others') {
      truncated = true;
      continue;
    }
    names.push(displayName(trimmed));
  }
  return { names, truncated };
}

function displayName(bibName: string): string {
  // Commas inside braces belong to the name ("{Barnes and Noble, Inc.}").
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < bibName.length; i++) {
    const ch = bibName[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(bibName.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(bibName.slice(start));
  const text = parts.map((part) => latexToText(part));
  if (text.length === 1) return text[0]!;
  const [last, second, third] = text;
  // "Last, First" or "Last, Jr, First".
  return (text.length >= 3 ? [third, last, second] : [second, last]).filter(Boolean).join(' ');
}
