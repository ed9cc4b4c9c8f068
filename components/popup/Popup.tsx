// The popup: search the library, triage results, see what the current tab holds, open the library page.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { paperUrl } from '../../lib/open-paper';
import { PaperSearch } from '../../lib/search';
import { READ_STATUSES, type PaperId, type PaperRecord, type ReadStatus } from '../../lib/types';
import { PaperRow } from '../PaperRow';
import type { PagesStore } from '../library/pages-store';
import { withFilters, type ClickFilters } from '../library/query';
import { ExportMenu } from './ExportMenu';

export const POPUP_RESULTS = 30;
/** Recent papers in the first frame: more than the popup shows at once, so it opens full and sooner. */
const POPUP_FIRST_FRAME = 10;
const TOP_TAGS = 8;

export interface PopupProps {
  store: PagesStore;
  /** Papers the active tab's content script recognised; undefined when the tab is not a supported page. */
  tabPapers: Promise<PaperId[] | undefined>;
  openUrl(url: string): void;
  openLibrary(): void;
}

interface TabPapers {
  /** In page order. */
  ids: PaperId[];
  records: Map<PaperId, PaperRecord>;
  index: PaperSearch;
}

const STATUS_LABEL: Record<ReadStatus, string> = { unread: 'Unread', reading: 'Reading', read: 'Read' };

