// Styles as constructed stylesheets: one shared sheet for every widget's shadow root (parsed once, however
// many cards), one for the page (dimming, hiding, focus ring), adopted without touching the page's own.

export const WIDGET_CSS = `
:host { all: initial; display: block; margin: 4px 0; min-height: 22px;
  /* A host holds its usual height before it is drawn and lays out on its own: drawing one moves nothing else.
     (Not content-visibility: a tab in the background would then never lay out, and clicks would miss.) */
  contain: layout style; font: 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #374151; --bg: #fff; --border: #d1d5db; --muted: #6b7280; --accent: #2563eb; --read: #059669; --reading: #d97706; }
:host([data-margins-inline]) { display: inline-block; vertical-align: middle; max-width: 100%;
  /* Less than a line of text in all: a widget at the end of a line never makes it taller. */
  margin: -5px 0 -5px .75em; }
:host([data-theme="dark"]) { color: #e5e7eb; --bg: #1f2937; --border: #4b5563; --muted: #9ca3af; --accent: #60a5fa;
  --read: #34d399; --reading: #fbbf24; }
:host([data-margins-focused]) .margins { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 6px; }
* { box-sizing: border-box; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; }
button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 999px;
  padding: 0 8px; height: 22px; min-width: 22px; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; }
button:hover { border-color: var(--accent); }
button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.status.read[aria-pressed="true"] { background: var(--read); border-color: var(--read); color: #fff; }
.status.reading[aria-pressed="true"] { background: var(--reading); border-color: var(--reading); color: #111827; }
.save[aria-pressed="true"] { color: var(--reading); border-color: var(--reading); }
.note-toggle.has-note { border-color: var(--accent); color: var(--accent); }
.tag { display: inline-flex; align-items: center; gap: 2px; height: 22px; padding: 0 2px 0 8px; border-radius: 999px;
  background: #e5e7eb; color: #111827; max-width: 16em; }
.tag-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tag-remove { border: 0; background: transparent; height: 18px; min-width: 18px; padding: 0 4px; color: #374151; }
.code, .project { display: inline-flex; align-items: center; gap: 4px; height: 22px; padding: 0 8px; border-radius: 999px;
  border: 1px solid var(--border); color: inherit; text-decoration: none; background: var(--bg); }
.code:hover, .project:hover { border-color: var(--accent); }
.stars { color: var(--muted); }
.tag-editor { position: relative; margin-top: 4px; }
input, textarea { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 6px;
  padding: 3px 6px; width: 100%; max-width: 28em; }
textarea { display: block; margin-top: 4px; resize: vertical; min-height: 3.5em; }
.suggestions { position: absolute; z-index: 2147483000; list-style: none; margin: 2px 0 0; padding: 2px; background: var(--bg);
  border: 1px solid var(--border); border-radius: 6px; min-width: 12em; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
.suggestions li { padding: 2px 6px; border-radius: 4px; cursor: pointer; display: flex; align-items: center; gap: 6px; }
.suggestions li[aria-selected="true"], .suggestions li:hover { background: rgba(37,99,235,.15); }
.swatch { width: 10px; height: 10px; border-radius: 50%; display: inline-block; }
.note-preview { margin: 4px 0 0; color: var(--muted); font-style: italic; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; max-width: 60em; }
.label { font-size: 11px; }
.code-edit { color: var(--muted); font-size: 10px; }
.code-editor { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; align-items: center; }
.code-editor input { flex: 1 1 16em; }
.error { margin: 2px 0 0; color: #b91c1c; width: 100%; }
`;

/** Page-level rules, keyed on attributes Margins sets on the site's own card elements. */
export const PAGE_CSS = `
[data-margins-look="dim"] { opacity: .45; transition: opacity .15s; }
[data-margins-look="dim"]:hover, [data-margins-look="dim"]:focus-within { opacity: 1; }
[data-margins-hidden] { display: none !important; }
[data-margins-focused] { outline: 2px solid #2563eb !important; outline-offset: 2px; scroll-margin: 80px; }
`;

let widgetSheet: CSSStyleSheet | undefined;
let pageSheet: CSSStyleSheet | undefined;

export function sharedWidgetSheet(): CSSStyleSheet {
  widgetSheet ??= sheetOf(WIDGET_CSS);
  return widgetSheet;
}

const pageSheets = new WeakMap<Document, () => void>();

/**
 * Mark one of the site's elements for the page-level rules (dim, hide, focus ring). The rules are adopted the
 * first time: adopting a sheet restyles the whole document, which a page with nothing marked never needs.
 */
export function markPageElement(el: Element, name: string, value = ''): void {
  const doc = el.ownerDocument;
  if (!pageSheets.has(doc)) pageSheets.set(doc, adoptPageSheet(doc));
  el.setAttribute(name, value);
}

/** Take the page-level rules away (the content script stops). */
export function removePageSheet(doc: Document): void {
  pageSheets.get(doc)?.();
  pageSheets.delete(doc);
}

function adoptPageSheet(doc: Document): () => void {
  try {
    pageSheet ??= sheetOf(PAGE_CSS);
    const sheet = pageSheet;
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    // Firefox content scripts cannot adopt sheets constructed in their sandbox.
    const style = doc.createElement('style');
    style.textContent = PAGE_CSS;
    doc.head.append(style);
    return () => style.remove();
  }
}

function sheetOf(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

/** Per document and tag name: the tag Margins' hosts use there (see `createHost`). */
const hostTags = new WeakMap<Document, Map<string, string>>();

/**
 * An element that takes an open shadow root for Margins' UI (attached when it is first drawn). Normally
 * `<tag>`; if the page registered that name itself (its constructor runs on creation and may take the shadow
 * root), a plain div, which no page script can upgrade, takes its place. Tried once per document.
 */
export function createHost(doc: Document, tag: string): HTMLElement {
  let tags = hostTags.get(doc);
  if (!tags) hostTags.set(doc, (tags = new Map()));
  let usable = tags.get(tag);
  if (!usable) {
    usable = 'div';
    try {
      const probe = doc.createElement(tag);
      if (!probe.shadowRoot) {
        probe.attachShadow({ mode: 'open' });
        usable = tag;
      }
    } catch {
      // The page's element refused a shadow root.
    }
    tags.set(tag, usable);
  }
  return doc.createElement(usable);
}

export function createShadowHost(doc: Document, tag: string): { host: HTMLElement; root: ShadowRoot } {
  const host = createHost(doc, tag);
  return { host, root: host.attachShadow({ mode: 'open' }) };
}
