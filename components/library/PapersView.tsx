// The library's papers: search, filters, sorting, a virtualised table, selection and bulk changes with undo.

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { paperUrl, shortAuthors } from '../../lib/open-paper';
import { READ_STATUSES, type PaperId, type PaperRecord, type ReadStatus } from '../../lib/types';
import { CodeLink, StatusSelect, TagChips } from '../PaperRow';
import {
  defaultDirection,
  libraryList,
  rangeIds,
  SORT_LABELS,
  type SortDirection,
  type SortKey,
} from './library-list';
import type { ExportView } from './ImportExport';
import type { PagesStore } from './pages-store';
import { type ClickFilters } from './query';
import { VirtualTable } from './VirtualTable';

/** Typed searches list at most this many best matches (the engine ranks; the table sorts what it keeps). */
export const LIBRARY_MATCH_LIMIT = 1_000;
const ROW_HEIGHT = 46;
const NO_MATCHES: PaperId[] = [];
/** Select, title, tags, status, added, published. */
const COLUMNS = '36px minmax(0, 1fr) minmax(0, 22%) 104px 100px 100px';
const STATUS_LABEL: Record<ReadStatus, string> = { unread: 'Unread', reading: 'Reading', read: 'Read' };
const SORTABLE: { key: SortKey; label: string }[] = [
  { key: 'added', label: 'Added' },
  { key: 'published', label: 'Published' },
];

export interface PapersViewProps {
  store: PagesStore;
  library: ReadonlyMap<PaperId, PaperRecord>;
  /** Bumped whenever `library` changes. */
  version: number;
  /** Set while `library` is still loading: its first rows in the default order (newest added). */
  first?: readonly PaperRecord[];
  /** The Export button, given what the view shows (see ImportExport). */
  exportControl?: (view: ExportView) => ComponentChildren;
}

interface Undo {
  label: string;
  records: PaperRecord[];
}

function dateText(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10);
}

