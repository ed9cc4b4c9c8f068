// Text helpers shared by the site adapters. DOM access happens only inside these functions.

/** Where a link points, resolved against `base`; undefined without an href or with one no URL can be made of. */
export function linkTarget(link: Element | null | undefined, base: URL | string): URL | undefined {
  const href = link?.getAttribute('href');
  if (href == null) return undefined;
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of an element as a reader means it, trimmed but with inner whitespace as the page has it
 *  (collapsing a 2,000-entry listing's abstracts costs more than the rest of the extraction): arXiv renders URLs as `<a href=…>this https URL</a>`,
 *  so links whose text is not their address contribute their href; `.descriptor` labels ("Title:",
 *  "Comments:") and href-less controls ("▽ More", "△ Less") are left out. */
export function readableText(element: Element): string {
  // Most fields hold no link: one textContent read, minus a leading label, is much cheaper than a walk.
  if (element.getElementsByTagName('a').length === 0) {
    let text = element.textContent ?? '';
    const label = element.firstElementChild;
    if (label?.classList.contains('descriptor')) text = text.replace(label.textContent ?? '', '');
    return text.trim();
  }
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 3) {
        parts.push((child as Text).data);
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (el.classList.contains('descriptor')) continue;
        if (el.tagName === 'A') {
          const href = el.getAttribute('href');
          if (href === null) continue;
          if (/^https?:\/\//i.test(href) && /^\s*this https? URL\s*$/.test(el.textContent ?? '')) {
            parts.push(href);
            continue;
          }
        }
        walk(el);
      }
    }
  };
  walk(element);
  return parts.join('').trim();
}
