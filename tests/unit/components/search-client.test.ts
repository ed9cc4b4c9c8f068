import { describe, expect, it } from 'vitest';
import { SearchClient, type WorkerPort } from '../../../components/library/search-client';
import type { FromSearchWorker, ToSearchWorker } from '../../../components/library/search-protocol';

class FakeWorker implements WorkerPort {
  sent: ToSearchWorker[] = [];
  onmessage: ((event: MessageEvent<FromSearchWorker>) => void) | null = null;
  postMessage(message: ToSearchWorker): void {
    this.sent.push(message);
  }
  answer(message: FromSearchWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromSearchWorker>);
  }
}

describe('SearchClient', () => {
  it('starts the worker only when first needed', () => {
    let started = 0;
    const client = new SearchClient(() => (started++, new FakeWorker()));
    client.changed([]);
    expect(started).toBe(0);
    void client.search('x', 10, false);
    void client.search('xy', 10, false);
    expect(started).toBe(1);
  });

  it('an answer to a newer query makes older pending ones resolve empty-handed', async () => {
    const worker = new FakeWorker();
    const client = new SearchClient(() => worker);
    const older = client.search('trans', 50, true);
    const newer = client.search('transformer', 50, true);
    const [first, second] = worker.sent as Extract<ToSearchWorker, { type: 'query' }>[];
    worker.answer({ type: 'result', seq: second!.seq, ids: ['arxiv:2307.14549'] });
    expect(await newer).toEqual({ ids: ['arxiv:2307.14549'], records: [] });
    expect(await older).toBeUndefined();
    expect(first!.query).toBe('trans');
  });

  it('passes library counts to listeners, also to late ones', () => {
    const worker = new FakeWorker();
    const client = new SearchClient(() => worker);
    client.start();
    const seen: number[] = [];
    client.onStats((s) => seen.push(s.inLibrary));
    worker.answer({ type: 'stats', stats: { inLibrary: 3, read: 1, reading: 0, tagCounts: {} } });
    client.onStats((s) => seen.push(s.inLibrary * 10));
    expect(seen).toEqual([3, 30]);
  });
});
