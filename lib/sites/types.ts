import type { PaperId, PaperMeta, SiteName } from '../types';

/** Where a paper's widget is inserted, relative to an element of the card. */
export interface WidgetAnchor {
  element: Element;
  position: 'append' | 'prepend' | 'before' | 'after';
  /** The widget joins the end of the element's line of text instead of taking a row of its own: it then adds
   *  no height, so inserting 2,000 of them moves nothing else on the page. */
  inline?: boolean;
}

/** One paper found on a page. */
export interface FoundPaper {
  id: PaperId;
  /** What the page says about the paper. Listings may read it on first access (a getter, see `lazyMeta`): on
   *  a 2,000-entry page the DOM reads behind it cost more than finding the papers, and most are needed later. */
  readonly meta: PaperMeta;
  /** The element that stands for the paper on the page (an HF `article`, an arXiv `dt`). */
  card: Element;
  /** Every element that visually belongs to the card (dimmed or hidden together): for arXiv
   *  listings the `dt` and its `dd`; usually just `[card]`. */
  parts: Element[];
  anchor: WidgetAnchor;
}

/** What kind of page an adapter recognised: listings get the toolbar and keyboard triage. */
export type PageKind = 'listing' | 'paper';

/** One adapter per site, in the spirit of Zotero's translators: a URL predicate and an
 *  extractor. Both are pure functions of their inputs (no `browser.*`, no globals). */
export interface SiteAdapter {
  site: SiteName;
  /** The kind of page at this URL, or undefined when the adapter does not serve it. */
  pageKind(url: URL): PageKind | undefined;
  /**
   * The papers on the page, in document order, each id once. With `limit`, an adapter of long pages stops after
   * that many (the content script draws the top of a page before it reads the rest); with `after` (a card an
   * earlier call returned), it starts past that card (the page is read as it loads). Others may ignore both.
   */
  extract(doc: Document, url: URL, limit?: number, after?: Element): FoundPaper[];
  /**
   * The page's cards are complete once the parser has passed them, and no script of the page renders them
   * again: the content script annotates them while the page is still loading (see lib/content/main.ts).
   */
  annotateWhileLoading?: boolean;
  /** Where the triage key `o` opens one of its papers: the paper's page on this site. */
  paperUrl(id: PaperId): string | undefined;
}

/** The first of `adapters` serving this URL and what kind of page it is; hosts must match exactly. */
export function adapterFor(
  adapters: readonly SiteAdapter[],
  url: URL,
): { adapter: SiteAdapter; kind: PageKind } | undefined {
  for (const adapter of adapters) {
    const kind = adapter.pageKind(url);
    if (kind !== undefined) return { adapter, kind };
  }
  return undefined;
}

/**
 * A paper whose metadata is read from the page on first access, once. `stillThere` guards the read: a card the
 * page has since given to another paper yields the id alone, never the other paper's title.
 */
export function lazyMeta(
  paper: Omit<FoundPaper, 'meta'>,
  read: () => PaperMeta,
  stillThere: () => boolean,
): FoundPaper {
  let meta: PaperMeta | undefined;
  return {
    ...paper,
    get meta() {
      meta ??= stillThere() ? read() : { id: paper.id };
      return meta;
    },
  };
}
