// The library page: papers, tags, settings, import and export, in one tab of the extension.

import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { PaperId, PaperRecord } from '../../lib/types';
import { tagCounts } from './library-list';
import type { PagesStore } from './pages-store';
import { PapersView, type PapersViewProps } from './PapersView';
import { SettingsPanel } from './SettingsPanel';
import { TagManager } from './TagManager';

export type LibrarySection = 'papers' | 'tags' | 'settings' | 'import-export';

const SECTIONS: { id: LibrarySection; label: string }[] = [
  { id: 'papers', label: 'Papers' },
  { id: 'tags', label: 'Tags' },
  { id: 'settings', label: 'Settings' },
  { id: 'import-export', label: 'Import & export' },
];

export interface LibraryAppProps {
  store: PagesStore;
  section: LibrarySection;
  onSection: (section: LibrarySection) => void;
  /** The Import & export section's content, given every library paper (see entrypoints/library). */
  importExport?: (library: ReadonlyMap<PaperId, PaperRecord>) => ComponentChildren;
  exportControl?: PapersViewProps['exportControl'];
}

/** Rows read straight from the indexes while the whole library loads: a screenful and its overscan. */
const FIRST_ROWS = 50;

/** Every library paper in memory, kept current from the background's broadcasts. Until it is loaded, `first`
 *  holds the first rows of the default order (newest added), read through an index. */
function useLibrary(store: PagesStore): {
  library: Map<PaperId, PaperRecord>;
  version: number;
  loaded: boolean;
  first: readonly PaperRecord[] | undefined;
} {
  const [state] = useState(() => ({ library: new Map<PaperId, PaperRecord>() }));
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [first, setFirst] = useState<readonly PaperRecord[] | undefined>();
  // A layout effect: Preact would start a plain effect only after the next paint, and the table waits for this.
  useLayoutEffect(() => {
    const pending: PaperRecord[][] = [];
    let ready = false;
    const apply = (records: Iterable<PaperRecord>) => {
      for (const record of records) {
        if (record.inLibrary === 1) state.library.set(record.id, record);
        else state.library.delete(record.id);
      }
    };
    const unsubscribe = store.subscribe(({ records }) => {
      if (records) {
        if (ready) apply(records.values());
        else {
          pending.push([...records.values()]);
          // A row changed from the first rows (its status set) shows the change before the load is done.
          setFirst((rows) =>
            rows?.flatMap((r) => {
              const now = records.get(r.id) ?? r;
              return now.inLibrary === 1 ? [now] : [];
            }),
          );
        }
      }
      setVersion((v) => v + 1);
    });
    const loadAll = () =>
      void store.db.papers
        .where('inLibrary')
        .equals(1)
        .toArray()
        .then((records) => {
          apply(records);
          for (const changed of pending.splice(0)) apply(changed);
          ready = true;
          setLoaded(true);
          setVersion((v) => v + 1);
          performance.mark('margins:library-loaded');
          // The search worker reads the whole library too: started once the table is up, not competing with it.
          setTimeout(() => store.search.start());
        });
    // The first rows come from the index at once; the whole library (seconds at 100k papers) after they are
    // drawn. A change broadcast meanwhile is in the full load (read later) and in `pending`.
    void store.newestAdded(FIRST_ROWS).then((rows) => {
      setFirst(rows);
      setTimeout(loadAll);
    });
    return unsubscribe;
  }, [store, state]);
  return { library: state.library, version, loaded, first: loaded ? undefined : first };
}

export function LibraryApp({ store, section, onSection, importExport, exportControl }: LibraryAppProps) {
  const { library, version, loaded, first } = useLibrary(store);
  const stats = store.stats;
  return (
    <div class="library-app">
      <header class="app-header">
        <h1>Margins library</h1>
        <nav aria-label="Library sections">
          {SECTIONS.map((s) => (
            <a
              key={s.id}
              href={`#${s.id}`}
              aria-current={section === s.id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                onSection(s.id);
              }}
            >
              {s.label}
            </a>
          ))}
        </nav>
        <p class="counts" aria-live="polite">
          {loaded ? (
            <>
              <strong>{library.size.toLocaleString('en')}</strong> in library
              {stats && (
                <>
                  {' '}
                  · <strong>{stats.read.toLocaleString('en')}</strong> read ·{' '}
                  <strong>{stats.reading.toLocaleString('en')}</strong> reading
                </>
              )}
            </>
          ) : (
            'Loading your library…'
          )}
        </p>
      </header>
      <main>
        {section === 'papers' && (loaded || first) && (
          <PapersView
            store={store}
            library={library}
            version={version}
            first={first}
            exportControl={exportControl}
          />
        )}
        {section === 'tags' && loaded && <TagManager store={store} counts={tagCounts(library.values())} />}
        {section === 'settings' && (
          <SettingsPanel settings={store.settings} onChange={(patch) => void store.setSettings(patch)} />
        )}
        {section === 'import-export' && (
          <section class="import-export" aria-labelledby="import-export-heading">
            <h2 id="import-export-heading">Import &amp; export</h2>
            {loaded && importExport?.(library)}
          </section>
        )}
      </main>
    </div>
  );
}
