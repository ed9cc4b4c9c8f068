// Code links from the Hugging Face papers API (`GET /api/papers/<arxiv id>`), for papers whose page offered
// none. Runs in the background only. Answers are cached in `codeLookups` (also for papers outside the
// library) and applied to paper records with the same precedence as page data: an API link never replaces
// a hand-set link, a user's clear, or a link the page itself showed.
//
// One shared queue serves every caller: visible cards first, a few requests at a time, and the whole queue
// waits when the API asks for a pause. Nothing that failed for a passing reason (offline, rate limit,
// server error) is cached as "no code": a later visit asks again.

import type { CodeLookup, MarginsDB } from './db';
import { normaliseGithubRepo } from './github';
import { arxivIdOf } from './ids';
import { mergeMeta } from './library';
import type { CodeLink, PaperId, PaperMeta, PaperRecord } from './types';

const API_BASE = 'https://huggingface.co/api/papers/';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long an answer stands: code rarely disappears, but papers often gain code in their first days. */
const HIT_TTL_MS = 7 * DAY_MS;
const MISS_TTL_MS = DAY_MS;
/** Attempts per paper before it is left alone (not cached) for `GIVE_UP_MS`. */
const MAX_ATTEMPTS = 3;
const GIVE_UP_MS = 30 * 60 * 1000;
/** Failed rounds in a row after which the API counts as down: the queue is dropped, and while no
 *  request succeeds each later visit costs at most one round of requests. */
const MAX_FAILED_ROUNDS = 6;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 60_000;
/** Retry-After is honoured up to this long; a longer wait would hold the queue for the whole visit. */
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;
const MAX_URL_LENGTH = 2_000;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface CodeLookupDeps {
  db: MarginsDB;
  fetch?: Fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  maxInFlight?: number;
  requestTimeoutMs?: number;
  /** Paper records changed by API answers, as they are written (for the background to broadcast). */
  onChanged?: (records: PaperRecord[]) => void;
}

export interface CodeLookupService {
  /**
   * The API's answer for each id that has one: from the cache when fresh, else asked (once, however many
   * callers want it). Ids that cannot be asked (not a new-style arXiv id), that failed, or that were given up
   * on are absent. `priority` ids (the visible cards) that are also in `ids` are asked first.
   */
  lookup(ids: PaperId[], opts?: { priority?: PaperId[] }): Promise<Map<PaperId, CodeLookup>>;
}

/** Whether a paper's code link may come from the API: it has none, or only an older API one (whose stars
 *  the API refreshes), and the user has not cleared it. */
export function needsCodeLookup(record: Pick<PaperRecord, 'id' | 'code' | 'codeCleared'>): boolean {
  return (
    !record.codeCleared && (!record.code || record.code.source === 'api') && apiUrl(record.id) !== undefined
  );
}

/** Hugging Face indexes papers under new-style arXiv ids only. */
function apiUrl(id: PaperId): string | undefined {
  const bare = arxivIdOf(id);
  return bare === undefined || bare.includes('/') ? undefined : API_BASE + bare;
}

export function isFresh(row: CodeLookup, now: number): boolean {
  const age = now - row.checkedAt;
  return age >= 0 && age < (row.githubRepo ? HIT_TTL_MS : MISS_TTL_MS);
}

/** The cache row for a 200 answer, keeping only values safe to show: a GitHub repository, a star count,
 *  an https project page. Undefined when the body is not this paper's record (a portal page, another id). */
export function parseApiPaper(id: PaperId, body: unknown, checkedAt: number): CodeLookup | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const paper = body as Record<string, unknown>;
  if (paper.id !== undefined && paper.id !== arxivIdOf(id)) return undefined;
  const row: CodeLookup = { id, checkedAt, found: true };
  const repo = typeof paper.githubRepo === 'string' ? normaliseGithubRepo(paper.githubRepo) : undefined;
  if (repo) {
    row.githubRepo = repo;
    const stars = paper.githubStars;
    if (typeof stars === 'number' && Number.isSafeInteger(stars) && stars >= 0) row.githubStars = stars;
  }
  const page = httpsUrl(paper.projectPage);
  if (page) row.projectPage = page;
  return row;
}

function httpsUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A record with an API answer applied, by `mergeMeta`'s rule (source 'api' ranks below page and text links
 * and never touches a user link or a user clear). The API's star count also refreshes an existing link to
 * the same repository when the answer is newer than that link.
 */
