// The popup and the library page on generated libraries (tests/support/generate-library.ts, every paper in the
// library), measured in the Margins browser:
//   open:      navigation start → the first result row in the DOM (popup: `#results li`; library page: a row
//              of its virtual table), stamped by a MutationObserver the bench installs before the page's scripts;
//   keystroke: the input event's timestamp → the first change of the results below the search box (the same
//              observer), for every character of a few typed queries;
//   scroll:    library page only: its table scrolled from the top, one step each animation frame, at two
//              speeds (SCROLL_SPEEDS); per frame, the interval between animation frames and the main thread's
//              work (scroll event → end of that frame's rendering);
//   bulk tag:  1,000 papers tagged, through the library page's own "Select all matching" + "Add tag" at 1k,
//              and as one `addTag` request with 1,000 ids from an extension page at every size.
// The database is seeded with raw IndexedDB puts from an extension page (as fast as the browser allows, and
// no background validation cost in the figures).

import type { Page } from '@playwright/test';
import { generateLibrary } from '../../tests/support/generate-library';
import type { BenchBrowser } from './browsers';

const SEED_CHUNK = 5_000;
/** Typed one character at a time; each keystroke changes what matches. */
const QUERIES = ['diffusion transformer', 'author:wang'];
const KEY_GAP_MS = 60;
const NO_MATCH = 'qqqzzq';
const POPUP_ROW = '#results li';
const LIBRARY_ROW = '.vt-body [role="row"][data-paper-id]';
/** fling: 800 px (17 rows) a frame through 10k rows, nearly every row of every frame new (dragging the
 *  scroll bar); wheel: 100 px a frame through 500 rows (a mouse wheel turned steadily). */
const SCROLL_SPEEDS = {
  fling: { stepPx: 800, rows: 10_000 },
  wheel: { stepPx: 100, rows: 500 },
};

export interface ExtensionPageSample {
  openMs: number[];
  keystrokeMs: number[];
  /** Keystrokes whose results never changed within a second (not counted above). */
  keystrokesWithoutUpdate: number;
}

export interface ScrollSample {
  /** requestAnimationFrame → requestAnimationFrame, every frame of every run (16.7 ms when no frame drops). */
  frameIntervalMs: number[];
  /** Per frame: the scroll event's start → the end of the frame's rendering (style, layout, paint). */
  frameWorkMs: number[];
}

export interface LibrarySizeResult {
  size: number;
  popup: ExtensionPageSample;
  library: ExtensionPageSample | { error: string };
  libraryScroll: Record<keyof typeof SCROLL_SPEEDS, ScrollSample> | { error: string };
  addTagRequestMs: number[];
  /** Only at 1k: the whole library selected and tagged in the page's UI. */
  bulkTagUiMs?: number[];
}

const url = (browser: BenchBrowser, file: string) => `chrome-extension://${browser.extensionId}/${file}`;

/** Empty the library and put `size` generated papers in it. */
export async function seedLibrary(browser: BenchBrowser, size: number): Promise<void> {
  const page = await browser.context.newPage();
  try {
    // The popup opens the database, so it exists with the current schema before the puts.
    await page.goto(url(browser, 'popup.html'));
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'margins'));
    await page.evaluate(putAll, { records: [], clear: true });
    const records = generateLibrary(size, 1).map((r) => ({ ...r, inLibrary: 1 as const }));
    for (let i = 0; i < records.length; i += SEED_CHUNK) {
      await page.evaluate(putAll, { records: records.slice(i, i + SEED_CHUNK), clear: false });
    }
  } finally {
    await page.close();
  }

  function putAll({ records, clear }: { records: unknown[]; clear: boolean }): Promise<void> {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('margins');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('papers', 'readwrite');
        const store = tx.objectStore('papers');
        if (clear) store.clear();
        for (const r of records) store.put(r);
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
  }
}

interface PageState {
  rowAt: number;
  inputAt: number;
  updates: [input: number, update: number][];
}

