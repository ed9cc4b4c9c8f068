// huggingface.co/papers: daily, weekly, monthly, trending and search listings, and the paper page.
// Metadata comes first from the page's own hydration JSON (`data-props`), matched to cards by the
// paper id in the card's links; the DOM is the fallback when the JSON is missing, stale after a
// client-side navigation, malformed or reshaped. Cards are found by their link structure, never by
// Tailwind classes.
import { normaliseGithubRepo } from '../github';
import { bareToCanonical, huggingfacePathId, huggingfaceUrl, parseArxivId } from '../ids';
import type { CodeLink, PaperId, PaperMeta } from '../types';
import { collapseWhitespace, linkTarget } from './text';
import type { FoundPaper, PageKind, SiteAdapter } from './types';

const LISTING_PATHS = [
  /^\/papers\/?$/,
  /^\/papers\/date\/\d{4}-\d{2}-\d{2}\/?$/,
  /^\/papers\/week\/\d{4}-W\d{2}\/?$/,
  /^\/papers\/month\/\d{4}-\d{2}\/?$/,
  /^\/papers\/trending\/?$/,
];
const PAPER_PATH = /^\/papers\/([^/]+)\/?$/;
const TITLE_LINKS = 'h3 a[href*="/papers/"]';

function pageKind(url: URL): PageKind | undefined {
  if (url.protocol !== 'https:' || url.hostname !== 'huggingface.co') return undefined;
  if (LISTING_PATHS.some((path) => path.test(url.pathname))) return 'listing';
  const paper = PAPER_PATH.exec(url.pathname);
  return paper && parseArxivId(paper[1] ?? '') ? 'paper' : undefined;
}

/** The paper a link on a Hugging Face page points to (`/papers/<id>`, with or without `#community`). */
function paperIdOfLink(link: Element, base: URL): PaperId | undefined {
  const target = linkTarget(link, base);
  return target?.hostname === 'huggingface.co' ? huggingfacePathId(target.pathname) : undefined;
}

// ---- hydration JSON ----

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

function httpUrlOf(value: unknown): string | undefined {
  const text = stringOf(value);
  return text !== undefined && /^https?:\/\/[^\s]+$/i.test(text.trim()) ? text.trim() : undefined;
}

function metaFromPaperJson(paper: Json, at: number): PaperMeta | undefined {
  // The page's JSON holds bare arXiv ids.
  const id = bareToCanonical(String(paper.id ?? ''));
  if (id === undefined) return undefined;
  const meta: PaperMeta = { id };
  const title = stringOf(paper.title);
  if (title !== undefined) meta.title = collapseWhitespace(title);
  if (Array.isArray(paper.authors)) {
    const authors = paper.authors
      .map((author) => (isObject(author) ? stringOf(author.name) : undefined))
      .filter((name): name is string => name !== undefined)
      .map(collapseWhitespace);
    if (authors.length > 0) meta.authors = authors;
  }
  const summary = stringOf(paper.summary);
  if (summary !== undefined) meta.abstract = collapseWhitespace(summary);
  const published = stringOf(paper.publishedAt);
  if (published !== undefined && !Number.isNaN(Date.parse(published))) meta.published = published;
  const repo = typeof paper.githubRepo === 'string' ? normaliseGithubRepo(paper.githubRepo) : undefined;
  if (repo !== undefined) meta.code = codeLink(repo, numberOf(paper.githubStars), at);
  const projectPage = httpUrlOf(paper.projectPage);
  if (projectPage !== undefined) meta.projectPage = projectPage;
  const upvotes = numberOf(paper.upvotes);
  if (upvotes !== undefined) meta.upvotes = upvotes;
  return meta;
}

function codeLink(url: string, stars: number | undefined, at: number): CodeLink {
  return stars === undefined ? { url, source: 'page', at } : { url, stars, source: 'page', at };
}

/** Paper objects in a hydration payload: daily/weekly/monthly lists, search results, a paper page. */
function papersInProps(props: Json): Json[] {
  const papers: Json[] = [];
  for (const key of ['dailyPapers', 'searchResults']) {
    const list = props[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (isObject(item) && isObject(item.paper)) papers.push(item.paper);
      else if (isObject(item) && typeof item.id === 'string') papers.push(item);
    }
  }
  if (isObject(props.paper)) papers.push(props.paper);
  return papers;
}

