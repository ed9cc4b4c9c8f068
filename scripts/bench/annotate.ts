// What Margins costs a page it annotates, measured as the page sees it, against the same page without Margins
// and with the floor extension, all in the same bench run.
//
// Two kinds of load per variant, so the timing instruments never inflate the cost figures:
//   timing: a main-world MutationObserver, started before the page parses (Margins annotates a listing while it
//           loads), stamps each card when it is annotated (a `margins-widget` host inserted: it carries the
//           card's id and status, which counts and filters use; a floor marker inserted) and when it is drawn
//           (the host shown with its widget; for the floor, inserted);
//   cost:   no observer but a 'longtask' PerformanceObserver; once the page is quiet (its main thread used
//           under 10 ms of CPU in the last second), CDP `HeapProfiler.collectGarbage` then
//           `Performance.getMetrics`: ThreadTime (CPU time of the page's main thread: unlike TaskDuration, a
//           wall-clock sum, it does not grow when a loaded machine takes the CPU away), TaskDuration and
//           ScriptDuration, and JSHeapUsedSize, which covers every world of the page's isolate, so the
//           content script's isolated world is counted.
//
// "First card" is the topmost card drawn: on the unstyled saved arXiv page no card is within the first screen.

import type { Page } from '@playwright/test';
import type { BenchBrowser } from './browsers';

export interface TimingSample {
  /** ms from navigation start. */
  dcl: number;
  /** ms from DOMContentLoaded to the topmost card drawn. */
  firstCard: number;
  /** ms from DOMContentLoaded to the last card annotated. */
  all: number;
  /** ms from navigation start to the last card annotated. */
  allFromStart: number;
  cards: number;
}

export interface CostSample {
  /** CPU time of the page's main thread, ms. */
  cpuMs: number;
  /** Wall-clock time of the page's main-thread tasks, ms. */
  taskMs: number;
  scriptMs: number;
  /** After a full GC, bytes. */
  heapBytes: number;
  /** Longest 'longtask' entry that ended after DOMContentLoaded started, ms. */
  longestLateTask: number;
  /** Longest 'longtask' entry of the whole load, ms. */
  longestTask: number;
  cards: number;
}

interface BenchState {
  longTasks: [start: number, duration: number][];
  annotated: Map<Element, number>;
  drawn: Map<Element, number>;
  cards: Element[];
}

/** Runs in the page's main world before any of its scripts. */
function instrument(timing: boolean): void {
  const state: BenchState = { longTasks: [], annotated: new Map(), drawn: new Map(), cards: [] };
  (globalThis as unknown as { __marginsBench: BenchState }).__marginsBench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  if (!timing) return;
  // A host is shown (its inline display:none removed) in the task that draws its widget.
  const shown = new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const host = r.target as HTMLElement;
      if (host.style.display !== 'none' && !state.drawn.has(host)) state.drawn.set(host, now);
    }
  });
  // From the start: Margins annotates a listing while it loads.
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeName !== 'MARGINS-FLOOR' && node.nodeName !== 'MARGINS-WIDGET') continue;
        const el = node as HTMLElement;
        state.cards.push(el);
        state.annotated.set(el, now);
        if (el.style.display !== 'none') state.drawn.set(el, now);
        else shown.observe(el, { attributes: true, attributeFilter: ['style'] });
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

const navigationDcl = (page: Page) =>
  page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
        .domContentLoadedEventStart,
  );

/** Load `url` (serving `html`) in a fresh tab and time the annotation of `cards` cards. */
export async function timeLoad(
  browser: BenchBrowser,
  url: string,
  html: string,
  cards: number,
): Promise<TimingSample> {
  browser.pages[url] = { html };
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(instrument, true);
    await page.goto(url, { waitUntil: 'load' });
    const dcl = await navigationDcl(page);
    if (browser.variant === 'baseline') return { dcl, firstCard: NaN, all: NaN, allFromStart: NaN, cards: 0 };
    await page.waitForFunction(
      (n) => {
        const s = (globalThis as unknown as { __marginsBench: BenchState }).__marginsBench;
        const live = s.cards.filter((c) => c.isConnected && s.annotated.has(c));
        if (live.length < n) return false;
        const topmost = live.reduce((a, b) =>
          a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? a : b,
        );
        return s.drawn.has(topmost);
      },
      cards,
      { polling: 100, timeout: 30_000 },
    );
    const read = await page.evaluate(() => {
      const s = (globalThis as unknown as { __marginsBench: BenchState }).__marginsBench;
      const live = s.cards.filter((c) => c.isConnected && s.annotated.has(c));
      const topmost = live.reduce((a, b) =>
        a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? a : b,
      );
      // (No named functions in here: the bundler's keep-names helper does not exist in the page.)
      return {
        first: s.drawn.get(topmost)!,
        last: Math.max(...live.map((c) => s.annotated.get(c)!)),
        cards: live.length,
      };
    });
    return {
      dcl,
      firstCard: read.first - dcl,
      all: read.last - dcl,
      allFromStart: read.last,
      cards: read.cards,
    };
  } finally {
    await page.close();
  }
}

const QUIET_WINDOW_MS = 1000;
const QUIET_CPU_MS = 10;

/** Load `url` (serving `html`), wait until the page is quiet, and read what it cost. */
export async function costLoad(browser: BenchBrowser, url: string, html: string): Promise<CostSample> {
  browser.pages[url] = { html };
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(instrument, false);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metricsNow = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    };
    await page.goto(url, { waitUntil: 'load' });
    for (
      let before = (await metricsNow())('ThreadTime'), waited = 0;
      waited < 60_000;
      waited += QUIET_WINDOW_MS
    ) {
      await page.waitForTimeout(QUIET_WINDOW_MS);
      const now = (await metricsNow())('ThreadTime');
      if ((now - before) * 1000 < QUIET_CPU_MS) break;
      before = now;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const metric = await metricsNow();
    const dcl = await navigationDcl(page);
    const read = await page.evaluate((dclStart) => {
      const s = (globalThis as unknown as { __marginsBench: BenchState }).__marginsBench;
      const late = s.longTasks.filter(([start, d]) => start + d > dclStart).map(([, d]) => d);
      return {
        longestLate: Math.max(0, ...late),
        longest: Math.max(0, ...s.longTasks.map(([, d]) => d)),
        cards: document.querySelectorAll('margins-widget, margins-floor').length,
      };
    }, dcl);
    return {
      cpuMs: metric('ThreadTime') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      scriptMs: metric('ScriptDuration') * 1000,
      heapBytes: metric('JSHeapUsedSize'),
      longestLateTask: read.longestLate,
      longestTask: read.longest,
      cards: read.cards,
    };
  } finally {
    await page.close();
  }
}
