// Finds the papers on the page (through the site adapter) and keeps exactly one widget on each card while the
// page re-renders: cards re-inserted, replaced by other papers, or navigated to client-side.
//
// What a 2,000-entry listing costs is bounded by what the user can see. Every card gets its host at once (its
// id and status for filters, counts and tests): a bare element, hidden, which costs the page no layout. A
// widget gets its shadow root and is drawn (and its host shown) when its card comes within a screen of the
// viewport; on a page of up to DRAW_ALL_LIMIT cards the rest are drawn in idle time, so every control is there
// for assistive technology and find-in-page. Drawing all 2,000 widgets, or even inserting 2,000 visible empty
// hosts a few hundred per frame, added as much layout work as the page itself. The page's metadata is read and
// sent to the background (`seen`: the paper is recorded with this sighting) in chunks in idle time, cards in
// view first; on a bigger page only for cards that come near, since reading and sending 2,000 entries' text
// cost the page more than everything else Margins does there. Their stored state (read, tags) is still
// fetched for every card, by id, so filters and counts cover the whole page.

import { h, hydrate, render } from 'preact';
import { CardWidget } from '../../components/CardWidget';
import type { Editor, OpenRequest } from '../../components/Widget';
import type { FoundPaper, PageKind, SiteAdapter } from '../sites/types';
import type { PaperId, PaperRecord } from '../types';
import type { PageStore } from './store';
import { createHost, markPageElement, sharedWidgetSheet, WIDGET_CSS } from './styles';

export const HOST_TAG = 'margins-widget';
/** Marks the listing toolbar's host element. */
export const TOOLBAR_ATTR = 'data-margins-toolbar';

export interface Mount {
  id: PaperId;
  card: Element;
  parts: Element[];
  host: HTMLElement;
  /** Something is drawn in the shadow root: the static copy or the live widget. */
  rendered: boolean;
  /** The live (Preact) widget is drawn. */
  live: boolean;
  openRequest?: OpenRequest;
  /** The status, hidden and dimmed state last applied to the host and parts: unchanged cards are skipped. */
  look: string;
  /** The card came within a screen of the viewport (perhaps before the scan that queues its `seen`). */
  near?: boolean;
}

export interface ScanResult {
  adapter: SiteAdapter | undefined;
  kind: PageKind | undefined;
  mounts: Mount[];
}

/** Pages with at most this many cards get every widget drawn (in idle time); bigger ones near the viewport. */
export const DRAW_ALL_LIMIT = 300;
/**
 * Cards drawn at once (`annotateParsed`, and with each scan), in document order: the top of a listing is what
 * the user sees first, and waiting for the IntersectionObserver's first report costs a frame or more.
 */
const DRAW_FIRST = 8;
/** Cards read per call while a page loads, and in its DOMContentLoaded task: a few milliseconds each. */
const READ_CHUNK = 500;
/** Longest stretch of host creation per task; the budget is no added task of 50 ms. */
const MOUNT_SLICE_MS = 10;
/** Papers per `seen` message: reading their metadata from the page stays a few milliseconds. */
const SEEN_CHUNK = 100;
const CODE_LOOKUP_DELAY_MS = 200;

