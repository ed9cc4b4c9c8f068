import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCodeLookup, needsCodeLookup, type CodeLookupDeps } from '../../lib/code-lookup';
import { MarginsDB } from '../../lib/db';
import { recordSeen, setCode } from '../../lib/library';
import type { PaperMeta, PaperRecord } from '../../lib/types';

// Real answers of the Hugging Face API: each daily-papers item's `paper` is what /api/papers/<id> returns.
interface ApiPaper {
  id: string;
  title: string;
  authors: { name: string }[];
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
}
const API = 'https://huggingface.co/api/papers/';
const daily = (date: string): ApiPaper[] =>
  (
    JSON.parse(
      readFileSync(
        join(process.cwd(), 'tests/fixtures/huggingface', `api-daily-papers-${date}.json`),
        'utf8',
      ),
    ) as { paper: ApiPaper }[]
  ).map((item) => item.paper);
const JULY_31 = daily('2026-07-31');
const INDEXED = new Map([...daily('2026-06-12'), ...daily('2026-07-13'), ...JULY_31].map((p) => [p.id, p]));
const paper = (id: string) => INDEXED.get(id)!;

const XM = 'arxiv:2607.27372'; // https://github.com/alexiglad/XM, 124 stars, a project page
const OMNISCOPE = 'arxiv:2607.23193'; // https://github.com/MAC-AutoML/OmniScope, 5 stars
const NO_REPO = 'arxiv:2607.28308'; // indexed, no code
const NOT_INDEXED = 'arxiv:2607.99999';

type Answer = number | 'throw' | { status: number; body?: unknown; headers?: Record<string, string> };
type Answering = (bare: string, attempt: number, signal: AbortSignal) => Answer | Promise<Answer>;

/** The real API's answer: the paper's record, or 404 for a paper Hugging Face has not indexed. */
const fromFixtures = (bare: string): Answer => {
  const found = INDEXED.get(bare);
  return found ? { status: 200, body: found } : { status: 404, body: { error: 'Entry not found' } };
};
const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

/** A fake `fetch` for the API that records every request and how many were in flight at once. */
function fakeApi(answer: Answering = fromFixtures) {
  const api = {
    calls: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    fetch: async (url: string, init?: RequestInit): Promise<Response> => {
      expect(url.startsWith(API)).toBe(true);
      expect(init?.credentials).toBe('omit');
      const bare = url.slice(API.length);
      api.calls.push(bare);
      api.inFlight++;
      api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
      try {
        const attempt = api.calls.filter((c) => c === bare).length;
        const reply = await answer(bare, attempt, init!.signal!);
        if (reply === 'throw') throw new TypeError('Failed to fetch');
        const { status, body, headers } =
          typeof reply === 'number' ? { status: reply, body: undefined } : reply;
        const text = body === undefined || typeof body === 'string' ? body : JSON.stringify(body);
        return new Response(text ?? null, { status, headers });
      } finally {
        api.inFlight--;
      }
    },
  };
  return api;
}

