// The content script's life: pick the site adapter by URL, annotate, follow the page as it changes, and retire
// cleanly when the extension is reloaded. Browser APIs and the site adapters arrive as arguments (see
// lib/content/run.ts): each content script passes only its own adapters, so its bundle holds no other site's.

import { h, render } from 'preact';
import { Toolbar, TOOLBAR_CSS } from '../../components/Toolbar';
import type { Broadcast, TabRequest } from '../broadcasts';
import type { Request } from '../messages';
import { adapterFor, type PageKind, type SiteAdapter } from '../sites/types';
import { Annotator, TOOLBAR_ATTR, type Mount, type ScanResult } from './annotator';
import { KeyboardTriage } from './keyboard';
import { PageStore } from './store';
import { createShadowHost, removePageSheet } from './styles';

export interface ContentDeps {
  /** The adapters of the pages this content script is injected into. */
  adapters: readonly SiteAdapter[];
  send<T>(message: Request): Promise<T>;
  onBroadcast(listener: (message: Broadcast) => void): () => void;
  onTabRequest(listener: (message: TabRequest) => unknown): () => void;
  /** Called once when this content script must stop (extension reloaded or updated). */
  onInvalidated(callback: () => void): void;
}

const RESCAN_DELAY_MS = 60;
/** How often a page that is still loading is read again (`annotateWhileLoading` adapters). */
const FOLLOW_PARSER_MS = 100;

/**
 * Start on the page: the script is injected at `document_start`. Pages whose adapter allows it are annotated
 * while they load, as the parser finishes their cards; every page then in its DOMContentLoaded task, ahead of
 * the browser's `document_end` injection, which comes a task or more after it.
 */
export function startContent(deps: ContentDeps, doc: Document = document): () => void {
  const initial = adapterFor(deps.adapters, new URL(doc.location.href));
  if (!initial) return () => {};
  const stop = annotatePage(deps, doc, initial.adapter, initial.kind);
  deps.onInvalidated(stop);
  return stop;
}

