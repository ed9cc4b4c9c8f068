import type { PaperMeta, SiteName } from '../types';

/** Where a paper's widget is inserted, relative to an element of the card. */
export interface WidgetAnchor {
  element: Element;
  position: 'append' | 'prepend' | 'before' | 'after';
}

/** One paper found on a page. */
export interface FoundPaper {
  meta: PaperMeta;
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
  /** The papers on the page, in document order, each id once. */
  extract(doc: Document, url: URL): FoundPaper[];
}
