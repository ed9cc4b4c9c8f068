// The page side of the search worker: queries answered newest-only (a slower, older answer never replaces a
// newer one), library statistics pushed to subscribers, changes forwarded.

import type { PaperId, PaperRecord } from '../../lib/types';
import type { FromSearchWorker, LibraryStats, ToSearchWorker } from './search-protocol';
import SearchWorker from './search-worker.ts?worker';

export interface SearchAnswer {
  ids: PaperId[];
  records: PaperRecord[];
}

/** The part of a Worker this client uses (a fake in unit tests). */
export interface WorkerPort {
  postMessage(message: ToSearchWorker): void;
  onmessage: ((event: MessageEvent<FromSearchWorker>) => void) | null;
}

export function startSearchWorker(): WorkerPort {
  return new SearchWorker() as WorkerPort;
}

export class SearchClient {
  private seq = 0;
  private readonly pending = new Map<number, (answer: SearchAnswer | undefined) => void>();
  private readonly statsListeners = new Set<(stats: LibraryStats) => void>();
  stats: LibraryStats | undefined;
  error: string | undefined;

  private port: WorkerPort | undefined;

  /** The worker starts on the first search or `start()`, so it never competes with a page's first paint. */
  constructor(private readonly startWorker: () => WorkerPort) {}

  start(): WorkerPort {
    if (this.port) return this.port;
    const port = this.startWorker();
    this.port = port;
    port.onmessage = ({ data }) => {
      if (data.type === 'stats') {
        this.stats = data.stats;
        for (const listener of this.statsListeners) listener(data.stats);
      } else if (data.type === 'failed') {
        this.error = data.error;
      } else {
        const resolve = this.pending.get(data.seq);
        this.pending.delete(data.seq);
        // Anything asked before this answer is outdated: those callers get undefined and keep what they show.
        for (const [seq, older] of this.pending) {
          if (seq < data.seq) {
            older(undefined);
            this.pending.delete(seq);
          }
        }
        resolve?.({ ids: data.ids, records: data.records ?? [] });
      }
    };
    return port;
  }

  /** Best matches first; undefined when a newer query was answered first. */
  search(query: string, limit: number, withRecords: boolean): Promise<SearchAnswer | undefined> {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      this.start().postMessage({ type: 'query', seq, query, limit, withRecords });
    });
  }

  /** Before the worker starts there is nothing to update: it will read the database as it is then. */
  changed(records: PaperRecord[]): void {
    this.port?.postMessage({ type: 'changed', records });
  }

  onStats(listener: (stats: LibraryStats) => void): () => void {
    this.statsListeners.add(listener);
    if (this.stats) listener(this.stats);
    return () => this.statsListeners.delete(listener);
  }
}