export class Annotator {
  private mounts = new Map<Element, Mount>();
  /** The last scan's papers, and those of them still waiting for their host. */
  private found: FoundPaper[] = [];
  private toMount: FoundPaper[] = [];
  private mountTimer: ReturnType<typeof setTimeout> | undefined;
  /** Papers read before the first scan (`annotateParsed`), in page order; `earlyWhole`: the whole page. */
  private early: FoundPaper[] = [];
  private earlyIds = new Set<PaperId>();
  private earlyWhole = false;
  private result: ScanResult = { adapter: undefined, kind: undefined, mounts: [] };
  private sentFor = new Map<PaperId, string>();
  /** Papers not yet sent to the background, in page order, with the URL they were seen at. */
  private seenQueue = new Map<PaperId, { paper: FoundPaper; url: string }>();
  /** Papers of a big page whose cards have not come near yet: queued for `seen` when they do. */
  private notNear = new Map<PaperId, { paper: FoundPaper; url: string }>();
  /** Queued papers the user can see: sent first. */
  private seenFirst = new Set<PaperId>();
  private seenScheduled = false;
  private drawScheduled = false;
  private visibility: IntersectionObserver;
  private unsubscribe: () => void;
  private hideRead = false;
  private filter: { tag?: string; unreadOnly?: boolean } = {};
  private dark = false;
  private openSeq = 0;
  private untouched: DocumentFragment | undefined;
  private blankHost: HTMLElement | undefined;
  private codeAsked = new Set<PaperId>();
  private codeQueue: PaperId[] = [];
  private codeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly store: PageStore,
    /** Hosts the scan left for later tasks are all in the page (see `mountSome`). */
    private readonly onMounted: () => void = () => {},
  ) {
    this.visibility = new IntersectionObserver((entries) => this.onVisible(entries), {
      rootMargin: '100% 0px',
    });
    this.unsubscribe = store.subscribe((ids) => this.refreshLooks(ids));
  }

  /**
   * Annotate what the parser has finished since the last call, in the page's order: hosts for the cards
   * (time-sliced), the first DRAW_FIRST drawn, the state of all asked for, and those that come near recorded
   * (`seen`) as they do, so what the user sees is final before the page's last frame. Called while an
   * `annotateWhileLoading` page loads, READ_CHUNK cards at a time, then in its DOMContentLoaded task; other
   * pages, and pages parsed before the first read (short ones: there that task also holds the page's whole
   * first layout), read only their top DRAW_FIRST there. That task already holds the page's end-of-parse
   * work: reading a whole 2,000-entry listing in it made it a long one. What is not read by then is read by
   * the first `scan`, in a task of its own, which keeps these cards; when all was, the scan takes it as it
   * is. `fresh`: the cards read; `more`: a whole chunk was read, more may be waiting.
   */
  annotateParsed(adapter: SiteAdapter, kind: PageKind, url: URL): { fresh: number; more: boolean } {
    // The page removed the card read last (not something arXiv does): read it all again.
    if (this.early.at(-1)?.card.isConnected === false) this.forgetEarly();
    const loading = this.doc.readyState === 'loading';
    // A page parsed before the first read (a short one) is read as other pages are.
    const streamed = adapter.annotateWhileLoading && (loading || this.early.length);
    const limit = streamed ? READ_CHUNK : DRAW_FIRST;
    const read = safeExtract(adapter, this.doc, url, limit, this.early.at(-1)?.card);
    const fresh: FoundPaper[] = [];
    for (const paper of read) {
      if (loading && !isParsed(paper.parts.at(-1)!)) break;
      if (this.earlyIds.has(paper.id)) continue;
      this.earlyIds.add(paper.id);
      fresh.push(paper);
    }
    const top = fresh.slice(0, Math.max(0, DRAW_FIRST - this.early.length));
    this.early.push(...fresh);
    // Only a page read as it loaded: on others the scan reads again what the page's own scripts did since.
    this.earlyWhole = !loading && !!streamed && read.length < limit;
    this.found = this.early;
    this.result = { adapter, kind, mounts: [] };
    this.toMount.push(...fresh);
    this.mountSome(true);
    this.store.track(fresh);
    for (const paper of top) {
      const mount = this.mounts.get(paper.card);
      if (mount) this.renderMount(mount);
    }
    // The page's size is not known yet: as on a big page, only cards that come near are recorded.
    this.register(fresh, url, true);
    return { fresh: fresh.length, more: read.length === limit };
  }

  /** The whole page was read while it loaded (or in its DOMContentLoaded task): nothing is left for the scan. */
  get readWholePage(): boolean {
    return this.earlyWhole;
  }

  /** Re-read the page; mount, keep or replace widgets; tell the background about new papers. */
  scan(adapter: SiteAdapter | undefined, kind: PageKind | undefined, url: URL): ScanResult {
    const found = !adapter ? [] : this.earlyWhole ? this.early : safeExtract(adapter, this.doc, url);
    this.forgetEarly();
    const toMount: FoundPaper[] = [];
    const live = new Set<Element>();
    for (const paper of found) {
      live.add(paper.card);
      const mount = this.mounts.get(paper.card);
      if (mount && mount.id === paper.id && mount.host.isConnected) {
        // The page may have replaced the card's other elements: they carry no marks yet.
        if (paper.parts.some((part, i) => part !== mount.parts[i])) mount.look = '';
        mount.parts = paper.parts;
        continue;
      }
      if (mount) this.unmount(mount);
      toMount.push(paper);
    }
    for (const mount of [...this.mounts.values()]) {
      if (!live.has(mount.card) || !mount.host.isConnected) this.unmount(mount);
    }
    this.found = found;
    this.toMount = toMount;
    this.mountSome(true);
    const big = found.length > DRAW_ALL_LIMIT;
    if (!big) this.scheduleDrawAll();
    this.store.track(found);
    for (const paper of found.slice(0, DRAW_FIRST)) {
      const mount = this.mounts.get(paper.card);
      if (mount && !mount.rendered) this.renderMount(mount);
    }
    this.register(found, url, big);
    this.refreshLooks();
    this.result = { adapter, kind, mounts: [] };
    return this.current();
  }

  /**
   * Queue the papers' `seen` (all of a page of at most DRAW_ALL_LIMIT cards; of a bigger one, the cards near the
   * viewport) and ask the stored state of the others, once per paper and URL.
   */
  private register(papers: FoundPaper[], url: URL, big: boolean): void {
    const lookUp: PaperId[] = [];
    for (const paper of papers) {
      if (this.sentFor.get(paper.id) === url.href) {
        // Read while the page loaded, before its size was known: a small page records all its papers.
        const waiting = big ? undefined : this.notNear.get(paper.id);
        if (waiting) {
          this.notNear.delete(paper.id);
          this.seenQueue.set(paper.id, waiting);
        }
        continue;
      }
      this.sentFor.set(paper.id, url.href);
      if (big && !this.mounts.get(paper.card)?.near) {
        this.notNear.set(paper.id, { paper, url: url.href });
        lookUp.push(paper.id);
      } else this.seenQueue.set(paper.id, { paper, url: url.href });
    }
    if (lookUp.length) {
      void this.store.lookup(lookUp).catch(() => {
        // Not reachable now (background restarting): forget, so the next scan asks again.
        for (const id of lookUp) {
          if (this.notNear.get(id)?.url !== url.href) continue;
          this.notNear.delete(id);
          this.sentFor.delete(id);
        }
      });
    }
    this.scheduleSeen();
  }

  private forgetEarly(): void {
    this.early = [];
    this.earlyIds.clear();
    this.earlyWhole = false;
  }

  /**
   * The papers of the last scan (or of the reads before it) that have their host now, in document order (adapters
   * return document order).
   */
  current(): ScanResult {
    return { ...this.result, mounts: this.found.flatMap((p) => this.mounts.get(p.card) ?? []) };
  }

  /**
   * Give the waiting papers their hosts, MOUNT_SLICE_MS at a time: in the calling task (a scan, a read of the
   * loading page), then in later tasks (timers: a background tab runs no frames), then `onMounted` (the caller
   * itself reports what it mounted at once). 2,000 hosts in one go after reading the page made one long task.
   */
  private mountSome(inCaller = false): void {
    clearTimeout(this.mountTimer);
    this.mountTimer = undefined;
    const start = performance.now();
    let i = 0;
    for (; i < this.toMount.length; i++) {
      if (i % 50 === 49 && performance.now() - start > MOUNT_SLICE_MS) break;
      const paper = this.toMount[i]!;
      if (paper.card.isConnected && !this.mounts.has(paper.card)) this.mount(paper);
    }
    this.toMount = this.toMount.slice(i);
    if (this.toMount.length) this.mountTimer = setTimeout(() => this.mountSome(), 0);
    else if (!inCaller) {
      this.refreshLooks();
      this.onMounted();
    }
  }

  isOwnNode(node: Node): boolean {
    return (
      node instanceof Element && (node.hasAttribute('data-margins-id') || node.hasAttribute(TOOLBAR_ATTR))
    );
  }

  setDark(dark: boolean): void {
    this.dark = dark;
    this.blankHost = undefined;
    for (const m of this.mounts.values()) this.applyTheme(m.host);
  }

  setHideRead(hide: boolean): void {
    this.hideRead = hide;
    this.refreshLooks();
  }

  setFilter(filter: { tag?: string; unreadOnly?: boolean }): void {
    this.filter = filter;
    this.refreshLooks();
  }

  /** Open the tag or note editor of a card (keyboard 't' / 'n'). */
  openEditor(mount: Mount, editor: Editor): void {
    mount.openRequest = { editor, seq: ++this.openSeq };
    this.renderLive(mount);
  }

  isHidden(mount: Mount): boolean {
    return mount.card.hasAttribute('data-margins-hidden');
  }

  /** Remove every widget and attribute Margins added, and stop (extension reloaded or updated). */
  destroy(): void {
    this.unsubscribe();
    this.visibility.disconnect();
    clearTimeout(this.codeTimer);
    clearTimeout(this.mountTimer);
    this.toMount = [];
    this.seenQueue.clear();
    this.notNear.clear();
    for (const m of [...this.mounts.values()]) this.unmount(m);
  }

  private mount(paper: FoundPaper): void {
    const host = this.newHost();
    host.setAttribute('data-margins-id', paper.id);
    if (paper.anchor.inline) host.setAttribute('data-margins-inline', '');
    const { element, position } = paper.anchor;
    if (position === 'append') element.append(host);
    else if (position === 'prepend') element.prepend(host);
    else if (position === 'before') element.before(host);
    else element.after(host);
    this.mounts.set(paper.card, {
      id: paper.id,
      card: paper.card,
      parts: paper.parts,
      host,
      rendered: false,
      live: false,
      look: UNMARKED,
    });
    // The card, not the hidden host: it is what comes into view.
    this.visibility.observe(paper.card);
  }

  /** A host as every card's starts: a copy of one made once (thousands of cards arrive at a time). */
  private newHost(): HTMLElement {
    if (!this.blankHost) {
      this.blankHost = createHost(this.doc, HOST_TAG);
      this.blankHost.setAttribute('data-margins-status', 'unread');
      // Shown when its widget is drawn (widgetBox): a hidden element adds no layout to the page.
      this.blankHost.style.display = 'none';
      this.applyTheme(this.blankHost);
    }
    return this.blankHost.cloneNode() as HTMLElement;
  }

  /** The element a widget is drawn into; the host gets its shadow root and is shown on first use. */
  private widgetBox(mount: Mount): Element | undefined {
    const { host } = mount;
    if (!host.isConnected) return undefined;
    if (host.shadowRoot) return host.shadowRoot.lastElementChild ?? undefined;
    const root = host.attachShadow({ mode: 'open' });
    adoptInto(root);
    // The widget's own box: the Firefox fallback's <style> stays outside what Preact draws into.
    const box = this.doc.createElement('div');
    root.append(box);
    host.style.removeProperty('display');
    if (!host.getAttribute('style')) host.removeAttribute('style');
    return box;
  }

  private unmount(mount: Mount): void {
    this.visibility.unobserve(mount.card);
    const box = mount.host.shadowRoot?.lastElementChild;
    if (box) render(null, box);
    mount.host.remove();
    for (const part of mount.parts) {
      part.removeAttribute('data-margins-look');
      part.removeAttribute('data-margins-hidden');
      part.removeAttribute('data-margins-focused');
    }
    this.mounts.delete(mount.card);
  }

  /**
   * Draw a card's widget. A paper the user has not touched (the most of a fresh listing) gets a copy of the
   * untouched widget: plain DOM, no component, no listeners but one. The live widget replaces it when the
   * paper's state changes or the user acts on it, so 2,000 cards cost 2,000 clones, not 2,000 components.
   */
  private renderMount(mount: Mount): void {
    if (mount.live || !isUntouched(this.store.get(mount.id))) return this.renderLive(mount);
    if (mount.rendered) return;
    const box = this.widgetBox(mount);
    if (!box) return;
    mount.rendered = true;
    box.append(this.untouchedWidget().cloneNode(true));
    box.addEventListener('click', (event) => this.onStaticClick(mount, event));
  }

  private renderLive(mount: Mount): void {
    const box = this.widgetBox(mount);
    if (!box) return;
    if (!mount.live) {
      // Take over the static copy node for node (it is the untouched drawing), then draw the real state: the
      // elements stay, so a click already under way on one of them still lands.
      if (mount.rendered) hydrate(h(CardWidget, { store: this.store, id: mount.id, untouched: true }), box);
      mount.live = true;
      mount.rendered = true;
    }
    render(h(CardWidget, { store: this.store, id: mount.id, openRequest: mount.openRequest }), box);
  }

  /** A click on the static copy: bring the live widget, then do what the clicked control does. */
  private onStaticClick(mount: Mount, event: Event): void {
    if (!event.isTrusted || mount.live) return;
    const button = event.composedPath().find((n): n is HTMLButtonElement => n instanceof HTMLButtonElement);
    const action = button && STATIC_ACTIONS.find(([cls]) => button.classList.contains(cls))?.[1];
    if (!action) return;
    const focused = mount.host.shadowRoot?.activeElement === button;
    this.renderLive(mount);
    if (action === 'read' || action === 'reading') void this.store.toggleStatus(mount.id, action);
    else if (action === 'save') void this.store.setInLibrary(mount.id, true);
    else this.openEditor(mount, action);
    if (focused && action !== 'tag' && action !== 'note' && action !== 'code') {
      mount.host.shadowRoot?.querySelector<HTMLElement>(`button.${button.classList[0]}`)?.focus();
    }
  }

  private untouchedWidget(): DocumentFragment {
    if (!this.untouched) {
      const box = this.doc.createElement('div');
      render(h(CardWidget, { store: this.store, id: '', untouched: true }), box);
      this.untouched = this.doc.createDocumentFragment();
      this.untouched.append(...[...box.childNodes].map((n) => n.cloneNode(true)));
      render(null, box);
    }
    return this.untouched;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const mount = this.mounts.get(entry.target);
      if (!mount) continue;
      mount.near = true;
      if (!mount.rendered) this.renderMount(mount);
      const near = this.notNear.get(mount.id);
      if (near) {
        this.notNear.delete(mount.id);
        this.seenQueue.set(mount.id, near);
      }
      if (this.seenQueue.has(mount.id)) this.seenFirst.add(mount.id);
      if (!this.codeAsked.has(mount.id)) {
        this.codeAsked.add(mount.id);
        this.codeQueue.push(mount.id);
      }
    }
    this.scheduleSeen();
    // One request per burst of cards scrolling into view.
    if (this.codeQueue.length && this.codeTimer === undefined) {
      this.codeTimer = setTimeout(() => {
        this.codeTimer = undefined;
        this.store.lookupCode(this.codeQueue.splice(0));
      }, CODE_LOOKUP_DELAY_MS);
    }
  }

  /** Draw the widgets not drawn yet, a few milliseconds per idle period. */
  private scheduleDrawAll(): void {
    if (this.drawScheduled) return;
    this.drawScheduled = true;
    idle(() => {
      this.drawScheduled = false;
      const start = performance.now();
      for (const mount of this.mounts.values()) {
        if (mount.rendered) continue;
        if (performance.now() - start > 8) return this.scheduleDrawAll();
        this.renderMount(mount);
      }
    });
  }

  /** Send the queued papers' metadata in chunks, one per idle period, the cards in view first. */
  private scheduleSeen(): void {
    if (this.seenScheduled || !this.seenQueue.size) return;
    this.seenScheduled = true;
    idle(() => this.sendSeenChunk(), 100);
  }

  private sendSeenChunk(): void {
    this.seenScheduled = false;
    const chunk: { paper: FoundPaper; url: string }[] = [];
    const take = (id: PaperId) => {
      const queued = this.seenQueue.get(id);
      if (queued && chunk.length < SEEN_CHUNK) {
        this.seenQueue.delete(id);
        chunk.push(queued);
      }
    };
    for (const id of this.seenFirst) take(id);
    this.seenFirst.clear();
    for (const id of this.seenQueue.keys()) {
      if (chunk.length >= SEEN_CHUNK) break;
      take(id);
    }
    // One message per URL (a client-side navigation can leave papers of the previous URL queued).
    for (const url of new Set(chunk.map((q) => q.url))) {
      const papers = chunk.filter((q) => q.url === url).map((q) => q.paper);
      void this.store
        .seen(
          papers.map((p) => p.meta),
          url,
        )
        .catch(() => {
          // Not reachable now (background restarting): forget, so the next scan sends them again.
          for (const p of papers) if (this.sentFor.get(p.id) === url) this.sentFor.delete(p.id);
        });
    }
    this.scheduleSeen();
  }

  private applyTheme(host: HTMLElement): void {
    if (this.dark) host.setAttribute('data-theme', 'dark');
    else host.removeAttribute('data-theme');
  }

  /** Status attributes on hosts; dim/hide/filter attributes on the site's card elements. */
  private refreshLooks(ids?: ReadonlySet<PaperId>): void {
    const appearance = this.store.settings.readAppearance;
    const tagKey = this.filter.tag?.toLocaleLowerCase();
    for (const m of this.mounts.values()) {
      if (ids && !ids.has(m.id)) continue;
      const record = this.store.get(m.id);
      if (m.rendered && !m.live && !isUntouched(record)) this.renderLive(m);
      const status = record?.status ?? 'unread';
      const read = status === 'read';
      const filteredOut =
        (this.hideRead && read) ||
        (this.filter.unreadOnly && status !== 'unread') ||
        (tagKey !== undefined && !record?.tags.some((t) => t.toLocaleLowerCase() === tagKey));
      const hidden = filteredOut || (read && appearance === 'hide');
      const dimmed = read && appearance === 'dim';
      const look = `${status} ${hidden} ${dimmed}`;
      if (look === m.look) continue;
      m.look = look;
      m.host.setAttribute('data-margins-status', status);
      for (const part of m.parts) {
        toggle(part, 'data-margins-hidden', hidden);
        if (dimmed) markPageElement(part, 'data-margins-look', 'dim');
        else part.removeAttribute('data-margins-look');
      }
    }
  }
}

