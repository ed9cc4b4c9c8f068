import browser from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getDb } from '@/lib/db';
import { parseBroadcast } from '@/lib/broadcasts';
import type { Request } from '@/lib/messages';
import { request } from '@/lib/messenger';
import { ExportButton, ImportExport } from '@/components/library/ImportExport';
import { LibraryApp, type LibrarySection } from '@/components/library/LibraryApp';
import { PagesStore } from '@/components/library/pages-store';
import { SearchClient, startSearchWorker } from '@/components/library/search-client';
import '@/components/library/pages.css';
import './library.css';

const SECTIONS: LibrarySection[] = ['papers', 'tags', 'settings', 'import-export'];

function sectionOf(hash: string): LibrarySection {
  const name = hash.replace(/^#/, '') as LibrarySection;
  return SECTIONS.includes(name) ? name : 'papers';
}

const send = <T,>(message: Request) => request<T>((m) => browser.runtime.sendMessage(m), message);
const store = new PagesStore(getDb(), send, new SearchClient(startSearchWorker));
// A plain (non-async) listener that returns nothing: requests from other pages are the background's to answer.
browser.runtime.onMessage.addListener((message: unknown) => {
  const broadcast = parseBroadcast(message);
  if (broadcast) store.applyBroadcast(broadcast);
});
void store.load();

function App() {
  const [section, setSection] = useState(() => sectionOf(location.hash));
  useEffect(() => {
    const follow = () => setSection(sectionOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return (
    <LibraryApp
      store={store}
      section={section}
      onSection={(s) => (location.hash = s)}
      importExport={(library) => <ImportExport store={store} send={send} library={library} />}
      exportControl={(view) => <ExportButton store={store} send={send} view={view} />}
    />
  );
}

render(<App />, document.getElementById('app')!);
