// Text helpers shared by the site adapters. DOM access happens only inside these functions.

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of an element as a reader means it: arXiv renders URLs as `<a href=…>this https URL</a>`,
 *  so links whose text is not their address contribute their href; `.descriptor` labels ("Title:",
 *  "Comments:") and href-less controls ("▽ More", "△ Less") are left out. */
export function readableText(element: Element): string {
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
          if (/^https?:\/\//i.test(href) && /^\s*this https? URL\s*$/i.test(el.textContent ?? '')) {
            parts.push(href);
            continue;
          }
        }
        walk(el);
      }
    }
  };
  walk(element);
  return collapseWhitespace(parts.join(''));
}
