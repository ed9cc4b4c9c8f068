// Metadata completion from the arXiv API before an export. Listing cards show truncated author lists and no
// year or category; the API has them all. Requests follow arXiv's terms of use: at most 100 ids per request,
// one request at a time, 3 s apart. Answers are kept in the records (merged with `mergeMeta`, stamped with
// `metaCheckedAt`) so the next export asks nothing. Offline or failing, the export goes ahead with what is
// known and names the papers left incomplete.
//
// The Atom feed is parsed with fast-xml-parser, not DOMParser: the background service worker has no DOM.

import { XMLParser } from 'fast-xml-parser';
import type { MarginsDB } from './db';
import { arxivIdOf, canonicalId } from './ids';
import { mergeMeta } from './library';
import type { PaperId, PaperMeta, PaperRecord } from './types';

export const ARXIV_API = 'https://export.arxiv.org/api/query';
export const MAX_IDS_PER_REQUEST = 100;
export const MIN_REQUEST_INTERVAL_MS = 3_000;

type Node = Record<string, unknown>;

function text(node: unknown): string | undefined {
  const value = typeof node === 'object' && node !== null ? (node as Node)['#text'] : node;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return String(value).replace(/\s+/g, ' ').trim() || undefined;
}

function list(node: unknown): unknown[] {
  return Array.isArray(node) ? node : node === undefined ? [] : [node];
}

function attr(node: unknown, name: string): string | undefined {
  return typeof node === 'object' && node !== null ? text((node as Node)[`@_${name}`]) : undefined;
}

/** The papers in an arXiv API Atom feed. Error entries (an id the API rejects) and anything without a
 *  recognisable arXiv id are left out. */
export function parseArxivAtom(xml: string): PaperMeta[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    // Titles like "1984" must stay strings.
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: false,
  });
  const doc = parser.parse(xml) as Node;
  const feed = doc['feed'] as Node | undefined;
  if (!feed || typeof feed !== 'object') throw new Error('Not an Atom feed');
  const metas: PaperMeta[] = [];
  for (const entry of list(feed['entry']) as Node[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const id = canonicalId(text(entry['id']) ?? '');
    if (!id) continue;
    const authors = list(entry['author'])
      .map((a) => text((a as Node | undefined)?.['name']))
      .filter((a): a is string => !!a);
    const categories = list(entry['category'])
      .map((c) => attr(c, 'term'))
      .filter((c): c is string => !!c);
    const meta: PaperMeta = { id, authorsTruncated: false };
    const set = <K extends keyof PaperMeta>(key: K, value: PaperMeta[K] | undefined) => {
      if (value !== undefined && !(Array.isArray(value) && !value.length)) meta[key] = value;
    };
    set('title', text(entry['title']));
    set('authors', authors);
    set('abstract', text(entry['summary']));
    set('published', text(entry['published']));
    set('updated', text(entry['updated']));
    set('primaryCategory', attr(entry['primary_category'], 'term') ?? categories[0]);
    set('categories', categories);
    set('comments', text(entry['comment']));
    set('journalRef', text(entry['journal_ref']));
    set('doi', text(entry['doi']));
    metas.push(meta);
  }
  return metas;
}

export class ArxivApiError extends Error {}

export interface ArxivClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  minIntervalMs?: number;
  timeoutMs?: number;
}

/** Asks the arXiv API, one request at a time and never sooner than `minIntervalMs` after the last one. */
export class ArxivClient {
  private queue: Promise<unknown> = Promise.resolve();
  private lastRequestAt = -Infinity;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  private readonly timeoutMs: number;

