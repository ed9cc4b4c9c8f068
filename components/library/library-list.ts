// The library page's list: which papers a search and the clicked filters keep, and in which order.

import { hasTag, tagKey } from '../../lib/tags';
import type { PaperId, PaperRecord } from '../../lib/types';
import type { ClickFilters } from './query';

export type SortKey = 'relevance' | 'added' | 'updated' | 'published' | 'title';
export type SortDirection = 'asc' | 'desc';

export const SORT_LABELS: Record<SortKey, string> = {
  relevance: 'Best match',
  added: 'Added',
  updated: 'Updated',
  published: 'Published',
  title: 'Title',
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Newest first for dates, A→Z for titles, unless the direction says otherwise. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === 'title' ? 'asc' : 'desc';
}

function dateOf(record: PaperRecord, key: 'added' | 'updated' | 'published'): number {
  if (key === 'added') return record.savedAt ?? record.createdAt;
  if (key === 'updated') return record.touchedAt ?? record.updatedAt;
  const published = record.published ? Date.parse(record.published) : Number.NaN;
  return Number.isNaN(published) ? 0 : published;
}

/**
 * The papers to list. `matches` is the search engine's answer, best first (undefined when nothing was typed:
 * every library paper). Clicked filters are exact: a status, a tag by identity.
 */
export function libraryList(
  library: ReadonlyMap<PaperId, PaperRecord>,
  matches: readonly PaperId[] | undefined,
  filters: ClickFilters,
  sort: SortKey,
  direction: SortDirection,
): PaperRecord[] {
  const candidates = matches ? matches.flatMap((id) => library.get(id) ?? []) : [...library.values()];
  const kept = candidates.filter(
    (r) => (!filters.status || r.status === filters.status) && (!filters.tag || hasTag(r.tags, filters.tag)),
  );
  // Best match keeps the engine's order; without a search it means most recently updated.
  if (sort === 'relevance' && matches) return direction === 'desc' ? kept : kept.reverse();
  const key = sort === 'relevance' ? 'updated' : sort;
  const sign = direction === 'asc' ? 1 : -1;
  if (key === 'title') return kept.sort((a, b) => sign * collator.compare(a.title, b.title));
  // Each date computed once, not twice per comparison (a published date is parsed from text).
  const dated = kept.map((record) => ({ record, at: dateOf(record, key) }));
  dated.sort((a, b) => sign * (a.at - b.at) || collator.compare(a.record.title, b.record.title));
  return dated.map((d) => d.record);
}

/** Ids from `from` to `to` inclusive in list order, whichever comes first (shift-click). */
export function rangeIds(list: readonly PaperRecord[], from: number, to: number): PaperId[] {
  const [start, end] = from <= to ? [from, to] : [to, from];
  return list.slice(start, end + 1).map((r) => r.id);
}

/** Papers per tag key. */
export function tagCounts(records: Iterable<PaperRecord>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) {
    for (const tag of record.tags) counts[tagKey(tag)] = (counts[tagKey(tag)] ?? 0) + 1;
  }
  return counts;
}
