// arxiv.org: listings (/list, /catchup), search results and the abstract page, one adapter each: each content
// script carries only the one its pages need. Listings can hold 2,000 entries, so extraction walks each entry's
// few children once: no document-wide query per entry, no innerText (layout), no backtracking-prone patterns.
import { findGithubRepos } from '../github';
import { arxivPathId, arxivUrl, bareToCanonical } from '../ids';
import type { PaperId, PaperMeta } from '../types';
import { collapseWhitespace, linkTarget, readableText } from './text';
import { lazyMeta, type FoundPaper, type PageKind, type SiteAdapter } from './types';

const HOSTS = new Set(['arxiv.org', 'www.arxiv.org']);
const LIST_PATH = /^\/list\/[a-z-]+(?:\.[a-z-]+)?\/(?:new|recent|pastweek|\d{4}|\d{4}-\d{2})\/?$/i;

/** An adapter for the arXiv pages whose path `kindOf` recognises. */
function arxivAdapter(
  kindOf: (url: URL) => PageKind | undefined,
  extract: SiteAdapter['extract'],
  annotateWhileLoading?: boolean,
): SiteAdapter {
  const pageKind = (url: URL) =>
    url.protocol === 'https:' && HOSTS.has(url.hostname) ? kindOf(url) : undefined;
  return { site: 'arxiv', pageKind, extract, paperUrl: arxivUrl, annotateWhileLoading };
}

/** "Machine Learning (cs.LG)" → "cs.LG". */
function categoryOf(subject: string): string | undefined {
  const open = subject.lastIndexOf('(');
  const close = subject.lastIndexOf(')');
  return open >= 0 && close > open ? subject.slice(open + 1, close).trim() || undefined : undefined;
}

/** Comments and abstract hold the GitHub links; the page's own is trusted as 'text'. */
function withCode(meta: PaperMeta, at: number): PaperMeta {
  const texts = [meta.comments, meta.abstract].filter((text): text is string => text !== undefined);
  const [repo] = findGithubRepos(texts);
  if (repo !== undefined) meta.code = { url: repo, source: 'text', at };
  return meta;
}

/** Short fields are collapsed to one line; the abstract keeps its line breaks (see readableText). */
function setText(meta: PaperMeta, key: 'title' | 'abstract' | 'comments' | 'journalRef', el: Element): void {
  const text = key === 'abstract' ? readableText(el) : collapseWhitespace(readableText(el));
  if (text !== '') meta[key] = text;
}

/** "Machine Learning (cs.LG); Computation and Language (cs.CL)", primary first as arXiv lists it. */
function setCategories(meta: PaperMeta, subjects: string): void {
  const categories = subjects
    .split(';')
    .map(categoryOf)
    .filter((c): c is string => c !== undefined);
  if (categories.length === 0) return;
  meta.primaryCategory = categories[0];
  meta.categories = categories;
}

function authorsOf(container: Element): string[] {
  const authors: string[] = [];
  for (const a of container.getElementsByTagName('a')) {
    const name = (a.textContent ?? '').trim();
    if (name !== '') authors.push(name);
  }
  return authors;
}

// ---- listings: dl > dt + dd ----
// Per entry this reads each field's className and textContent once and leaves labels to string
// operations: DOM calls, not JavaScript, are what a 2,000-entry page costs.

function listingId(dt: Element): PaperId | undefined {
  const link = dt.querySelector('a[title="Abstract"]');
  return link === null ? undefined : abstractLinkId(link);
}

function abstractLinkId(link: Element): PaperId | undefined {
  const href = link.getAttribute('href') ?? '';
  const path = href.startsWith('/abs/') ? href.slice(5) : (/\/abs\/(.+)$/.exec(href)?.[1] ?? '');
  return bareToCanonical(path) ?? bareToCanonical(link.id);
}

/** A field's text without its leading label ("Title:", "Comments:"); links are read only when arXiv
 *  has hidden an address behind "this https URL". */
function fieldText(el: Element, label: RegExp): string {
  const text = el.textContent ?? '';
  return (text.includes('this http') ? readableText(el) : text.replace(label, '')).trim();
}