/** A new card's look: unread, its elements unmarked (as the host is created). */
const UNMARKED = 'unread false false';

/** Which static control does what, by its class in the widget (components/Widget.tsx). */
const STATIC_ACTIONS: ReadonlyArray<readonly [string, 'read' | 'reading' | 'save' | Editor]> = [
  ['read', 'read'],
  ['reading', 'reading'],
  ['save', 'save'],
  ['tag-add', 'tag'],
  ['note-toggle', 'note'],
  ['code-edit', 'code'],
];

/** Drawn exactly like a widget of no record: nothing the user or a page set yet. */
function isUntouched(record: PaperRecord | undefined): boolean {
  return (
    !record ||
    (record.status === 'unread' &&
      !record.inLibrary &&
      !record.tags.length &&
      !record.note &&
      !record.code &&
      !record.projectPage)
  );
}

/** Chrome and Firefox, the two builds, both have `requestIdleCallback`. */
function idle(callback: () => void, timeout?: number): void {
  requestIdleCallback(callback, { timeout });
}

function toggle(el: Element, attr: string, on: boolean): void {
  if (on) markPageElement(el, attr);
  else el.removeAttribute(attr);
}

/** The parser has passed `el` (the page is still loading): it or an ancestor has an element after it. */
function isParsed(el: Element | null): boolean {
  for (; el; el = el.parentElement) if (el.nextElementSibling) return true;
  return false;
}

/** Unknown or changed markup must never throw into the page: no papers is the answer then. */
function safeExtract(
  adapter: SiteAdapter,
  doc: Document,
  url: URL,
  limit?: number,
  after?: Element,
): FoundPaper[] {
  try {
    // An adapter may ignore `limit` (slice(0, undefined) keeps all).
    return adapter.extract(doc, url, limit, after).slice(0, limit);
  } catch {
    return [];
  }
}

function adoptInto(root: ShadowRoot): void {
  try {
    root.adoptedStyleSheets = [sharedWidgetSheet()];
  } catch {
    // Firefox content scripts cannot adopt sheets constructed in their sandbox: fall back to a style element.
    const style = root.ownerDocument.createElement('style');
    style.textContent = WIDGET_CSS;
    root.append(style);
  }
}
