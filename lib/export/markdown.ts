// Markdown for notes apps (Obsidian, Logseq, Notion): one list item per paper with its link, authors, year,
// status and #tags, the note quoted beneath. Titles and authors are escaped so `*`, `_`, `[` or `<` in them
// stay text (`#` too: notes apps read `#word` as a tag); in notes only `<` is escaped (no HTML can slip in) and the user's own Markdown is kept.

import { tagKey } from '../tags';
import type { PaperRecord, TagInfo } from '../types';
import { oneLine, paperFacts } from './paper-facts';

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#~|]/g, '\\$&');
}

/** `#multi-word` tags: notes apps end a tag at a space or punctuation. */
export function hashtag(name: string): string {
  const body = name
    .trim()
    .replace(/[\s\p{P}\p{S}]+/gu, (run) => (/^[_/]+$/.test(run) ? run : '-'))
    .replace(/^-+|-+$/g, '');
  return body ? `#${body}` : '';
}

const MAX_LISTED_AUTHORS = 10;

function authorList(record: PaperRecord): string {
  const shown = record.authors.slice(0, MAX_LISTED_AUTHORS).map((a) => escapeMarkdown(oneLine(a)));
  const more = record.authors.length > MAX_LISTED_AUTHORS || record.authorsTruncated;
  return shown.join(', ') + (more && shown.length ? ' et al.' : '');
}

export function toMarkdown(records: readonly PaperRecord[], tags: readonly TagInfo[] = []): string {
  // Tags show in the spelling the user first gave them.
  const display = new Map(tags.map((t) => [t.key, t.name]));
  return records
    .map((r) => {
      const f = paperFacts(r);
      const title = escapeMarkdown(oneLine(r.title) || r.id);
      const link = f.url ? `[${title}](${f.url})` : title;
      const details = [
        authorList(r),
        f.year,
        r.status,
        r.tags.map((t) => hashtag(display.get(tagKey(t)) ?? t)).join(' '),
      ]
        .filter((part) => part !== undefined && part !== '')
        .join(' · ');
      const note = r.note
        .replace(/\r\n?/g, '\n')
        .trim()
        .split('\n')
        .filter((_, i, all) => all.length > 1 || all[0] !== '')
        .map((l) => `  > ${l.replace(/</g, '\\<')}`.trimEnd());
      return [`- ${link}${details ? ` — ${details}` : ''}`, ...note].join('\n');
    })
    .join('\n')
    .concat(records.length ? '\n' : '');
}
