// Extraction alone: `arxivListing.extract(document, url)` on the loaded 2,000-entry page in Chromium (the site
// adapters bundled with esbuild and evaluated in the page, in a browser without any extension), the first call
// on each fresh page (what a content script pays: cold code) and the median of later calls, against the
// page's own parse time: DOMParser on the same HTML in the same page. Extraction finds the papers (id, card,
// anchor); their metadata is read on first access, which the content script does in idle time, 100 papers at a
// time: reading all 2,000 is timed separately, after the first call (cold) and after the last (warm).

import { execFileSync } from 'node:child_process';
import { ROOT } from '../../tests/e2e/harness';
import type { BenchBrowser } from './browsers';
import { arxivListing, ARXIV_NEW } from './pages';
import { median } from './stats';

export interface ExtractResult {
  coldMs: number;
  warmMs: number;
  parseMs: number;
  /** Reading every found paper's metadata, first time on the page / later. */
  metaColdMs: number;
  metaWarmMs: number;
  papers: number;
}

const WARM_CALLS = 5;

export async function measureExtract(browser: BenchBrowser, runs: number): Promise<ExtractResult> {
  const bundle = execFileSync(
    'npx',
    ['esbuild', 'lib/sites/index.ts', '--bundle', '--format=iife', '--global-name=MarginsSites', '--minify'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const cold: number[] = [];
  const warm: number[] = [];
  const parse: number[] = [];
  const metaCold: number[] = [];
  const metaWarm: number[] = [];
  let papers = 0;
  for (let run = 0; run <= runs; run++) {
    const html = arxivListing(2000);
    browser.pages[ARXIV_NEW] = { html };
    const page = await browser.context.newPage();
    try {
      await page.goto(ARXIV_NEW, { waitUntil: 'load' });
      await page.evaluate(`${bundle};globalThis.MarginsSites = MarginsSites;`);
      const r = await page.evaluate(
        ({ warmCalls, source }) => {
          type Adapter = { extract(d: Document, u: URL): { meta: unknown }[] };
          type Sites = {
            adapters: Adapter[];
            adapterFor(adapters: Adapter[], url: URL): { adapter: Adapter };
          };
          const sites = (globalThis as unknown as { MarginsSites: Sites }).MarginsSites;
          const url = new URL(location.href);
          const { adapter } = sites.adapterFor(sites.adapters, url);
          const times: number[] = [];
          const meta: number[] = [];
          let found = 0;
          for (let i = 0; i <= warmCalls; i++) {
            const start = performance.now();
            const papers = adapter.extract(document, url);
            times.push(performance.now() - start);
            found = papers.length;
            if (i === 0 || i === warmCalls) {
              const metaStart = performance.now();
              for (const p of papers) void p.meta;
              meta.push(performance.now() - metaStart);
            }
          }
          const parseStart = performance.now();
          new DOMParser().parseFromString(source, 'text/html');
          return { times, found, meta, parse: performance.now() - parseStart };
        },
        { warmCalls: WARM_CALLS, source: html },
      );
      papers = r.found;
      if (run === 0) continue; // warm-up: the browser's own caches
      cold.push(r.times[0]!);
      warm.push(median(r.times.slice(1)));
      parse.push(r.parse);
      metaCold.push(r.meta[0]!);
      metaWarm.push(r.meta[1]!);
    } finally {
      await page.close();
    }
  }
  return {
    coldMs: median(cold),
    warmMs: median(warm),
    parseMs: median(parse),
    metaColdMs: median(metaCold),
    metaWarmMs: median(metaWarm),
    papers,
  };
}