/** Runs in the extension page before its scripts: stamps the first result row and each results update. */
function instrument(rowSelector: string): void {
  const state: PageState = { rowAt: NaN, inputAt: NaN, updates: [] };
  (globalThis as unknown as { __benchPage: PageState }).__benchPage = state;
  addEventListener('input', (e) => (state.inputAt = e.timeStamp), true);
  new MutationObserver((records) => {
    const now = performance.now();
    if (Number.isNaN(state.rowAt) && document.querySelector(rowSelector)) state.rowAt = now;
    if (Number.isNaN(state.inputAt)) return;
    // Changes inside the search box's own header are the echo of typing, not results.
    if (records.some((r) => !(r.target instanceof Element && r.target.closest('header, label, form')))) {
      state.updates.push([state.inputAt, now]);
      state.inputAt = NaN;
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

const readState = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __benchPage: PageState }).__benchPage);

/** Keystrokes are timed once the search worker has built its index: a query nothing matches, answered. */
async function untilSearchIndexBuilt(page: Page): Promise<void> {
  const box = page.getByRole('searchbox');
  await box.fill(NO_MATCH);
  await page
    .getByText(new RegExp(`No saved paper matches “${NO_MATCH}”|^0 papers`))
    .waitFor({ timeout: 60_000 });
  await box.fill('');
}

async function measurePage(
  browser: BenchBrowser,
  file: string,
  rowSelector: string,
  runs: number,
): Promise<ExtensionPageSample> {
  const out: ExtensionPageSample = { openMs: [], keystrokeMs: [], keystrokesWithoutUpdate: 0 };
  for (let run = 0; run <= runs; run++) {
    const page = await browser.context.newPage();
    try {
      await page.addInitScript(instrument, rowSelector);
      await page.goto(url(browser, file));
      await page.waitForSelector(rowSelector, { timeout: 60_000 });
      const opened = (await readState(page)).rowAt;
      if (run === 0) continue; // warm-up: the first open compiles the page and fills the disk cache
      const box = page.getByRole('searchbox');
      await untilSearchIndexBuilt(page);
      await page.evaluate(() => {
        const state = (globalThis as unknown as { __benchPage: PageState }).__benchPage;
        state.updates = [];
        state.inputAt = NaN;
      });
      await box.click();
      for (const query of QUERIES) {
        for (const key of [...query, 'Clear']) {
          const before = (await readState(page)).updates.length;
          if (key === 'Clear') await box.fill('');
          else await page.keyboard.type(key);
          const updated = await page
            .waitForFunction(
              (n) => (globalThis as unknown as { __benchPage: PageState }).__benchPage.updates.length > n,
              before,
              { timeout: 1_000, polling: 16 },
            )
            .then(() => true)
            .catch(() => false);
          if (!updated) out.keystrokesWithoutUpdate++;
          await page.waitForTimeout(KEY_GAP_MS);
        }
      }
      out.openMs.push(opened);
      out.keystrokeMs.push(...(await readState(page)).updates.map(([input, update]) => update - input));
    } finally {
      await page.close();
    }
  }
  return out;
}

/** Runs in the library page: scrolls its table down `rows` rows, one step each animation frame. */
function scrollThrough({ rows, stepPx }: { rows: number; stepPx: number }): Promise<ScrollSample> {
  const scroller = document.querySelector<HTMLElement>('.virtual-scroller')!;
  const rowHeight = document.querySelector<HTMLElement>('.vt-body [role="row"]')!.offsetHeight;
  const bottom = Math.min(scroller.scrollHeight - scroller.clientHeight, rows * rowHeight);
  const sample: ScrollSample = { frameIntervalMs: [], frameWorkMs: [] };
  let scrollAt = NaN;
  let lastFrame = NaN;
  // No named inner functions: the bench's TypeScript loader would wrap them in a helper the page lacks.
  const stop = new AbortController();
  // Captured on the window, so it runs before the page's own scroll listener.
  addEventListener('scroll', () => (scrollAt = performance.now()), { capture: true, signal: stop.signal });
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    // A message posted from a frame's animation callback is handled once that frame has been rendered.
    channel.port1.onmessage = () => {
      if (!Number.isNaN(scrollAt)) sample.frameWorkMs.push(performance.now() - scrollAt);
      scrollAt = NaN;
      if (scroller.scrollTop >= bottom) {
        stop.abort();
        channel.port1.close();
        resolve(sample);
        return;
      }
      requestAnimationFrame((now) => {
        if (!Number.isNaN(lastFrame)) sample.frameIntervalMs.push(now - lastFrame);
        lastFrame = now;
        scroller.scrollTop = Math.min(bottom, scroller.scrollTop + stepPx);
        channel.port2.postMessage(null);
      });
    };
    channel.port2.postMessage(null);
  });
}