export function withApiCode(record: PaperRecord, lookup: CodeLookup): PaperRecord {
  const meta: PaperMeta = { id: record.id };
  if (lookup.projectPage) meta.projectPage = lookup.projectPage;
  let link: CodeLink | undefined;
  if (lookup.githubRepo) {
    link = { url: lookup.githubRepo, source: 'api', at: lookup.checkedAt };
    if (lookup.githubStars !== undefined) link.stars = lookup.githubStars;
    meta.code = link;
  }
  const next = mergeMeta(record, meta);
  const kept = next.code;
  if (
    link?.stars !== undefined &&
    kept &&
    kept !== link &&
    kept.url.toLowerCase() === link.url.toLowerCase() &&
    kept.stars !== link.stars &&
    link.at >= kept.at
  ) {
    next.code = { ...kept, stars: link.stars, at: link.at };
  }
  return next;
}

/** Apply answers to the paper records that exist (papers never seen are not created) and return the
 *  records that changed, with `updatedAt` set. */
export async function applyCodeLookups(
  db: MarginsDB,
  lookups: CodeLookup[],
  now: number,
): Promise<PaperRecord[]> {
  if (!lookups.length) return [];
  return db.transaction('rw', db.papers, async () => {
    const records = await db.papers.bulkGet(lookups.map((l) => l.id));
    const changed: PaperRecord[] = [];
    lookups.forEach((lookup, i) => {
      const record = records[i];
      if (!record) return;
      const next = withApiCode(record, lookup);
      if (JSON.stringify(next) !== JSON.stringify(record)) changed.push({ ...next, updatedAt: now });
    });
    if (changed.length) await db.papers.bulkPut(changed);
    return changed;
  });
}

interface Job {
  id: PaperId;
  url: string;
  attempts: number;
  done: Promise<CodeLookup | undefined>;
  settle: (answer: CodeLookup | undefined) => void;
}

type Outcome =
  | { kind: 'answer'; lookup: CodeLookup }
  /** Nothing to cache and nothing to retry (a body that is not the paper's record, an unexpected status). */
  | { kind: 'skip' }
  | { kind: 'retry'; retryAfterMs?: number }
  | { kind: 'offline' };

