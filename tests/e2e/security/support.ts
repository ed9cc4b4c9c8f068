// What the security specs share: finding markup that came from data, the sentinel payloads set, and opening
// extension pages while listening for blocked scripts.

import type { BrowserContext, Page } from '@playwright/test';
import {
  EXTENSION_DIR,
  expect,
  launch,
  unpackedExtensionId,
  servePages,
  standardPages,
  test as harnessTest,
} from '../harness';

/** The build under test: `.output/chrome-mv3`, or a copy named by MARGINS_EXTENSION_DIR (so a long run is not
 *  disturbed by a rebuild in the same work tree). */
export const BUILD_DIR = process.env.MARGINS_EXTENSION_DIR ?? EXTENSION_DIR;

/** The harness's `test` (fresh profile, standard pages, page errors fail the test) on `BUILD_DIR`. */
export const test = harnessTest.extend({
  context: async ({ profileDir }, use) => {
    const context = await launch(profileDir, BUILD_DIR);
    await servePages(context, standardPages);
    await use(context);
    await context.close();
  },
  extensionId: async ({}, use) => {
    await use(unpackedExtensionId(BUILD_DIR));
  },
});

/** Elements that no Margins view creates: if one shows up in a widget or an extension page, data became markup. */
const FOREIGN_TAGS = [
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'marquee',
  'details',
  'math',
  'video',
  'audio',
  'source',
  'noscript',
  'form',
  'body',
  'img',
  'svg',
  'style',
];
const TEXT_ATTRIBUTES = new Set(['title', 'aria-label', 'value', 'placeholder', 'data-paper-id']);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'srcdoc',
  'xlink:href',
  'poster',
]);

/**
 * Walk `scope` (the Margins widgets' and toolbar's shadow roots on a site page, or the whole body of an
 * extension page) and describe every element that data could have created: a foreign tag, an event-handler
 * attribute, an unknown element, a script URL, or the sentinel's name anywhere but in a text attribute.
 */
export async function foreignMarkup(page: Page, scope: 'margins' | 'body'): Promise<string[]> {
  return page.evaluate(
    ({ scope, foreignTags, textAttributes, urlAttributes }) => {
      const found: string[] = [];
      const roots: ParentNode[] =
        scope === 'body'
          ? [document.body]
          : [...document.querySelectorAll('[data-margins-id], margins-toolbar')].flatMap((h) =>
              h.shadowRoot ? [h.shadowRoot] : [],
            );
      const visit = (root: ParentNode) => {
        for (const el of root.querySelectorAll('*')) {
          const name = el.localName;
          const where = `${name}${el.id ? `#${el.id}` : ''}`;
          // The toolbar's stylesheet: a <style> right under a Margins shadow root.
          const ownStyle = name === 'style' && el.parentNode instanceof ShadowRoot;
          if (foreignTags.includes(name) && !ownStyle) found.push(`foreign element <${where}>`);
          else if (el instanceof HTMLUnknownElement) found.push(`unknown element <${where}>`);
          for (const attr of el.attributes) {
            if (attr.name.startsWith('on')) found.push(`handler ${attr.name} on <${where}>`);
            else if (urlAttributes.includes(attr.name) && /^\s*(javascript|data|vbscript):/i.test(attr.value))
              found.push(`script URL in ${attr.name} on <${where}>`);
            else if (attr.value.includes('__pwned') && !textAttributes.includes(attr.name))
              found.push(`payload in ${attr.name} on <${where}>`);
          }
          if (el.shadowRoot) visit(el.shadowRoot);
        }
      };
      roots.forEach(visit);
      return found;
    },
    {
      scope,
      foreignTags: FOREIGN_TAGS,
      textAttributes: [...TEXT_ATTRIBUTES],
      urlAttributes: [...URL_ATTRIBUTES],
    },
  );
}

/** The sentinel every payload sets when it runs. */
export async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Open an extension page, record Content Security Policy refusals and page errors on it. */
export async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  file: 'popup.html' | 'library.html',
): Promise<{ page: Page; refusals: string[] }> {
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refusals.push(m.text());
  });
  page.on('pageerror', (e) => refusals.push(`page error: ${e.message}`));
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return { page, refusals };
}

/** The whole check on a page that shows hostile data: no script ran, no markup from data, nothing refused. */
export async function expectInert(page: Page, scope: 'margins' | 'body', refusals: string[] = []) {
  expect(await pwned(page), 'a payload ran').toBeUndefined();
  expect(await foreignMarkup(page, scope)).toEqual([]);
  expect(refusals, 'blocked scripts or errors').toEqual([]);
}