const START = Date.UTC(2026, 7, 1, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let db: MarginsDB;
let time: number;
let sleeps: number[];
let broadcast: PaperRecord[];

beforeEach(async () => {
  db = new MarginsDB(`t-${Math.random()}`);
  await db.open();
  time = START;
  sleeps = [];
  broadcast = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

function service(api: ReturnType<typeof fakeApi>, deps: Partial<CodeLookupDeps> = {}) {
  return createCodeLookup({
    db,
    fetch: api.fetch,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onChanged: (records) => broadcast.push(...records),
    ...deps,
  });
}

const bare = (id: string) => id.slice('arxiv:'.length);
const where = { site: 'huggingface' as const, url: 'https://huggingface.co/papers/date/2026-07-31' };
const metaOf = (p: ApiPaper): PaperMeta => ({
  id: `arxiv:${p.id}`,
  title: p.title,
  authors: p.authors.map((a) => a.name),
});
const see = (ids: string[], extra: Partial<PaperMeta> = {}) =>
  recordSeen(
    db,
    ids.map((id) => ({ ...metaOf(paper(bare(id))), ...extra })),
    where,
    START - HOUR,
  );

describe('code links from the Hugging Face API', () => {
  it('gives the papers of a real daily page their repositories, stars and project pages', async () => {
    const ids = JULY_31.map((p) => `arxiv:${p.id}`);
    await see(ids);
    const api = fakeApi();
    const answers = await service(api).lookup([...ids, NOT_INDEXED]);

    expect(api.calls).toHaveLength(31);
    for (const p of JULY_31) {
      const record = await db.papers.get(`arxiv:${p.id}`);
      if (p.githubRepo) {
        expect(record?.code).toEqual({ url: p.githubRepo, stars: p.githubStars, source: 'api', at: START });
      } else {
        expect(record?.code).toBeUndefined();
      }
    }
    const xm = await db.papers.get(XM);
    expect(xm?.code).toEqual({
      url: 'https://github.com/alexiglad/XM',
      stars: 124,
      source: 'api',
      at: START,
    });
    expect(xm?.projectPage).toBe('https://explorative-modeling.github.io/');
    expect(answers.get(NOT_INDEXED)).toEqual({ id: NOT_INDEXED, checkedAt: START, found: false });
    expect(answers.get(NO_REPO)).toEqual({ id: NO_REPO, checkedAt: START, found: true });
    expect(await db.codeLookups.count()).toBe(31);
    // Every record that changed is handed over for broadcasting, once.
    const withData = JULY_31.filter((p) => p.githubRepo || p.projectPage).map((p) => `arxiv:${p.id}`);
    expect(broadcast.map((r) => r.id).sort()).toEqual(withData.sort());
  });

  it('asks nothing again within 7 days of a hit or 1 day of a miss, and asks again after', async () => {
    const api = fakeApi();
    const lookup = service(api).lookup;
    const ids = [XM, NO_REPO, NOT_INDEXED];
    await lookup(ids);
    expect(api.calls).toEqual(ids.map(bare));

    time = START + 23 * HOUR;
    const cached = await lookup(ids);
    expect(api.calls).toHaveLength(3);
    expect(cached.get(XM)?.githubRepo).toBe('https://github.com/alexiglad/XM');
    expect(cached.get(NOT_INDEXED)?.found).toBe(false);

    time = START + 25 * HOUR;
    await lookup(ids);
    expect(api.calls.slice(3)).toEqual([NO_REPO, NOT_INDEXED].map(bare));

    time = START + 7 * DAY - MINUTE;
    await lookup([XM]);
    expect(api.calls).toHaveLength(5);
    time = START + 7 * DAY + MINUTE;
    await lookup([XM]);
    expect(api.calls.slice(5)).toEqual([bare(XM)]);
  });

  it('applies a cached answer to a paper first seen after it was looked up, without asking again', async () => {
    const api = fakeApi();
    const lookup = service(api).lookup;
    await lookup([OMNISCOPE]);
    expect(await db.papers.get(OMNISCOPE)).toBeUndefined(); // the cache holds papers never saved too
    await see([OMNISCOPE]);
    time += HOUR;
    await lookup([OMNISCOPE]);
    expect(api.calls).toHaveLength(1);
    expect((await db.papers.get(OMNISCOPE))?.code?.url).toBe('https://github.com/MAC-AutoML/OmniScope');
    expect(broadcast.map((r) => r.id)).toEqual([OMNISCOPE]);
  });

  it('never has more than 4 requests in flight for 2,000 papers over overlapping calls, each asked once', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `arxiv:2608.${10000 + i}`);
    const api = fakeApi((id) => {
      const n = Number(id.slice(5));
      const answer: Answer =
        n % 3 === 0
          ? { status: 200, body: { id, githubRepo: `https://github.com/lab/repo-${n}`, githubStars: n } }
          : 404;
      return after(Math.random() * 2, answer);
    });
    const lookup = service(api).lookup;
    const [first, second] = await Promise.all([lookup(ids.slice(0, 1200)), lookup(ids.slice(800))]);

    expect(api.maxInFlight).toBe(4);
    expect(api.calls).toHaveLength(2000);
    expect(new Set(api.calls).size).toBe(2000);
    expect(first.size).toBe(1200);
    expect(second.size).toBe(1200);
    expect(second.get('arxiv:2608.10800')?.githubRepo).toBe('https://github.com/lab/repo-10800');
    expect(await db.codeLookups.count()).toBe(2000);
  }, 20_000);

  it('fetches a paper asked for twice at the same time once', async () => {
    const api = fakeApi((id) => after(5, fromFixtures(id)));
    const lookup = service(api).lookup;
    const [a, b] = await Promise.all([lookup([XM]), lookup([XM, OMNISCOPE])]);
    expect(api.calls.sort()).toEqual([bare(OMNISCOPE), bare(XM)].sort());
    expect(a.get(XM)).toEqual(b.get(XM));
  });

  it('asks for the visible cards first, also ahead of papers an earlier call queued', async () => {
    const ids = JULY_31.map((p) => `arxiv:${p.id}`);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const api = fakeApi(async (id) => {
      await gate;
      return fromFixtures(id);
    });
    const lookup = service(api).lookup;
    const visible = ids.slice(20, 26);
    const everything = lookup(ids, { priority: ids.slice(10, 12) });
    await after(20, null);
    expect(api.calls).toEqual([...ids.slice(10, 12), ...ids.slice(0, 2)].map(bare));

    // The user scrolled: the cards now on screen jump the queue.
    const scrolled = lookup(visible, { priority: visible });
    await after(20, null);
    open();
    await Promise.all([everything, scrolled]);
    expect(api.calls.slice(4, 10)).toEqual(visible.map(bare));
    expect(api.calls).toHaveLength(30);
  });

  it('backs off with growing delays on server errors, then gets the answer', async () => {
    const api = fakeApi((id, attempt) => (id === bare(XM) && attempt <= 2 ? 503 : fromFixtures(id)));
    const answers = await service(api, { maxInFlight: 1 }).lookup([XM, OMNISCOPE]);
    expect(sleeps).toEqual([1000, 2000]);
    expect(api.calls).toEqual([XM, XM, XM, OMNISCOPE].map(bare));
    expect(answers.get(XM)?.githubStars).toBe(124);
  });

  it('counts a burst of failures from requests sent together as one', async () => {
    const ids = JULY_31.slice(0, 8).map((p) => `arxiv:${p.id}`);
    const api = fakeApi((id, attempt) =>
      after(2, attempt === 1 && ids.slice(0, 4).includes(`arxiv:${id}`) ? 503 : fromFixtures(id)),
    );
    const answers = await service(api).lookup(ids);
    expect(sleeps).toEqual([1000]);
    expect(answers.size).toBe(8);
  });

  it('honours Retry-After and sends nothing while the queue is paused', async () => {
    let resume!: () => void;
    const api = fakeApi((id, attempt) =>
      id === bare(XM) && attempt === 1 ? { status: 429, headers: { 'Retry-After': '7' } } : fromFixtures(id),
    );
    const pending = service(api, {
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((resolve) => (resume = resolve));
      },
    }).lookup([XM, OMNISCOPE, NO_REPO], { priority: [XM] });
    await after(20, null);
    expect(sleeps).toEqual([7000]);
    // The other papers were in flight with XM; XM itself waits for the pause to end.
    expect(api.calls.filter((c) => c === bare(XM))).toHaveLength(1);
    const before = api.calls.length;
    await after(20, null);
    expect(api.calls).toHaveLength(before);
    resume();
    const answers = await pending;
    expect(answers.get(XM)?.githubRepo).toBe('https://github.com/alexiglad/XM');
  });

  it('reads Retry-After given as a date', async () => {
    const retryAt = new Date(START + 30_000).toUTCString();
    const api = fakeApi((id, attempt) =>
      attempt === 1 ? { status: 503, headers: { 'Retry-After': retryAt } } : fromFixtures(id),
    );
    await service(api).lookup([XM]);
    expect(sleeps).toEqual([30_000]);
  });

  it('gives up on a paper after three failures without caching a miss, and tries it again later', async () => {
    let failing = true;
    const api = fakeApi((id) => (id === bare(XM) && failing ? 500 : fromFixtures(id)));
    const lookup = service(api, { maxInFlight: 1 }).lookup;
    const answers = await lookup([XM, OMNISCOPE]);
    expect(api.calls).toEqual([XM, XM, XM, OMNISCOPE].map(bare));
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(answers.has(XM)).toBe(false);
    expect(await db.codeLookups.get(XM)).toBeUndefined();

    await lookup([XM]);
    expect(api.calls).toHaveLength(4);
    time += 31 * MINUTE;
    failing = false;
    expect((await lookup([XM])).get(XM)?.githubStars).toBe(124);
    expect(api.calls).toHaveLength(5);
  });

  it('does not hammer a server that keeps failing, and finds it again once it recovers', async () => {
    let healthy = false;
    const api = fakeApi(() => (healthy ? 404 : after(1, 500)));
    const ids = Array.from({ length: 2000 }, (_, i) => `arxiv:2608.${10000 + i}`);
    const lookup = service(api).lookup;
    const answers = await lookup(ids);

    expect(answers.size).toBe(0);
    expect(await db.codeLookups.count()).toBe(0);
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(api.calls.length).toBeLessThanOrEqual(40);

    // While it stays down, a later visit costs one round of requests.
    const before = api.calls.length;
    await lookup(ids.slice(1000, 1100));
    expect(api.calls.length - before).toBeLessThanOrEqual(4);

    healthy = true;
    const recovered = await lookup(ids.slice(1000, 1100));
    expect(recovered.size).toBe(100);
  });

  it('retries a request that hangs past its timeout', async () => {
    const api = fakeApi((id, attempt, signal) =>
      attempt === 1
        ? new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
        : fromFixtures(id),
    );
    const answers = await service(api, { requestTimeoutMs: 20 }).lookup([XM]);
    expect(api.calls).toEqual([bare(XM), bare(XM)]);
    expect(answers.get(XM)?.githubStars).toBe(124);
  });

  it('offline: no answers, nothing cached, nothing in the console, and the next visit asks again', async () => {
    const consoleSpies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((m) =>
      vi.spyOn(console, m),
    );
    const ids = JULY_31.map((p) => `arxiv:${p.id}`);
    await see(ids);
    let online = false;
    const api = fakeApi((id) => (online ? fromFixtures(id) : 'throw'));
    const lookup = service(api).lookup;

    const answers = await lookup(ids);
    expect(answers.size).toBe(0);
    expect(api.calls.length).toBeLessThanOrEqual(4); // the rest of the queue is not sent into the void
    expect(await db.codeLookups.count()).toBe(0);
    expect((await db.papers.toArray()).filter((r) => r.code)).toEqual([]);
    expect(broadcast).toEqual([]);
    expect(sleeps).toEqual([]);

    online = true;
    const later = await lookup(ids);
    expect(later.size).toBe(30);
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('turns hostile or odd values into no link, and caches nothing that is not the paper', async () => {
    const consoleSpies = (['error', 'warn'] as const).map((m) => vi.spyOn(console, m));
    const ids = JULY_31.slice(0, 6).map((p) => `arxiv:${p.id}`);
    await see(ids);
    const [script, lookAlike, deepLink, otherPaper, portal, oddStars] = ids.map(bare) as [
      string,
      ...string[],
    ];
    const bodies: Record<string, Answer> = {
      [script]: {
        status: 200,
        body: { githubRepo: 'javascript:alert(1)', projectPage: 'javascript:alert(1)' },
      },
      [lookAlike!]: {
        status: 200,
        body: { githubRepo: 'https://github.com.evil.io/a/b', githubStars: 9, projectPage: 'http://a.org/' },
      },
      [deepLink!]: {
        status: 200,
        body: {
          githubRepo: 'https://github.com/owner/repo/tree/main',
          githubStars: -4,
          projectPage: 'https://a.org/p',
        },
      },
      [otherPaper!]: { status: 200, body: { id: '2607.00001', githubRepo: 'https://github.com/x/y' } },
      [portal!]: { status: 200, body: '<html><title>Sign in to Wi-Fi</title></html>' },
      [oddStars!]: { status: 200, body: { githubRepo: 'https://github.com/x/y', githubStars: '100' } },
    };
    const api = fakeApi((id) => bodies[id]!);
    await service(api).lookup(ids);

    const records = await db.papers.bulkGet(ids);
    expect(records.map((r) => r?.code?.url)).toEqual([
      undefined,
      undefined,
      'https://github.com/owner/repo',
      undefined,
      undefined,
      'https://github.com/x/y',
    ]);
    expect(records.map((r) => r?.code?.stars)).toEqual(Array(6).fill(undefined));
    expect(records.map((r) => r?.projectPage)).toEqual([
      undefined,
      undefined,
      'https://a.org/p',
      undefined,
      undefined,
      undefined,
    ]);
    const rows = await db.codeLookups.bulkGet(ids);
    expect(rows[0]).toEqual({ id: ids[0], checkedAt: START, found: true });
    expect(rows[1]).toEqual({ id: ids[1], checkedAt: START, found: true });
    expect(rows[3]).toBeUndefined();
    expect(rows[4]).toBeUndefined();
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('never replaces a user link, a user clear or a page link; refreshes the stars of the same repo', async () => {
    const [userLink, cleared, pageOther, pageSame, textSame] = JULY_31.filter((p) => p.githubRepo)
      .slice(0, 5)
      .map((p) => `arxiv:${p.id}`) as [string, string, string, string, string];
    const repoOf = (id: string) => paper(bare(id)).githubRepo!;
    await see([userLink, cleared]);
    await setCode(db, userLink, { url: 'https://github.com/me/mine', source: 'user', at: 1 });
    await setCode(db, cleared, null);
    await see([pageOther], {
      code: { url: 'https://github.com/else/where', stars: 2, source: 'page', at: 1 },
    });
    await see([pageSame], { code: { url: repoOf(pageSame), stars: 999, source: 'page', at: 1 } });
    await see([textSame], { code: { url: repoOf(textSame).toLowerCase(), source: 'text', at: 1 } });
    const codeOf = async (ids: string[]) =>
      (await db.papers.bulkGet(ids)).map((r) => ({ code: r?.code, codeCleared: r?.codeCleared }));
    const before = await codeOf([userLink, cleared, pageOther]);

    // The background would not ask for these; even if asked, the API's answer stays below the user's.
    await service(fakeApi()).lookup([userLink, cleared, pageOther, pageSame, textSame]);

    expect(await codeOf([userLink, cleared, pageOther])).toEqual(before);
    expect((await db.papers.get(userLink))?.code).toMatchObject({
      url: 'https://github.com/me/mine',
      source: 'user',
    });
    expect((await db.papers.get(cleared))?.code).toBeUndefined();
    expect((await db.papers.get(pageSame))?.code).toEqual({
      url: repoOf(pageSame),
      stars: paper(bare(pageSame)).githubStars,
      source: 'page',
      at: START,
    });
    expect((await db.papers.get(textSame))?.code).toMatchObject({
      url: repoOf(textSame).toLowerCase(),
      stars: paper(bare(textSame)).githubStars,
      source: 'text',
    });
  });

  it('asks only for papers Hugging Face can have', async () => {
    const api = fakeApi();
    const answers = await service(api).lookup(['arxiv:hep-th/9901001', 'doi:10.1000/xyz', 'arxiv:nonsense']);
    expect(api.calls).toEqual([]);
    expect(answers.size).toBe(0);
  });
});

describe('needsCodeLookup', () => {
  const link = (source: 'user' | 'page' | 'text' | 'api') => ({
    url: 'https://github.com/a/b',
    source,
    at: 1,
  });
  it('wants papers without a link, or with an API link whose stars may be stale', () => {
    expect(needsCodeLookup({ id: XM })).toBe(true);
    expect(needsCodeLookup({ id: XM, code: link('api') })).toBe(true);
    expect(needsCodeLookup({ id: XM, code: link('page') })).toBe(false);
    expect(needsCodeLookup({ id: XM, code: link('text') })).toBe(false);
    expect(needsCodeLookup({ id: XM, code: link('user') })).toBe(false);
    expect(needsCodeLookup({ id: XM, codeCleared: true })).toBe(false);
    expect(needsCodeLookup({ id: 'arxiv:hep-th/9901001' })).toBe(false);
  });
});