export function PapersView({ store, library, version, first, exportControl }: PapersViewProps) {
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<ClickFilters>({});
  const [sort, setSort] = useState<SortKey>('added');
  const [direction, setDirection] = useState<SortDirection>('desc');
  const [matches, setMatches] = useState<{ query: string; ids: PaperId[] } | undefined>();
  const [selected, setSelected] = useState<ReadonlySet<PaperId>>(new Set());
  const [bulkTag, setBulkTag] = useState('');
  const [undo, setUndo] = useState<Undo | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | undefined>();
  const anchor = useRef<number | undefined>();

  const query = typed.trim();
  useEffect(() => {
    if (!query) {
      setMatches(undefined);
      return;
    }
    let live = true;
    void store.search.search(query, LIBRARY_MATCH_LIMIT, false).then((answer) => {
      if (live && answer) setMatches({ query, ids: answer.ids });
    });
    return () => void (live = false);
  }, [store, query, version]);

  const searching = query && matches?.query !== query;
  // Recomputed only when what it depends on changes: a selection click or a keystroke whose answer is not in
  // yet must not re-sort the whole library.
  const matchIds = query ? (matches?.ids ?? NO_MATCHES) : undefined;
  const defaultView = !query && !filters.status && !filters.tag && sort === 'added' && direction === 'desc';
  // The whole library in the chosen order is kept while a search is typed: clearing the search shows it again
  // without sorting every paper anew (about 100 ms at 100k papers).
  const unsearched = useRef<{ deps: unknown[]; list: PaperRecord[] }>();
  const list = useMemo(() => {
    // While the library loads, the default view shows its first rows; any other view waits for the whole.
    if (first) return defaultView ? first : [];
    if (matchIds) return libraryList(library, matchIds, filters, sort, direction);
    const deps = [library, version, filters, sort, direction];
    if (!unsearched.current?.deps.every((d, i) => d === deps[i]))
      unsearched.current = { deps, list: libraryList(library, undefined, filters, sort, direction) };
    return unsearched.current.list;
  }, [library, version, first, defaultView, matchIds, filters, sort, direction]);
  const capped = !!query && matches?.ids.length === LIBRARY_MATCH_LIMIT;
  const selectedIds = [...selected].filter((id) => library.has(id));

  const act = async (label: string, work: () => Promise<unknown>) => {
    setBusy(true);
    const start = performance.now();
    try {
      await work();
      performance.measure('margins:bulk', { start, end: performance.now() });
      setMessage(label ? { text: label } : undefined);
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (index: number, id: PaperId, shift: boolean) => {
    const next = new Set(selected);
    if (shift && anchor.current !== undefined) {
      const select = !selected.has(id);
      for (const rid of rangeIds(list, anchor.current, index)) {
        if (select) next.add(rid);
        else next.delete(rid);
      }
    } else if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = index;
    setSelected(next);
  };

  const sortBy = (key: SortKey) => {
    if (key === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDirection(defaultDirection(key));
    }
  };

  const sortHeader = (key: SortKey, label: string, className: string) => (
    <div
      role="columnheader"
      class={className}
      aria-sort={sort === key ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" class="sort" onClick={() => sortBy(key)}>
        {label}
        <span aria-hidden="true">{sort === key ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </div>
  );

  const selectionTags = [...new Set(selectedIds.flatMap((id) => library.get(id)?.tags ?? []))].sort();
  const colorOf = (name: string) => store.tagColor(name);
  const allSelected = list.length > 0 && list.every((r) => selected.has(r.id));

  return (
    <section class="papers" aria-label="Papers">
      <div class="papers-toolbar">
        <input
          type="search"
          role="searchbox"
          aria-label="Search your library"
          placeholder="Search title, author, tag, note, arXiv id… (tag: status: author: year:)"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <label>
          Status{' '}
          <select
            aria-label="Filter by status"
            value={filters.status ?? ''}
            onChange={(e) =>
              setFilters({
                ...filters,
                status: (e.currentTarget.value || undefined) as ReadStatus | undefined,
              })
            }
          >
            <option value="">Any</option>
            {READ_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag{' '}
          <select
            aria-label="Filter by tag"
            value={filters.tag ?? ''}
            onChange={(e) => setFilters({ ...filters, tag: e.currentTarget.value || undefined })}
          >
            <option value="">Any</option>
            {store.tags.map((t) => (
              <option key={t.key} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort{' '}
          <select
            aria-label="Sort by"
            value={sort}
            onChange={(e) => {
              const key = e.currentTarget.value as SortKey;
              setSort(key);
              setDirection(defaultDirection(key));
            }}
          >
            {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
              <option key={key} value={key}>
                {SORT_LABELS[key]}
              </option>
            ))}
          </select>
        </label>
        {/* Exports what the view shows: not offered until the whole library is in. */}
        {!first &&
          exportControl?.({
            selected: selectedIds.flatMap((id) => library.get(id) ?? []),
            shown: list,
            filtered: !!query || !!filters.status || !!filters.tag,
          })}
      </div>

      <div class="selection-bar" role="group" aria-label="Selection">
        <span class="result-count" role="status">
          {first
            ? 'Loading your library…'
            : searching
              ? 'Searching…'
              : `${list.length.toLocaleString('en')} ${list.length === 1 ? 'paper' : 'papers'}${
                  capped ? ` (the best ${LIBRARY_MATCH_LIMIT.toLocaleString('en')} matches)` : ''
                }`}
          {selectedIds.length > 0 && ` · ${selectedIds.length.toLocaleString('en')} selected`}
        </span>
        <button
          type="button"
          disabled={!list.length || allSelected || !!first}
          onClick={() => setSelected(new Set(list.map((r) => r.id)))}
        >
          Select all matching
        </button>
        {selectedIds.length > 0 && (
          <>
            <button type="button" onClick={() => setSelected(new Set())}>
              Clear selection
            </button>
            <label>
              <span class="sr-only">Set status of selected papers</span>
              <select
                aria-label="Set status of selected papers"
                value=""
                disabled={busy}
                onChange={(e) => {
                  const status = e.currentTarget.value as ReadStatus;
                  if (status)
                    void act(`Marked ${selectedIds.length} as ${status}.`, () =>
                      store.setStatus(selectedIds, status),
                    );
                }}
              >
                <option value="">Set status…</option>
                {READ_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const tag = bulkTag.trim();
                if (!tag) return;
                setBulkTag('');
                void act(`Tagged ${selectedIds.length} with “${tag}”.`, () => store.addTag(selectedIds, tag));
              }}
            >
              <input
                type="text"
                aria-label="Tag to add to selected papers"
                placeholder="tag"
                list="library-tags"
                value={bulkTag}
                onInput={(e) => setBulkTag(e.currentTarget.value)}
              />
              <button type="submit" disabled={busy}>
                Add tag
              </button>
            </form>
            {selectionTags.length > 0 && (
              <select
                aria-label="Remove a tag from selected papers"
                value=""
                disabled={busy}
                onChange={(e) => {
                  const tag = e.currentTarget.value;
                  if (tag) void act(`Removed “${tag}”.`, () => store.removeTag(selectedIds, tag));
                }}
              >
                <option value="">Remove tag…</option>
                {selectionTags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
            <button
              type="button"
              class="danger"
              disabled={busy}
              onClick={() =>
                void act(`Removed ${selectedIds.length} from the library.`, async () => {
                  const previous = await store.removeFromLibrary(selectedIds);
                  setSelected(new Set());
                  setUndo({ label: `Removed ${previous.length} from the library.`, records: previous });
                })
              }
            >
              Remove from library
            </button>
          </>
        )}
        {undo && (
          <span class="undo">
            {undo.label}{' '}
            <button
              type="button"
              onClick={() => {
                const { records } = undo;
                setUndo(undefined);
                void act(`Restored ${records.length}.`, () => store.restore(records));
              }}
            >
              Undo
            </button>
          </span>
        )}
        {message && !undo && (
          <span class={message.error ? 'error' : 'done'} role={message.error ? 'alert' : undefined}>
            {message.text}
          </span>
        )}
      </div>
      <datalist id="library-tags">
        {store.tags.map((t) => (
          <option key={t.key} value={t.name} />
        ))}
      </datalist>

      {library.size === 0 && !first ? (
        <p class="empty">
          Your library is empty. Save papers on huggingface.co/papers or an arXiv listing (press <kbd>s</kbd>{' '}
          on a paper, or mark it read with <kbd>r</kbd>) and they appear here.
        </p>
      ) : (
        <VirtualTable
          items={list}
          rowHeight={ROW_HEIGHT}
          label="Library papers"
          columns={COLUMNS}
          resetKey={`${query}|${filters.status}|${filters.tag}|${sort}|${direction}`}
          head={
            <>
              <div role="columnheader" class="col-select">
                <input
                  type="checkbox"
                  aria-label="Select all matching"
                  checked={allSelected}
                  disabled={!!first}
                  onChange={(e) =>
                    setSelected(e.currentTarget.checked ? new Set(list.map((r) => r.id)) : new Set())
                  }
                />
              </div>
              {sortHeader('title', 'Title', 'col-title')}
              <div role="columnheader" class="col-tags">
                Tags
              </div>
              <div role="columnheader" class="col-status">
                Status
              </div>
              {SORTABLE.map(({ key, label }) => sortHeader(key, label, `col-${key}`))}
            </>
          }
          rowProps={(record) => ({
            key: record.id,
            class: `${record.status}${selected.has(record.id) ? ' selected' : ''}`,
            'data-paper-id': record.id,
          })}
          cells={(record, index) => (
            <>
              <div role="cell" class="col-select">
                <input
                  type="checkbox"
                  aria-label={`Select ${record.title || record.id}`}
                  checked={selected.has(record.id)}
                  onClick={(e) => toggle(index, record.id, e.shiftKey)}
                />
              </div>
              <div role="cell" class="col-title">
                <a
                  class="title"
                  href={paperUrl(record, store.settings.openOn)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {record.title || record.id}
                </a>
                <div class="meta">
                  <span class="authors">{shortAuthors(record.authors, record.authorsTruncated, 4)}</span>
                  <CodeLink code={record.code} />
                  {record.note && <span class="note-preview">{record.note.split('\n')[0]}</span>}
                </div>
              </div>
              <div role="cell" class="col-tags">
                <TagChips
                  tags={record.tags}
                  colorOf={colorOf}
                  onPick={(tag) => setFilters({ ...filters, tag })}
                />
              </div>
              <div role="cell" class="col-status">
                <StatusSelect
                  record={record}
                  onChange={(status) => void act('', () => store.setStatus([record.id], status))}
                />
              </div>
              <div role="cell" class="col-added">
                {dateText(record.savedAt ?? record.createdAt)}
              </div>
              <div role="cell" class="col-published">
                {record.published?.slice(0, 10)}
              </div>
            </>
          )}
        />
      )}
    </section>
  );
}
