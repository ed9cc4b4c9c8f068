// Where "open this paper" goes from the popup and the library page: the site the user chose in settings, falling
// back to the other one (Hugging Face has no page for old-style ids) and then to the last page it was seen on.

import { arxivUrl, huggingfaceUrl } from './ids';
import type { PaperRecord, SiteName } from './types';

export function paperUrl(record: Pick<PaperRecord, 'id' | 'seen'>, openOn: SiteName): string | undefined {
  const preferred = openOn === 'huggingface' ? huggingfaceUrl(record.id) : arxivUrl(record.id);
  const other = openOn === 'huggingface' ? arxivUrl(record.id) : huggingfaceUrl(record.id);
  return preferred ?? other ?? record.seen[0]?.url;
}

/** "Vaswani, Shazeer, Parmar et al." — a byline that fits one line in a result row. */
export function shortAuthors(authors: readonly string[], truncated = false, shown = 3): string {
  if (!authors.length) return '';
  const names = authors.slice(0, shown).map(familyName);
  return names.join(', ') + (authors.length > shown || truncated ? ' et al.' : '');
}

/** The last word of a display name ("Ashish Vaswani" → "Vaswani"); names with a comma are "Family, Given". */
function familyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.includes(',')) return trimmed.split(',')[0]!.trim();
  const words = trimmed.split(/\s+/);
  return words[words.length - 1] ?? trimmed;
}