export function Popup({ store, tabPapers, openUrl, openLibrary }: PopupProps) {
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<ClickFilters>({});
  const [onPage, setOnPage] = useState(false);
  const [results, setResults] = useState<PaperRecord[] | undefined>();
  const [active, setActive] = useState(0);
  const [tab, setTab] = useState<TabPapers | undefined>();
  const [version, setVersion] = useState(0);
  const [recentLimit, setRecentLimit] = useState(POPUP_FIRST_FRAME);
  const [error, setError] = useState<string | undefined>();
  const inputAt = useRef<number | undefined>();
  const firstShown = useRef(false);

  const query = withFilters(typed, filters);

  useEffect(
    () =>
      store.subscribe((change) => {
        if (change.records && tab) {
          // Papers on the tab may not be in the library: keep their records (and the small index) current.
          for (const record of change.records.values()) {
            if (!tab.records.has(record.id)) continue;
            tab.records.set(record.id, record);
            tab.index.upsert(record);
          }
        }
        setVersion((v) => v + 1);
      }),
    [store, tab],
  );

  useEffect(() => {
    let live = true;
    void tabPapers.then(async (ids) => {
      if (!ids?.length || !live) return;
      const records = (await store.db.papers.bulkGet(ids)).filter((r): r is PaperRecord => !!r);
      if (live)
        setTab({ ids, records: new Map(records.map((r) => [r.id, r])), index: new PaperSearch(records) });
    });
    return () => void (live = false);
  }, [store, tabPapers]);

  // A layout effect, not useEffect: Preact runs effects only after the next frame is painted, which would hold
  // the first results and every keystroke's query back by up to a frame.
  useLayoutEffect(() => {
    let live = true;
    const run = async (): Promise<PaperRecord[] | undefined> => {
      if (onPage && tab) {
        if (query) return tab.index.search(query, { limit: tab.ids.length });
        return tab.ids.flatMap((id) => tab.records.get(id) ?? []);
      }
      if (!query) return store.recent(recentLimit);
      return (await store.search.search(query, POPUP_RESULTS, true))?.records;
    };
    run().then(
      (found) => {
        if (!live || !found) return;
        setResults(found);
        setActive((a) => Math.min(a, Math.max(found.length - 1, 0)));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [store, query, onPage, tab, version, recentLimit]);

  // Layout effect: runs once the results are in the DOM, before the browser paints them.
  useLayoutEffect(() => {
    if (!results) return;
    // Timings for scripts/bench-pages.ts: open → first results, keystroke → results in the DOM.
    if (!firstShown.current) {
      firstShown.current = true;
      performance.mark('margins:first-results');
      // Now the rest of the recent papers, and the search index may be built: the first paint waits on neither.
      setTimeout(() => {
        setRecentLimit(POPUP_RESULTS);
        store.search.start();
      });
    }
    if (inputAt.current !== undefined) {
      performance.measure('margins:search', { start: inputAt.current, end: performance.now() });
      inputAt.current = undefined;
    }
  }, [store, results]);

  // Keep the row the arrow keys are on in view.
  useLayoutEffect(() => {
    document.getElementById(`result-${active}`)?.closest('li')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (work: Promise<unknown>) =>
    work.then(
      () => setError(undefined),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  const colorOf = (name: string) => store.tagColor(name);
  const urlOf = (record: PaperRecord) => paperUrl(record, store.settings.openOn);
  const toggleTag = (tag: string) =>
    setFilters((f) => ({ ...f, tag: f.tag?.toLowerCase() === tag.toLowerCase() ? undefined : tag }));

  const tagCounts = store.stats?.tagCounts ?? {};
  const topTags = store.tags
    .filter((t) => tagCounts[t.key])
    .sort((a, b) => (tagCounts[b.key] ?? 0) - (tagCounts[a.key] ?? 0))
    .slice(0, TOP_TAGS);

  const onKeyDown = (e: KeyboardEvent) => {
    const count = results?.length ?? 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (count) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (e.key === 'Enter') {
      const record = results?.[active];
      const url = record && urlOf(record);
      if (url) openUrl(url);
    }
  };

  const stats = store.stats;
  const libraryEmpty = stats?.inLibrary === 0 && !onPage;
  const activeId = results?.length ? `result-${active}` : undefined;

  return (
    <div class="popup">
      <header>
        <input
          type="search"
          role="searchbox"
          aria-label="Search your library"
          placeholder="Search title, author, tag, note, arXiv id…"
          autoFocus
          value={typed}
          aria-controls={results?.length ? 'results' : undefined}
          aria-activedescendant={activeId}
          onInput={(e) => {
            inputAt.current = e.timeStamp;
            setTyped(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <div class="filters" role="group" aria-label="Filters">
          {READ_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              class="filter"
              aria-pressed={filters.status === s}
              onClick={() => setFilters((f) => ({ ...f, status: f.status === s ? undefined : s }))}
            >
              {STATUS_LABEL[s]}
            </button>
          ))}
          {topTags.map((t) => (
            <button
              key={t.key}
              type="button"
              class="filter tag-filter"
              style={{ '--chip': t.color }}
              aria-pressed={filters.tag?.toLowerCase() === t.key}
              onClick={() => toggleTag(t.name)}
            >
              {t.name}
            </button>
          ))}
        </div>
      </header>

      {tab && (
        <div class="on-page">
          <span>{tab.ids.length === 1 ? '1 paper' : `${tab.ids.length} papers`} recognised on this page</span>
          <button type="button" aria-pressed={onPage} onClick={() => setOnPage(!onPage)}>
            {onPage ? 'Show library' : 'Show them'}
          </button>
        </div>
      )}

      <p class="counts" aria-live="polite">
        {stats ? (
          <>
            <strong>{stats.inLibrary}</strong> in library · <strong>{stats.read}</strong> read ·{' '}
            <strong>{stats.reading}</strong> reading
          </>
        ) : (
          'Counting your library…'
        )}
      </p>

      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}

      {libraryEmpty && !query ? (
        <EmptyLibrary />
      ) : results && !results.length ? (
        <p class="empty" role="status">
          {query
            ? `No ${onPage ? 'paper on this page' : 'saved paper'} matches “${query}”.`
            : 'Nothing here yet.'}{' '}
          Try fewer words, or filters like <code>tag:</code>, <code>status:</code>, <code>author:</code>,{' '}
          <code>year:</code>.
        </p>
      ) : (
        <ul id="results" class="results" aria-label={onPage ? 'Papers on this page' : 'Papers'}>
          {results?.map((record, i) => (
            <PaperRow
              key={record.id}
              record={record}
              url={urlOf(record)}
              active={i === active}
              domId={`result-${i}`}
              colorOf={colorOf}
              onStatus={(status) => void run(store.setStatus([record.id], status))}
              onTag={toggleTag}
              onHover={() => setActive(i)}
            />
          ))}
        </ul>
      )}

      <footer>
        <ExportMenu store={store} />
        <button type="button" class="primary" onClick={openLibrary}>
          Open library
        </button>
      </footer>
    </div>
  );
}

function EmptyLibrary() {
  return (
    <div class="empty welcome" role="status">
      <p>
        <strong>Your library is empty.</strong>
      </p>
      <ol>
        <li>
          Visit{' '}
          <a href="https://huggingface.co/papers" target="_blank" rel="noopener noreferrer">
            huggingface.co/papers
          </a>{' '}
          or an arXiv listing such as{' '}
          <a href="https://arxiv.org/list/cs.LG/new" target="_blank" rel="noopener noreferrer">
            arxiv.org/list/cs.LG/new
          </a>
          .
        </li>
        <li>
          Each paper gets a small bar: press <kbd>r</kbd> to mark it read, <kbd>s</kbd> to save it,{' '}
          <kbd>t</kbd> to tag it (<kbd>j</kbd>/<kbd>k</kbd> move between papers).
        </li>
        <li>Saved papers show up here, searchable by title, author, tag, note or arXiv id.</li>
      </ol>
    </div>
  );
}
