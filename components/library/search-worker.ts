// The search worker: loads every library paper from the database (same extension origin), builds the index
// once, then answers queries and follows changes the page forwards to it.

import { getDb } from '../../lib/db';
import { PaperSearch } from '../../lib/search';
import type { PaperRecord } from '../../lib/types';
import { tagCounts } from './library-list';
import type { FromSearchWorker, LibraryStats, ToSearchWorker } from './search-protocol';

const scope = self as unknown as {
  postMessage(message: FromSearchWorker): void;
  onmessage: ((event: MessageEvent<ToSearchWorker>) => void) | null;
};

const records = new Map<string, PaperRecord>();
let index: PaperSearch | undefined;
// Changes that arrive while the index is being built are applied right after it.
const early: PaperRecord[][] = [];

function stats(): LibraryStats {
  const result: LibraryStats = {
    inLibrary: records.size,
    read: 0,
    reading: 0,
    tagCounts: tagCounts(records.values()),
  };
  for (const record of records.values()) {
    if (record.status === 'read') result.read++;
    else if (record.status === 'reading') result.reading++;
  }
  return result;
}

function apply(search: PaperSearch, changed: PaperRecord[]): void {
  const kept: PaperRecord[] = [];
  for (const record of changed) {
    if (record.inLibrary === 1) {
      records.set(record.id, record);
      kept.push(record);
    } else {
      records.delete(record.id);
      search.remove(record.id);
    }
  }
  // One batched update: a bulk edit of 1,000 papers touches the index once.
  search.upsertMany(kept);
}

const ready = (async () => {
  const library = await getDb().papers.where('inLibrary').equals(1).toArray();
  for (const record of library) records.set(record.id, record);
  // Counts first: they need no index, and the popup shows them while the index is built.
  scope.postMessage({ type: 'stats', stats: stats() });
  const search = new PaperSearch(library);
  const late = early.splice(0);
  for (const changed of late) apply(search, changed);
  index = search;
  if (late.length) scope.postMessage({ type: 'stats', stats: stats() });
  return search;
})();
ready.catch((error: unknown) => scope.postMessage({ type: 'failed', error: String(error) }));

scope.onmessage = async ({ data }) => {
  if (data.type === 'changed') {
    if (!index) {
      early.push(data.records);
      return;
    }
    apply(index, data.records);
    scope.postMessage({ type: 'stats', stats: stats() });
    return;
  }
  const search = await ready;
  if (!data.withRecords) {
    // Ids only (the library page's "all matches, ranked"): no records copied back.
    scope.postMessage({
      type: 'result',
      seq: data.seq,
      ids: search.matchIds(data.query, { limit: data.limit }),
    });
    return;
  }
  const found = search.search(data.query, { limit: data.limit });
  scope.postMessage({ type: 'result', seq: data.seq, ids: found.map((r) => r.id), records: found });
};