function metaFromHydration(doc: Document, at: number): Map<PaperId, PaperMeta> {
  const found = new Map<PaperId, PaperMeta>();
  for (const island of doc.querySelectorAll('[data-target][data-props]')) {
    const raw = island.getAttribute('data-props') ?? '';
    if (!raw.includes('"dailyPapers"') && !raw.includes('"searchResults"') && !raw.includes('"paper"'))
      continue;
    let props: unknown;
    try {
      props = JSON.parse(raw);
    } catch {
      continue; // a malformed island leaves the DOM fallback in charge
    }
    if (!isObject(props)) continue;
    for (const paper of papersInProps(props)) {
      const meta = metaFromPaperJson(paper, at);
      if (meta !== undefined && !found.has(meta.id)) found.set(meta.id, meta);
    }
  }
  return found;
}

// ---- DOM ----

/** The card of a title: the largest ancestor holding no other paper title, stopping at a list
 *  item or article, so a renamed wrapper or a missing `article` still yields one card per paper. */
function cardOf(heading: Element, root: Element): Element {
  let card = heading;
  while (card.tagName !== 'ARTICLE' && card.tagName !== 'LI') {
    const parent = card.parentElement;
    if (parent === null || parent === root || parent.querySelectorAll(TITLE_LINKS).length > 1) break;
    card = parent;
  }
  return card;
}

/** "2.61k" → 2610, "124" → 124. */
function countOf(text: string): number | undefined {
  const m = /(\d+(?:\.\d+)?)\s*([kKmM]?)/.exec(text);
  if (!m) return undefined;
  const scale = { k: 1e3, m: 1e6 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * scale);
}

function metaFromCard(id: PaperId, card: Element, titleLink: Element, at: number): PaperMeta {
  const meta: PaperMeta = { id };
  const title = collapseWhitespace(titleLink.textContent ?? '');
  if (title !== '') meta.title = title;
  const authorItems = [...card.querySelectorAll('li[title]')];
  const authors = authorItems.map((li) => collapseWhitespace(li.getAttribute('title') ?? '')).filter(Boolean);
  if (authors.length > 0) meta.authors = authors;
  // "· 7 authors" sits in a title-less item of the same list when more authors exist than shown.
  const total = authorItems[0]?.parentElement?.querySelector('li:not([title])')?.textContent ?? '';
  const count = /(\d+)\s+authors?\b/.exec(total);
  if (count && Number(count[1]) > authors.length) meta.authorsTruncated = true;
  for (const link of card.querySelectorAll('a[href*="github.com"]')) {
    const repo = normaliseGithubRepo(link.getAttribute('href') ?? '');
    if (repo !== undefined) {
      meta.code = codeLink(repo, countOf(link.textContent ?? ''), at);
      break;
    }
  }
  return meta;
}

function extractListing(doc: Document, url: URL): FoundPaper[] {
  const at = Date.now();
  const fromJson = metaFromHydration(doc, at);
  const root = doc.body ?? doc.documentElement;
  const papers: FoundPaper[] = [];
  const seen = new Set<PaperId>();
  for (const link of root.querySelectorAll(TITLE_LINKS)) {
    const id = paperIdOfLink(link, url);
    const heading = link.closest('h3');
    if (id === undefined || heading === null || seen.has(id)) continue;
    seen.add(id);
    const card = cardOf(heading, root);
    const meta = fromJson.get(id) ?? metaFromCard(id, card, link, at);
    // After the title: inside the card's text column, so the grid keeps its shape.
    papers.push({ id, meta, card, parts: [card], anchor: { element: heading, position: 'after' } });
  }
  return papers;
}

function extractPaperPage(doc: Document, url: URL): FoundPaper[] {
  const id = huggingfacePathId(url.pathname);
  const heading = doc.querySelector('main h1') ?? doc.querySelector('h1');
  if (id === undefined || heading === null) return [];
  const at = Date.now();
  const card = heading.closest('section') ?? heading.parentElement ?? heading;
  const meta = metaFromHydration(doc, at).get(id) ?? metaFromCard(id, card, heading, at);
  return [{ id, meta, card, parts: [card], anchor: { element: heading, position: 'after' } }];
}

export const huggingface: SiteAdapter = {
  site: 'huggingface',
  pageKind,
  extract(doc, url) {
    const kind = pageKind(url);
    if (kind === 'listing') return extractListing(doc, url);
    if (kind === 'paper') return extractPaperPage(doc, url);
    return [];
  },
  paperUrl: huggingfaceUrl,
};