  constructor(options: ArxivClientOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? MIN_REQUEST_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Metadata of up to 100 papers, by canonical id. */
  query(ids: readonly PaperId[]): Promise<PaperMeta[]> {
    const bare = ids.map(arxivIdOf).filter((id): id is string => id !== undefined);
    if (bare.length > MAX_IDS_PER_REQUEST)
      throw new RangeError(`At most ${MAX_IDS_PER_REQUEST} ids per request`);
    const run = this.queue.then(async () => {
      const wait = this.lastRequestAt + this.minIntervalMs - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastRequestAt = this.now();
      const url = `${ARXIV_API}?id_list=${bare.join(',')}&max_results=${bare.length}`;
      let response: Response;
      try {
        response = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (error) {
        throw new ArxivApiError(`arXiv could not be reached (${(error as Error).message}).`);
      } finally {
        this.lastRequestAt = this.now();
      }
      if (!response.ok) throw new ArxivApiError(`arXiv answered HTTP ${response.status}.`);
      try {
        return parseArxivAtom(await response.text());
      } catch {
        throw new ArxivApiError('arXiv sent an answer that is not an Atom feed.');
      }
    });
    // A failed request must not block the ones queued after it.
    this.queue = run.catch(() => undefined);
    return run;
  }
}

let sharedClient: ArxivClient | undefined;
/** The client of this extension context, so every export shares one pace. */
export function arxivClient(): ArxivClient {
  sharedClient ??= new ArxivClient();
  return sharedClient;
}

/** What an export misses without the API: a title, the full author list, a date. */
export function isIncomplete(record: PaperRecord): boolean {
  return !record.title || !record.authors.length || !!record.authorsTruncated || !record.published;
}

/** Worth asking the API: an arXiv paper never checked that lacks something the API has. */
export function needsCompletion(record: PaperRecord): boolean {
  return (
    record.metaCheckedAt === undefined &&
    arxivIdOf(record.id) !== undefined &&
    (isIncomplete(record) || !record.primaryCategory)
  );
}

export interface CompletionProgress {
  done: number;
  total: number;
}

export interface CompletionResult {
  /** The input records, completed where the API answered, in input order. */
  records: PaperRecord[];
  /** Records still missing a title, full authors or a date after completion. */
  incomplete: PaperRecord[];
  /** A user-facing sentence when the API failed part-way. */
  error?: string;
}

/**
 * Complete the metadata of `records` from the arXiv API and store what it says. Never throws for network
 * trouble: the export goes on with what is known.
 */
export async function completeMetadata(
  db: MarginsDB,
  records: readonly PaperRecord[],
  options: {
    client?: ArxivClient;
    onProgress?: (progress: CompletionProgress) => void;
    now?: () => number;
  } = {},
): Promise<CompletionResult> {
  const client = options.client ?? arxivClient();
  const now = options.now ?? Date.now;
  const todo = records.filter(needsCompletion).map((r) => r.id);
  const completed = new Map<PaperId, PaperRecord>();
  let error: string | undefined;
  options.onProgress?.({ done: 0, total: todo.length });
  for (let start = 0; start < todo.length; start += MAX_IDS_PER_REQUEST) {
    const batch = todo.slice(start, start + MAX_IDS_PER_REQUEST);
    let metas: PaperMeta[];
    try {
      metas = await client.query(batch).catch(() => client.query(batch));
    } catch (e) {
      error = `${(e as Error).message} Exported what is known.`;
      break;
    }
    for (const record of await storeMetas(db, batch, metas, now())) completed.set(record.id, record);
    options.onProgress?.({ done: start + batch.length, total: todo.length });
  }
  const result = records.map((r) => completed.get(r.id) ?? r);
  return { records: result, incomplete: result.filter(isIncomplete), ...(error && { error }) };
}

/** Merge the API's answer into the stored records in one transaction; every id asked is stamped as checked,
 *  also those the API does not know, so they are not asked again. */
async function storeMetas(
  db: MarginsDB,
  ids: PaperId[],
  metas: PaperMeta[],
  now: number,
): Promise<PaperRecord[]> {
  const byId = new Map(metas.map((m) => [m.id, m]));
  return db.transaction('rw', db.papers, async () => {
    const stored = await db.papers.bulkGet(ids);
    const next = stored
      .filter((r): r is PaperRecord => r !== undefined)
      .map((r) => {
        const meta = byId.get(r.id);
        return { ...(meta ? mergeMeta(r, meta) : r), metaCheckedAt: now, updatedAt: now };
      });
    await db.papers.bulkPut(next);
    return next;
  });
}
