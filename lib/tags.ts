// Tag names: what users type is trimmed and compared case-insensitively; the first spelling is kept.

export const TAG_MAX_LENGTH = 40;

/** Colours readable as a chip background with dark text, on light and dark pages. */
export const TAG_COLORS = [
  '#fde68a',
  '#bbf7d0',
  '#bfdbfe',
  '#fbcfe8',
  '#ddd6fe',
  '#fed7aa',
  '#a5f3fc',
  '#e5e7eb',
  '#fecaca',
  '#d9f99d',
] as const;

/** The display form of a tag the user typed, or undefined when nothing usable is left. */
export function cleanTagName(input: string): string | undefined {
  // Control characters and line breaks never belong in a tag; runs of spaces fold to one.
  const cleaned = input
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) return undefined;
  return [...cleaned].slice(0, TAG_MAX_LENGTH).join('').trim();
}

/** The identity of a tag: two names with the same key are the same tag. */
export function tagKey(name: string): string {
  return name.trim().toLocaleLowerCase();
}

/** A stable default colour for a new tag, from its key. */
export function defaultTagColor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return TAG_COLORS[hash % TAG_COLORS.length]!;
}

export function hasTag(tags: readonly string[], name: string): boolean {
  const key = tagKey(name);
  return tags.some((t) => tagKey(t) === key);
}
