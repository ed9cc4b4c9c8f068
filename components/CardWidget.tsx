import { useLayoutEffect, useReducer } from 'preact/hooks';
import type { PageStore } from '../lib/content/store';
import type { PaperId } from '../lib/types';
import { Widget, type OpenRequest } from './Widget';

/** A card's widget bound to the page store: re-renders when its own record, the tags or settings change. */
export function CardWidget({
  store,
  id,
  openRequest,
  untouched,
}: {
  store: PageStore;
  id: PaperId;
  openRequest?: OpenRequest;
  /** Draw as a paper with no record (to take over a static copy of that drawing node for node). */
  untouched?: boolean;
}) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const renderedVersion = store.version;
  useLayoutEffect(() => {
    const unsubscribe = store.subscribe((ids) => (!ids || ids.has(id)) && rerender(0));
    // A change that landed between this render and the subscription must not be missed.
    if (store.version !== renderedVersion) rerender(0);
    return unsubscribe;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the version at first render matters
  }, [store, id]);
  return (
    <Widget
      record={untouched ? undefined : store.get(id)}
      tags={untouched ? [] : store.tags}
      openRequest={openRequest}
      actions={{
        toggleStatus: (status) => void store.toggleStatus(id, status),
        setInLibrary: (inLibrary) => void store.setInLibrary(id, inLibrary),
        addTag: (name) => void store.addTag(id, name),
        removeTag: (name) => void store.removeTag(id, name),
        setNote: (note) => void store.setNote(id, note),
        setCode: (url) =>
          void store.setCode(id, url === null ? null : { url, source: 'user', at: Date.now() }),
      }}
    />
  );
}