async function measureLibraryScroll(
  browser: BenchBrowser,
  runs: number,
): Promise<Record<keyof typeof SCROLL_SPEEDS, ScrollSample>> {
  const out = {
    fling: { frameIntervalMs: [], frameWorkMs: [] } as ScrollSample,
    wheel: { frameIntervalMs: [], frameWorkMs: [] } as ScrollSample,
  };
  for (let run = 0; run <= runs; run++) {
    const page = await browser.context.newPage();
    try {
      await page.goto(url(browser, 'library.html'));
      // The search worker builds its index at open: not counted as scrolling cost.
      await untilSearchIndexBuilt(page);
      await page.waitForSelector(LIBRARY_ROW, { timeout: 60_000 });
      for (const speed of ['wheel', 'fling'] as const) {
        await page.evaluate(() => (document.querySelector('.virtual-scroller')!.scrollTop = 0));
        await page.waitForTimeout(100);
        const sample = await page.evaluate(scrollThrough, SCROLL_SPEEDS[speed]);
        if (run === 0) continue;
        out[speed].frameIntervalMs.push(...sample.frameIntervalMs);
        out[speed].frameWorkMs.push(...sample.frameWorkMs);
      }
    } finally {
      await page.close();
    }
  }
  return out;
}

/** One `addTag` request with 1,000 ids, timed from an extension page (request → answer). */
async function timeAddTagRequest(browser: BenchBrowser, runs: number): Promise<number[]> {
  const page = await browser.context.newPage();
  try {
    await page.goto(url(browser, 'popup.html'));
    const samples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const ms = await page.evaluate(async (tag) => {
        const open = indexedDB.open('margins');
        const ids = await new Promise<string[]>((resolve) => {
          open.onsuccess = () => {
            const req = open.result.transaction('papers').objectStore('papers').getAllKeys(null, 1000);
            req.onsuccess = () => (open.result.close(), resolve(req.result as string[]));
          };
        });
        const runtime = (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).chrome.runtime;
        const start = performance.now();
        const answer = (await runtime.sendMessage({ type: 'addTag', ids, tag })) as {
          ok: boolean;
          error?: string;
        };
        if (!answer.ok) throw new Error(answer.error);
        return performance.now() - start;
      }, `bench ${run}`);
      if (run > 0) samples.push(ms);
    }
    return samples;
  } finally {
    await page.close();
  }
}

/** "Select all matching" then "Add tag" on the library page; click → the page's confirmation. */
async function timeBulkTagInUi(browser: BenchBrowser, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const page = await browser.context.newPage();
    try {
      await page.goto(url(browser, 'library.html'));
      await page.getByRole('button', { name: 'Select all matching', exact: true }).click();
      await page.getByLabel('Tag to add to selected papers').fill(`bulk ${run}`);
      const start = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByText(`with “bulk ${run}”`).waitFor({ timeout: 60_000 });
      const end = await page.evaluate(() => performance.now());
      if (run > 0) samples.push(end - start);
    } finally {
      await page.close();
    }
  }
  return samples;
}

export async function measureLibrarySize(
  browser: BenchBrowser,
  size: number,
  runs: number,
): Promise<LibrarySizeResult> {
  await seedLibrary(browser, size);
  const failed = (e: unknown) => ({ error: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
  const popup = await measurePage(browser, 'popup.html', POPUP_ROW, runs);
  const library = await measurePage(browser, 'library.html', LIBRARY_ROW, runs).catch(failed);
  const libraryScroll = await measureLibraryScroll(browser, runs).catch(failed);
  const bulkTagUiMs =
    size === 1_000
      ? await timeBulkTagInUi(browser, runs).catch((e: unknown) => {
          process.stderr.write(`bulk tag in the library page not measured: ${failed(e).error}\n`);
          return undefined;
        })
      : undefined;
  const addTagRequestMs = await timeAddTagRequest(browser, runs);
  return { size, popup, library, libraryScroll, addTagRequestMs, bulkTagUiMs };
}
