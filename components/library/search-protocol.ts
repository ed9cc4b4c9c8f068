// Messages between the extension pages and their search worker. The worker owns the search index over the
// library, so building it (seconds at 10k papers) and running queries never block the page's main thread.

import type { PaperId, PaperRecord } from '../../lib/types';

export interface LibraryStats {
  inLibrary: number;
  read: number;
  reading: number;
  /** Papers per tag key. */
  tagCounts: Record<string, number>;
}

export type ToSearchWorker =
  | { type: 'query'; seq: number; query: string; limit: number; withRecords: boolean }
  /** Records changed elsewhere (a broadcast): indexed when in the library, dropped when not. */
  | { type: 'changed'; records: PaperRecord[] };

export type FromSearchWorker =
  | { type: 'stats'; stats: LibraryStats }
  | { type: 'result'; seq: number; ids: PaperId[]; records?: PaperRecord[] }
  | { type: 'failed'; error: string };