function listingMeta(id: PaperId, dd: Element | null, at: number): PaperMeta {
  const meta: PaperMeta = { id };
  const first = dd?.firstElementChild;
  const fields = first?.className === 'meta' ? first : dd;
  for (let el = fields?.firstElementChild ?? null; el !== null; el = el.nextElementSibling) {
    const cls = el.className;
    if (cls.includes('list-title')) meta.title = collapseWhitespace(fieldText(el, /^\s*Title:/));
    else if (cls.includes('list-authors')) meta.authors = splitAuthors(fieldText(el, /^\s*Authors:/));
    else if (cls.includes('list-comments'))
      meta.comments = collapseWhitespace(fieldText(el, /^\s*Comments:/));
    else if (cls.includes('list-journal-ref'))
      meta.journalRef = collapseWhitespace(fieldText(el, /^\s*Journal-ref:/));
    else if (cls.includes('list-subjects')) setCategories(meta, fieldText(el, /^\s*Subjects:/));
    else if (el.tagName === 'P') meta.abstract = fieldText(el, /^$/);
  }
  for (const key of ['title', 'comments', 'journalRef', 'abstract'] as const)
    if (meta[key] === '') delete meta[key];
  return withCode(meta, at);
}

/** arXiv lists authors separated by commas, the primary subject first. */
function splitAuthors(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function extractListing(doc: Document, limit = Infinity, after?: Element): FoundPaper[] {
  const at = Date.now();
  const papers: FoundPaper[] = [];
  const seen = new Set<PaperId>();
  for (const dt of entriesAfter(after ?? doc.documentElement)) {
    if (papers.length >= limit) break;
    const link = dt.querySelector('a[title="Abstract"]');
    const id = link === null ? undefined : abstractLinkId(link);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    const next = dt.nextElementSibling;
    const dd = next?.tagName === 'DD' ? next : null;
    // The end of the "arXiv:<id> [pdf, html, other]" line.
    const parts = dd ? [dt, dd] : [dt];
    const found: Omit<FoundPaper, 'meta'> = {
      id,
      card: dt,
      parts,
      anchor: { element: dt, position: 'append', inline: true },
    };
    papers.push(
      lazyMeta(
        found,
        () => listingMeta(id, dd, at),
        () => listingId(dt) === id && (dd === null || dt.nextElementSibling === dd),
      ),
    );
  }
  return papers;
}

/**
 * The entries (`dl > dt`) past `start` in document order. A walk that never enters an entry (its `dt` or `dd`):
 * a read of the page while it loads costs what the parser added since the last, where a document-wide query
 * would match every element of the page again.
 */
function* entriesAfter(start: Element): Generator<Element> {
  for (let el = nextElement(start, start.tagName === 'DT'); el;) {
    const entry = el.tagName === 'DT' || el.tagName === 'DD';
    if (el.tagName === 'DT' && el.parentElement?.tagName === 'DL') yield el;
    el = nextElement(el, entry);
  }
}

/** The element after `el` in document order; past its descendants when `skipInside`. */
function nextElement(el: Element, skipInside: boolean): Element | null {
  if (!skipInside && el.firstElementChild) return el.firstElementChild;
  for (let e: Element | null = el; e; e = e.parentElement)
    if (e.nextElementSibling) return e.nextElementSibling;
  return null;
}

// ---- search results: li.arxiv-result ----

const MONTHS = 'january february march april may june july august september october november december'.split(
  ' ',
);

/** "2 December, 2025" → "2025-12-02". */
function isoDateOf(text: string): string | undefined {
  const m = /(\d{1,2}) ([A-Za-z]+),? (\d{4})/.exec(text);
  const month = m ? MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

function setSearchDates(meta: PaperMeta, line: string): void {
  // "Submitted 4 December, 2025; v1 submitted 2 December, 2025; originally announced December 2025."
  const latest = /Submitted ([^;]+);/.exec(line)?.[1];
  const first = /v1 submitted ([^;]+);/.exec(line)?.[1];
  const published = isoDateOf(first ?? latest ?? '');
  if (published !== undefined) meta.published = published;
  const updated = first !== undefined && latest !== undefined ? isoDateOf(latest) : undefined;
  if (updated !== undefined && updated !== published) meta.updated = updated;
}

function searchMeta(id: PaperId, item: Element, at: number): PaperMeta {
  const meta: PaperMeta = { id };
  const categories: string[] = [];
  for (const tag of item.querySelectorAll('.tags > .tag[data-tooltip]')) {
    const category = collapseWhitespace(tag.textContent ?? '');
    if (category !== '') categories.push(category);
  }
  if (categories.length > 0) {
    meta.primaryCategory = categories[0];
    meta.categories = categories;
  }
  const doi = item.querySelector('a[href^="https://doi.org/"]');
  if (doi) meta.doi = collapseWhitespace(doi.textContent ?? '');
  for (let el = item.firstElementChild; el !== null; el = el.nextElementSibling) {
    const cls = el.classList;
    if (cls.contains('title')) setText(meta, 'title', el);
    else if (cls.contains('authors')) meta.authors = authorsOf(el);
    else if (cls.contains('abstract')) {
      const full = el.querySelector('.abstract-full') ?? el;
      setText(meta, 'abstract', full);
    } else if (cls.contains('comments')) {
      const label = el.firstElementChild?.textContent ?? '';
      const body = el.firstElementChild?.nextElementSibling ?? el;
      setText(meta, /journal/i.test(label) ? 'journalRef' : 'comments', body);
    } else if (el.tagName === 'P' && /Submitted/.test(el.textContent ?? '')) {
      setSearchDates(meta, collapseWhitespace(el.textContent ?? ''));
    }
  }
  return withCode(meta, at);
}

/** The result's abstract link, `https://arxiv.org/abs/<id>`. */
function searchResultId(idLine: Element): PaperId | undefined {
  const url = linkTarget(idLine.querySelector('a[href]'), 'https://arxiv.org/');
  return url && HOSTS.has(url.hostname) ? arxivPathId(url.pathname) : undefined;
}

function extractSearch(doc: Document): FoundPaper[] {
  const at = Date.now();
  const papers: FoundPaper[] = [];
  const seen = new Set<PaperId>();
  for (const item of doc.querySelectorAll('li.arxiv-result')) {
    const idLine = item.querySelector('.list-title');
    const id = idLine ? searchResultId(idLine) : undefined;
    if (id === undefined || idLine == null || seen.has(id)) continue;
    seen.add(id);
    const found: Omit<FoundPaper, 'meta'> = {
      id,
      card: item,
      parts: [item],
      anchor: { element: idLine, position: 'append', inline: true },
    };
    papers.push(
      lazyMeta(
        found,
        () => searchMeta(id, item, at),
        () => searchResultId(idLine) === id,
      ),
    );
  }
  return papers;
}

// ---- abstract page ----

function extractAbstractPage(doc: Document, url: URL): FoundPaper[] {
  const citationId = doc.querySelector('meta[name="citation_arxiv_id"]')?.getAttribute('content') ?? '';
  const id = arxivPathId(url.pathname) ?? bareToCanonical(citationId);
  const heading = doc.querySelector('h1.title');
  if (id === undefined || heading === null) return [];
  const meta: PaperMeta = { id };
  setText(meta, 'title', heading);
  const authors = doc.querySelector('.authors');
  if (authors) meta.authors = authorsOf(authors);
  const abstract = doc.querySelector('blockquote.abstract');
  if (abstract) setText(meta, 'abstract', abstract);
  const comments = doc.querySelector('td.comments');
  if (comments) setText(meta, 'comments', comments);
  const journalRef = doc.querySelector('td.jref');
  if (journalRef) setText(meta, 'journalRef', journalRef);
  const subjects = doc.querySelector('td.subjects');
  if (subjects) setCategories(meta, readableText(subjects));
  // citation_date is the first version's date, "2023/07/26".
  const date = doc.querySelector('meta[name="citation_date"]')?.getAttribute('content') ?? '';
  if (/^\d{4}\/\d{2}\/\d{2}$/.test(date)) meta.published = date.replace(/\//g, '-');
  const card = heading.closest('#abs') ?? heading.parentElement ?? heading;
  return [
    {
      id,
      meta: withCode(meta, Date.now()),
      card,
      parts: [card],
      anchor: { element: heading, position: 'after' },
    },
  ];
}

/** /list/<archive>/<period> and /catchup/…: `dl > dt + dd` entries, served whole (no script renders them). */
export const arxivListing = arxivAdapter(
  (url) => (LIST_PATH.test(url.pathname) || /^\/catchup\/./.test(url.pathname) ? 'listing' : undefined),
  (doc, _url, limit, after) => extractListing(doc, limit, after),
  true,
);

/** /search/…: the results list. The search forms without a query show no results. */
export const arxivSearch = arxivAdapter(
  (url) => (/^\/search(?:\/|$)/.test(url.pathname) && url.search.length > 1 ? 'listing' : undefined),
  extractSearch,
);

/** /abs/<id>: one paper. */
export const arxivAbstract = arxivAdapter(
  (url) =>
    url.pathname.startsWith('/abs/') && arxivPathId(url.pathname) !== undefined ? 'paper' : undefined,
  extractAbstractPage,
);