export function createCodeLookup(deps: CodeLookupDeps): CodeLookupService {
  const {
    db,
    fetch = (input: string, init?: RequestInit) => globalThis.fetch(input, init),
    now = Date.now,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    maxInFlight = 4,
    requestTimeoutMs = 20_000,
    onChanged = () => {},
  } = deps;

  /** Queued or in flight, by id: a second caller joins the first one's job. */
  const jobs = new Map<PaperId, Job>();
  const queue: Job[] = [];
  const givenUpUntil = new Map<PaperId, number>();
  let inFlight = 0;
  let pauseMs = 0;
  /** Failed rounds in a row; a round is the requests sent since the last pause began. */
  let failedRounds = 0;
  let round = 0;
  let pumping = false;
  let wakePump: (() => void) | undefined;

  const toWrite: { job: Job; lookup: CodeLookup }[] = [];
  let writing: Promise<void> | undefined;

  function newJob(id: PaperId, url: string): Job {
    let settle!: Job['settle'];
    const done = new Promise<CodeLookup | undefined>((resolve) => (settle = resolve));
    const job: Job = { id, url, attempts: 0, done, settle };
    jobs.set(id, job);
    return job;
  }

  function finish(job: Job, answer: CodeLookup | undefined) {
    jobs.delete(job.id);
    job.settle(answer);
  }

  function dropQueue() {
    for (const job of queue.splice(0)) finish(job, undefined);
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length) {
        if (pauseMs > 0) {
          const ms = pauseMs;
          pauseMs = 0;
          await sleep(ms);
        } else if (inFlight >= maxInFlight) {
          await new Promise<void>((resolve) => (wakePump = resolve));
        } else {
          void run(queue.shift()!);
        }
      }
    } finally {
      pumping = false;
    }
  }

  async function run(job: Job) {
    inFlight++;
    const sentInRound = round;
    const outcome = await ask(job);
    inFlight--;
    switch (outcome.kind) {
      case 'answer':
        failedRounds = 0;
        toWrite.push({ job, lookup: outcome.lookup });
        startWriting();
        break;
      case 'skip':
        finish(job, undefined);
        break;
      case 'offline':
        // Every other request would fail the same way: try again on a later visit.
        finish(job, undefined);
        dropQueue();
        break;
      case 'retry':
        retryLater(job, sentInRound, outcome.retryAfterMs);
        break;
    }
    wakePump?.();
    wakePump = undefined;
    void pump();
  }

  function retryLater(job: Job, sentInRound: number, retryAfterMs: number | undefined) {
    // Requests sent before the current pause began fail for the same reason: one failed round, not four.
    if (sentInRound === round) {
      round++;
      failedRounds++;
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failedRounds - 1));
      pauseMs = Math.max(pauseMs, retryAfterMs ?? backoff);
    } else if (retryAfterMs !== undefined) {
      pauseMs = Math.max(pauseMs, retryAfterMs);
    }
    job.attempts++;
    if (failedRounds >= MAX_FAILED_ROUNDS) {
      pauseMs = 0;
      finish(job, undefined);
      dropQueue();
    } else if (job.attempts >= MAX_ATTEMPTS) {
      givenUpUntil.set(job.id, now() + GIVE_UP_MS);
      finish(job, undefined);
    } else {
      queue.unshift(job);
    }
  }

  async function ask(job: Job): Promise<Outcome> {
    let response: Response;
    try {
      response = await fetch(job.url, {
        credentials: 'omit',
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      // A request that hangs is an overloaded server, not a missing network.
      return error instanceof Error && error.name === 'TimeoutError'
        ? { kind: 'retry' }
        : { kind: 'offline' };
    }
    if (response.status === 404)
      return { kind: 'answer', lookup: { id: job.id, checkedAt: now(), found: false } };
    if (response.status === 429 || response.status >= 500) {
      return { kind: 'retry', retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) };
    }
    if (response.status !== 200) return { kind: 'skip' };
    try {
      const lookup = parseApiPaper(job.id, await response.json(), now());
      return lookup ? { kind: 'answer', lookup } : { kind: 'skip' };
    } catch {
      return { kind: 'skip' };
    }
  }

  /** `Retry-After` as seconds or an HTTP date, capped. */
  function retryAfterMs(header: string | null): number | undefined {
    if (header === null || header.trim() === '') return undefined;
    const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now();
    return Number.isFinite(seconds) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, seconds)) : undefined;
  }

  /** Answers are written in batches by one writer: under load each transaction carries many answers. */
  function startWriting() {
    writing ??= writeAll().finally(() => {
      writing = undefined;
      if (toWrite.length) startWriting();
    });
  }

  async function writeAll() {
    while (toWrite.length) {
      const batch = toWrite.splice(0);
      const lookups = batch.map((b) => b.lookup);
      let changed: PaperRecord[] = [];
      try {
        changed = await db.transaction('rw', db.codeLookups, db.papers, async () => {
          await db.codeLookups.bulkPut(lookups);
          return applyCodeLookups(db, lookups, now());
        });
      } catch (error) {
        // The answers still reach the caller; only the cache and the records miss them.
        console.error('Margins: could not save code links', error);
      }
      for (const { job, lookup } of batch) finish(job, lookup);
      if (changed.length) onChanged(changed);
    }
  }

  async function lookup(ids: PaperId[], opts: { priority?: PaperId[] } = {}) {
    const t = now();
    const wanted = new Set(ids);
    const first = new Set((opts.priority ?? []).filter((id) => wanted.has(id)));
    const ordered = [...new Set([...first, ...ids])].filter((id) => (givenUpUntil.get(id) ?? 0) <= t);
    const askable = ordered.flatMap((id) => {
      const url = apiUrl(id);
      return url === undefined ? [] : [{ id, url }];
    });

    // A paper already being asked for is joined at once; the others are looked up in the cache first.
    const toCheck = askable.filter((a) => !jobs.has(a.id));
    const cached = await db.codeLookups.bulkGet(toCheck.map((a) => a.id));
    const fresh = new Map<PaperId, CodeLookup>();
    toCheck.forEach((a, i) => {
      const row = cached[i];
      if (row && isFresh(row, t)) fresh.set(a.id, row);
    });
    // A cached answer may predate the record (the paper was first seen elsewhere) or a lost page link.
    const changed = await applyCodeLookups(db, [...fresh.values()], t);
    if (changed.length) onChanged(changed);

    const front: Job[] = [];
    const waiting = askable
      .filter((a) => !fresh.has(a.id))
      .map(({ id, url }) => {
        const known = jobs.get(id);
        const job = known ?? newJob(id, url);
        const queuedAt = known && first.has(id) ? queue.indexOf(known) : -1;
        if (queuedAt >= 0) queue.splice(queuedAt, 1);
        if (first.has(id) && (queuedAt >= 0 || !known)) front.push(job);
        else if (!known) queue.push(job);
        return { id, done: job.done };
      });
    queue.unshift(...front);
    void pump();

    const result = new Map(fresh);
    for (const { id, done } of waiting) {
      const answer = await done;
      if (answer) result.set(id, answer);
    }
    return result;
  }

  return { lookup };
}