function annotatePage(deps: ContentDeps, doc: Document, adapter: SiteAdapter, kind: PageKind): () => void {
  const store = new PageStore(deps.send, adapter.site);
  const annotator = new Annotator(doc, store, () => settle(annotator.current()));
  const cleanups: Array<() => void> = [];
  let last: ScanResult = { adapter: undefined, kind: undefined, mounts: [] };
  let url = doc.location.href;
  let shownCount = -1;

  const toolbar = createToolbar(
    doc,
    store,
    annotator,
    () => last,
    () => triage,
  );
  const triage = new KeyboardTriage({
    cards: () => last.mounts.filter((m) => !annotator.isHidden(m)),
    act: (mount, key) => act(mount, key),
    toggleHelp: () => toolbar.toggleHelp(),
  });

  function act(mount: Mount, key: 'r' | 'e' | 's' | 't' | 'n' | 'o'): void {
    const record = store.get(mount.id);
    if (key === 'r') void store.toggleStatus(mount.id, 'read');
    else if (key === 'e') void store.toggleStatus(mount.id, 'reading');
    else if (key === 's') void store.setInLibrary(mount.id, record?.inLibrary !== 1);
    else if (key === 't') annotator.openEditor(mount, 'tag');
    else if (key === 'n') annotator.openEditor(mount, 'note');
    else {
      const target = last.adapter?.paperUrl(mount.id);
      if (target) doc.defaultView?.open(target, '_blank', 'noopener');
    }
  }

  function scan(): void {
    const here = new URL(doc.location.href);
    const picked: { adapter: SiteAdapter; kind: PageKind } | undefined = adapterFor(deps.adapters, here);
    if (here.href !== url) {
      url = here.href;
      triage.clear();
    }
    settle(annotator.scan(picked?.adapter, picked?.kind, here));
  }

  /** The papers with hosts changed: the toolbar and the toolbar button's count follow. */
  function settle(result: ScanResult): void {
    last = result;
    toolbar.update();
    if (last.mounts.length !== shownCount) {
      shownCount = last.mounts.length;
      void deps.send({ type: 'pageCount', count: shownCount }).catch(() => {});
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Not while the page loads: a scan would take cards the parser has not finished (DOMContentLoaded starts one).
  const scheduleScan = () => {
    if (timer === undefined && doc.readyState !== 'loading')
      timer = setTimeout(() => ((timer = undefined), scan()), RESCAN_DELAY_MS);
  };

  const observer = new MutationObserver((records) => {
    // Our own widgets changing are not the page changing.
    const pageChanged = records.some(
      (r) =>
        r.type === 'childList' &&
        [...r.addedNodes, ...r.removedNodes].some(
          (n) => !annotator.isOwnNode(n) && n.nodeType === Node.ELEMENT_NODE,
        ),
    );
    if (pageChanged || doc.location.href !== url) scheduleScan();
  });
  // Hugging Face switches themes with a class on <html>; the widgets follow it.
  const followTheme = () => {
    const dark = doc.documentElement.classList.contains('dark');
    annotator.setDark(dark);
    toolbar.setDark(dark);
  };
  const themeObserver = new MutationObserver(followTheme);
  themeObserver.observe(doc.documentElement, { attributes: true, attributeFilter: ['class'] });
  const win = doc.defaultView!;
  win.addEventListener('popstate', scheduleScan);
  win.addEventListener('keydown', triage.onKeyDown);
  cleanups.push(() => removePageSheet(doc));
  cleanups.push(deps.onBroadcast((m) => store.applyBroadcast(m)));
  cleanups.push(
    deps.onTabRequest((m) => {
      if (m.type === 'tabPapers') return last.mounts.map((mount) => mount.id);
      const mount = last.mounts.find((x) => x.id === m.id);
      if (mount) triage.focus(mount);
      return !!mount;
    }),
  );
  followTheme();
  void store.loadTagsAndSettings().catch(() => {});

  let following: ReturnType<typeof setTimeout> | undefined;
  const follow = () => {
    // A stopped load (Esc, window.stop()) completes the document without DOMContentLoaded.
    if (doc.readyState === 'complete') return begin();
    const { fresh, more } = annotator.annotateParsed(adapter, kind, new URL(doc.location.href));
    if (fresh) {
      // The toolbar counts the cards read so far: it changes in the frames the loading page renders anyway.
      last = annotator.current();
      toolbar.update();
    }
    following = setTimeout(follow, more ? 0 : FOLLOW_PARSER_MS);
  };
  const begin = () => {
    doc.removeEventListener('DOMContentLoaded', begin);
    clearTimeout(following);
    clearTimeout(timer);
    // Only now: the parser adding the page is not a change to scan again for.
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    annotator.annotateParsed(adapter, kind, new URL(doc.location.href));
    if (annotator.readWholePage) {
      // Its final counts in this task: the frame that follows shows them, where a later one would cost a
      // relayout of the whole page for a few digits.
      last = annotator.current();
      toolbar.draw();
    }
    timer = setTimeout(() => ((timer = undefined), scan()), 0);
  };
  if (doc.readyState !== 'loading') begin();
  else {
    doc.addEventListener('DOMContentLoaded', begin, { once: true });
    if (adapter.annotateWhileLoading) following = setTimeout(follow, FOLLOW_PARSER_MS);
  }

  return () => {
    doc.removeEventListener('DOMContentLoaded', begin);
    clearTimeout(following);
    observer.disconnect();
    themeObserver.disconnect();
    clearTimeout(timer);
    win.removeEventListener('popstate', scheduleScan);
    win.removeEventListener('keydown', triage.onKeyDown);
    for (const c of cleanups) c();
    triage.clear();
    annotator.destroy();
    toolbar.destroy();
  };
}

function createToolbar(
  doc: Document,
  store: PageStore,
  annotator: Annotator,
  lastScan: () => ScanResult,
  triage: () => KeyboardTriage,
) {
  let host: HTMLElement | undefined;
  const state = {
    hideRead: store.settings.readAppearance === 'hide',
    unreadOnly: false,
    tagFilter: '',
    helpOpen: false,
    collapsed: false,
  };
  let dark = false;

  const draw = () => {
    const scan = lastScan();
    if (scan.kind !== 'listing' || !scan.mounts.length) {
      host?.remove();
      host = undefined;
      return;
    }
    if (!host) {
      let root: ShadowRoot;
      ({ host, root } = createShadowHost(doc, 'margins-toolbar'));
      host.setAttribute(TOOLBAR_ATTR, '');
      const style = doc.createElement('style');
      style.textContent = TOOLBAR_CSS;
      root.append(style, doc.createElement('div'));
      doc.body.append(host);
    }
    if (dark) host.setAttribute('data-theme', 'dark');
    else host.removeAttribute('data-theme');
    const records = scan.mounts.map((m) => store.get(m.id));
    render(
      h(Toolbar, {
        counts: {
          onPage: scan.mounts.length,
          read: records.filter((r) => r?.status === 'read').length,
          inLibrary: records.filter((r) => r?.inLibrary === 1).length,
          shown: scan.mounts.filter((m) => !annotator.isHidden(m)).length,
        },
        tags: store.tags,
        ...state,
        undoLabel: store.undo?.label,
        error: store.error,
        onHideRead: (hide) => set({ hideRead: hide }),
        onUnreadOnly: (only) => set({ unreadOnly: only }),
        onTagFilter: (tag) => set({ tagFilter: tag }),
        onMarkAllRead: () =>
          void store.markAllRead(scan.mounts.filter((m) => !annotator.isHidden(m)).map((m) => m.id)),
        onUndo: () => void store.undo?.undo(),
        onDismissError: () => store.dismissError(),
        onToggleHelp: () => set({ helpOpen: !state.helpOpen }),
        onCollapse: (collapsed) => set({ collapsed }),
      }),
      host.shadowRoot!.lastChild as Element,
    );
  };

  const set = (patch: Partial<typeof state>) => {
    Object.assign(state, patch);
    annotator.setHideRead(state.hideRead);
    annotator.setFilter({ tag: state.tagFilter || undefined, unreadOnly: state.unreadOnly });
    if (triage().current && annotator.isHidden(triage().current!)) triage().clear();
    draw();
  };

  // One toolbar render per frame, for bursts of record changes and for scans: a scan of a big page is already
  // a long task without it. While the page loads, in a task of its own instead: a frame callback would run in the
  // loading page's rendering task, long with its layout, and make that a long task of script.
  let cancelDraw: (() => void) | undefined;
  const drawSoon = () => {
    if (cancelDraw) return;
    const run = () => ((cancelDraw = undefined), draw());
    if (doc.readyState === 'loading') {
      const timer = setTimeout(run, 0);
      cancelDraw = () => clearTimeout(timer);
    } else {
      const frame = requestAnimationFrame(run);
      cancelDraw = () => cancelAnimationFrame(frame);
    }
  };
  const unsubscribe = store.subscribe(drawSoon);
  let appliedSettings = store.settings;
  const unsubscribeSettings = store.subscribe((ids) => {
    if (!ids && store.settings !== appliedSettings) {
      appliedSettings = store.settings;
      set({ hideRead: store.settings.readAppearance === 'hide' });
    }
  });

  return {
    update: drawSoon,
    draw() {
      cancelDraw?.();
      cancelDraw = undefined;
      draw();
    },
    toggleHelp: () => set({ helpOpen: !state.helpOpen }),
    setDark(next: boolean) {
      if (next !== dark) {
        dark = next;
        draw();
      }
    },
    destroy() {
      unsubscribe();
      unsubscribeSettings();
      cancelDraw?.();
      if (host?.shadowRoot) render(null, host.shadowRoot.lastChild as Element);
      host?.remove();
    },
  };
}
