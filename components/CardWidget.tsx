import { useEffect, useReducer } from 'preact/hooks';
import type { PageStore } from '../lib/content/store';
import type { PaperId } from '../lib/types';
import { Widget } from './Widget';

/** A card's widget bound to the page store: re-renders when its own record, the tags or settings change. */
export function CardWidget({
  store,
  id,
  openRequest,
}: {
  store: PageStore;
  id: PaperId;
  openRequest?: { editor: 'tag' | 'note'; seq: number };
}) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => store.subscribe((ids) => (!ids || ids.has(id)) && rerender(0)), [store, id]);
  return (
    <Widget
      record={store.get(id)}
      tags={store.tags}
      openRequest={openRequest}
      actions={{
        toggleStatus: (status) => void store.toggleStatus(id, status),
        setInLibrary: (inLibrary) => void store.setInLibrary(id, inLibrary),
        addTag: (name) => void store.addTag(id, name),
        removeTag: (name) => void store.removeTag(id, name),
        setNote: (note) => void store.setNote(id, note),
      }}
    />
  );
}
