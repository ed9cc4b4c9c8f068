import browser from 'webextension-polyfill';
import { render } from 'preact';
import { getDb } from '@/lib/db';
import { parseBroadcast } from '@/lib/broadcasts';
import type { Request } from '@/lib/messages';
import { request } from '@/lib/messenger';
import type { PaperId } from '@/lib/types';
import { PagesStore } from '@/components/library/pages-store';
import { SearchClient, startSearchWorker } from '@/components/library/search-client';
import { Popup } from '@/components/popup/Popup';
import '@/components/library/pages.css';
import './popup.css';

/** The ids the active tab's content script recognised; undefined on pages Margins does not work on. */
async function activeTabPapers(): Promise<PaperId[] | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  try {
    const ids: unknown = await browser.tabs.sendMessage(tab.id, { type: 'tabPapers' });
    return Array.isArray(ids) ? ids.filter((id): id is PaperId => typeof id === 'string') : undefined;
  } catch {
    return undefined; // No content script there.
  }
}

const send = <T,>(message: Request) => request<T>((m) => browser.runtime.sendMessage(m), message);
const store = new PagesStore(getDb(), send, new SearchClient(startSearchWorker));
// A plain (non-async) listener that returns nothing: requests from other pages are the background's to answer.
browser.runtime.onMessage.addListener((message: unknown) => {
  const broadcast = parseBroadcast(message);
  if (broadcast) store.applyBroadcast(broadcast);
});
void store.load();

render(
  <Popup
    store={store}
    tabPapers={activeTabPapers()}
    openUrl={(url) => void browser.tabs.create({ url })}
    openLibrary={() => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}
  />,
  document.getElementById('app')!,
);
