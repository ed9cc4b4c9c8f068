// Finds the papers on the page (through the site adapter) and keeps exactly one widget on each card while the
// page re-renders: cards re-inserted, replaced by other papers, or navigated to client-side. Widgets are
// rendered visible-first; the rest follow in idle time so a 2,000-entry listing never blocks the page.

import { h, hydrate, render } from 'preact';
import { CardWidget } from '../../components/CardWidget';
import type { Editor, OpenRequest } from '../../components/Widget';
import type { FoundPaper, PageKind, SiteAdapter } from '../sites/types';
import type { PaperId, PaperRecord } from '../types';
import type { PageStore } from './store';
import { createShadowHost, sharedWidgetSheet, WIDGET_CSS } from './styles';

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
}

export interface ScanResult {
  adapter: SiteAdapter | undefined;
  kind: PageKind | undefined;
  mounts: Mount[];
}

const IDLE_BATCH = 60;
const CODE_LOOKUP_DELAY_MS = 200;

export class Annotator {
  private mounts = new Map<Element, Mount>();
  private byHost = new WeakMap<Element, Mount>();
  private sentFor = new Map<PaperId, string>();
  private renderQueue: Mount[] = [];
  private idleScheduled = false;
  private visibility: IntersectionObserver;
  private unsubscribe: () => void;
  private hideRead = false;
  private filter: { tag?: string; unreadOnly?: boolean } = {};
  private dark = false;
  private openSeq = 0;
  private untouched: DocumentFragment | undefined;
  private codeAsked = new Set<PaperId>();
  private codeQueue: PaperId[] = [];
  private codeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly store: PageStore,
  ) {
    this.visibility = new IntersectionObserver((entries) => this.onVisible(entries), {
      rootMargin: '100% 0px',
    });
    this.unsubscribe = store.subscribe((ids) => this.refreshLooks(ids));
  }

  /** Re-read the page; mount, keep or replace widgets; tell the background about new papers. */
  scan(adapter: SiteAdapter | undefined, kind: PageKind | undefined, url: URL): ScanResult {
    const found: FoundPaper[] = adapter ? safeExtract(adapter, this.doc, url) : [];
    const live = new Set<Element>();
    for (const paper of found) {
      live.add(paper.card);
      const mount = this.mounts.get(paper.card);
      if (mount && mount.id === paper.meta.id && mount.host.isConnected) {
        mount.parts = paper.parts;
        continue;
      }
      if (mount) this.unmount(mount);
      this.mount(paper);
    }
    for (const mount of [...this.mounts.values()]) {
      if (!live.has(mount.card) || !mount.host.isConnected) this.unmount(mount);
    }
    const fresh = found.filter((p) => this.sentFor.get(p.meta.id) !== url.href);
    if (fresh.length) {
      for (const p of fresh) this.sentFor.set(p.meta.id, url.href);
      void this.store
        .seen(
          fresh.map((p) => p.meta),
          url.href,
        )
        .catch(() => {
          // Not reachable now (background restarting): forget, so the next scan sends them again.
          for (const p of fresh) this.sentFor.delete(p.meta.id);
        });
    }
    this.refreshLooks();
    // Adapters return papers in document order, so the mounts are too.
    const mounts = found.flatMap((p) => this.mounts.get(p.card) ?? []);
    return { adapter, kind, mounts };
  }

  isOwnNode(node: Node): boolean {
    return (
      node instanceof Element && (node.hasAttribute('data-margins-id') || node.hasAttribute(TOOLBAR_ATTR))
    );
  }

  setDark(dark: boolean): void {
    this.dark = dark;
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
    for (const m of [...this.mounts.values()]) this.unmount(m);
  }

  private mount(paper: FoundPaper): void {
    const { host, root } = createShadowHost(this.doc, HOST_TAG);
    host.setAttribute('data-margins-id', paper.meta.id);
    this.applyTheme(host);
    const { element, position } = paper.anchor;
    if (position === 'append') element.append(host);
    else if (position === 'prepend') element.prepend(host);
    else if (position === 'before') element.before(host);
    else element.after(host);
    adoptInto(root);
    // The widget's own box: the Firefox fallback's <style> stays outside what Preact draws into.
    root.append(this.doc.createElement('div'));
    const mount: Mount = {
      id: paper.meta.id,
      card: paper.card,
      parts: paper.parts,
      host,
      rendered: false,
      live: false,
    };
    this.mounts.set(paper.card, mount);
    this.byHost.set(host, mount);
    this.renderQueue.push(mount);
    this.visibility.observe(host);
    this.scheduleIdle();
  }

  private unmount(mount: Mount): void {
    this.visibility.unobserve(mount.host);
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
    const root = mount.host.shadowRoot;
    if (!root || !mount.host.isConnected) return;
    if (mount.live || !isUntouched(this.store.get(mount.id))) return this.renderLive(mount);
    if (mount.rendered) return;
    mount.rendered = true;
    root.lastElementChild!.append(this.untouchedWidget().cloneNode(true));
    root.addEventListener('click', (event) => this.onStaticClick(mount, event));
  }

  private renderLive(mount: Mount): void {
    const box = mount.host.shadowRoot?.lastElementChild;
    if (!box || !mount.host.isConnected) return;
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
      const mount = this.mountOfHost(entry.target);
      if (!mount) continue;
      if (!mount.rendered) this.renderMount(mount);
      if (!this.codeAsked.has(mount.id)) {
        this.codeAsked.add(mount.id);
        this.codeQueue.push(mount.id);
      }
    }
    // One request per burst of cards scrolling into view.
    if (this.codeQueue.length && this.codeTimer === undefined) {
      this.codeTimer = setTimeout(() => {
        this.codeTimer = undefined;
        this.store.lookupCode(this.codeQueue.splice(0));
      }, CODE_LOOKUP_DELAY_MS);
    }
  }

  private mountOfHost(host: Element): Mount | undefined {
    return this.byHost.get(host);
  }

  private scheduleIdle(): void {
    if (this.idleScheduled) return;
    this.idleScheduled = true;
    const idle = globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 1));
    idle(() => {
      this.idleScheduled = false;
      const start = performance.now();
      while (this.renderQueue.length && performance.now() - start < 8) {
        for (const mount of this.renderQueue.splice(0, IDLE_BATCH)) {
          if (!mount.rendered && this.mounts.get(mount.card) === mount) this.renderMount(mount);
        }
      }
      if (this.renderQueue.length) this.scheduleIdle();
    });
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
      m.host.setAttribute('data-margins-status', status);
      const read = status === 'read';
      const filteredOut =
        (this.hideRead && read) ||
        (this.filter.unreadOnly && status !== 'unread') ||
        (tagKey !== undefined && !record?.tags.some((t) => t.toLocaleLowerCase() === tagKey));
      for (const part of m.parts) {
        toggle(part, 'data-margins-hidden', filteredOut || (read && appearance === 'hide'));
        if (read && appearance === 'dim') part.setAttribute('data-margins-look', 'dim');
        else part.removeAttribute('data-margins-look');
      }
    }
  }
}

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

function toggle(el: Element, attr: string, on: boolean): void {
  if (on) el.setAttribute(attr, '');
  else el.removeAttribute(attr);
}

/** Unknown or changed markup must never throw into the page: no papers is the answer then. */
function safeExtract(adapter: SiteAdapter, doc: Document, url: URL): FoundPaper[] {
  try {
    return adapter.extract(doc, url);
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
