// The Playwright harness: a persistent Chromium profile with the built extension loaded, and the saved
// fixture pages served at their real addresses, offline.

import { test as base, chromium, type BrowserContext, type Page, type Route } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = path.join(ROOT, '.output/chrome-mv3');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launch Chromium with the extension. Same `profileDir` twice = a browser restart with the same profile. */
export async function launch(profileDir: string, extensionDir = EXTENSION_DIR): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/**
 * The id Chromium gives an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits spelled
 * a–p. Computed rather than read from the service worker, which a loaded machine may not have started yet.
 */
export function unpackedExtensionId(extensionDir = EXTENSION_DIR): string {
  const hex = createHash('sha256').update(path.resolve(extensionDir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const SCRIPT_STAND_IN = 'globalThis.mathjaxToggle ??= function () {};';

/** Real page URL → fixture file (relative to tests/fixtures) or inline HTML. */
export type Pages = Record<string, string | { html: string }>;

/**
 * Serve `pages` at their real URLs on huggingface.co and arxiv.org; anything else on those hosts (styles,
 * images, scripts, APIs) answers 404 unless `api` handles it, so tests never touch the network.
 */
export async function servePages(
  context: BrowserContext,
  pages: Pages,
  api?: (route: Route, url: URL) => Promise<boolean> | boolean,
): Promise<void> {
  const handler = async (route: Route) => {
    const url = new URL(route.request().url());
    const key = url.href;
    const entry = pages[key] ?? pages[`${url.origin}${url.pathname}`];
    if (entry !== undefined) {
      const body = typeof entry === 'string' ? readFileSync(path.join(FIXTURES, entry)) : entry.html;
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      return;
    }
    if (api && (await api(route, url))) return;
    // The site's own scripts and styles are not saved: answer stand-ins, so the page itself raises no errors
    // (arXiv's inline script calls mathjaxToggle() from one of them).
    if (/\.m?js$/.test(url.pathname)) {
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: SCRIPT_STAND_IN });
      return;
    }
    if (url.pathname.endsWith('.css')) {
      await route.fulfill({ status: 200, contentType: 'text/css', body: '' });
      return;
    }
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the test fixtures' });
  };
  for (const host of ['https://huggingface.co/**', 'https://arxiv.org/**', 'https://export.arxiv.org/**']) {
    await context.route(host, handler);
  }
}

export const HF_DAILY = 'https://huggingface.co/papers/date/2026-07-31';
export const ARXIV_NEW = 'https://arxiv.org/list/cs.LG/new';
export const ARXIV_SEARCH =
  'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&size=200';

export const standardPages: Pages = {
  [HF_DAILY]: 'huggingface/daily-2026-07-31.html',
  'https://huggingface.co/papers': 'huggingface/daily-2026-07-31.html',
  'https://huggingface.co/papers?date=2024-08-01': 'huggingface/daily-2024-08-01.html',
  [ARXIV_NEW]: 'arxiv/list-cs.LG-new.html',
  [ARXIV_SEARCH]: 'arxiv/search-2025-12.html',
};

type Fixtures = { profileDir: string; context: BrowserContext; extensionId: string; page: Page };

/** `test` with a fresh profile, the extension loaded and the standard pages served. */
export const test = base.extend<Fixtures>({
  profileDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'margins-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ profileDir }, use) => {
    const context = await launch(profileDir);
    await servePages(context, standardPages);
    await use(context);
    await context.close();
  },
  extensionId: async ({}, use) => {
    await use(unpackedExtensionId());
  },
  page: async ({ context }, use) => {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    // Margins must never throw into the pages it annotates.
    base.expect(errors, 'page errors').toEqual([]);
  },
});

export const expect = test.expect;

/** The widget host of a paper on the page (the accessibility and testing contract). */
export function widget(page: Page, id: string) {
  return page.locator(`[data-margins-id="${id}"]`);
}

/** Every paper record in the extension's database, read from an extension page (the library's origin). */
export async function storedPapers(
  context: BrowserContext,
  extensionId: string,
): Promise<Record<string, unknown>[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const papers = await page.evaluate(
    () =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open('margins');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('papers')) return resolve([]);
          const req = db.transaction('papers').objectStore('papers').getAll();
          req.onsuccess = () => {
            resolve(req.result as Record<string, unknown>[]);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
  await page.close();
  return papers;
}
