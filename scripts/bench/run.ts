// `npm run bench`: builds the production extension, measures everything docs/BENCHMARKS.md lists in real
// Chromium and Node, prints one table (each figure beside its baseline) and writes the raw figures to
// .output/bench/results.json. Options: --runs=N (default 5; medians over N runs after a warm-up; on the
// budgeted 2,000-entry page 3N, and 6N more pairs of loads for its two noisiest figures),
// --skip=pages,scaling,library,io,extract (for working on one part).

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { closeBrowsers, openBrowsers } from './browsers';
import { BENCH_EXTENSION_DIR, buildExtension } from './build';
import { bundleSizes } from './bundle';
import { measureLibrarySize, type ExtensionPageSample, type LibrarySizeResult } from './extension-pages';
import { measureExtract } from './extract';
import { measureIo } from './node-io';
import { measurePage, type PageFigures } from './pages-bench';
import { arxivListing, ARXIV_NEW, HF_DAILY, HF_DAILY_CARDS, hfDaily } from './pages';
import { kb, longTask, mb, median, ms, p95, renderTable, times, type Row } from './stats';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 5);
/**
 * The budgeted page's figures vary most from load to load (a 1.3 s page's CPU by ±70 ms and more): three times
 * the runs, and six times as many more pairs of loads for its added CPU and its time to all annotated.
 */
const BUDGET_PAGE_RUNS = 3 * RUNS;
const BUDGET_PAGE_EXTRA_PAIRS = 6 * RUNS;
const skip = new Set((args.get('skip') ?? '').split(','));
/** 2,000 is the main arXiv figure, measured once. */
const SCALING_CARDS = [250, 500, 1000];
const LIBRARY_SIZES = [1_000, 10_000, 100_000];
export const BUDGET = {
  firstCardMs: 50,
  addedCpuMs: 100,
  allVsFloor: 1.1,
  longTaskMs: 50,
  heapBytes: 10 * 1024 * 1024,
  popupOpenMs: 100,
  searchP95Ms: { 10_000: 16, 100_000: 50 } as Record<number, number>,
  exportMs: 300,
  contentGzipBytes: 20 * 1024,
};

const rows: Row[] = [];
const raw: Record<string, unknown> = { runs: RUNS, date: new Date().toISOString(), cpus: cpus().length };
const log = (text: string) => process.stderr.write(`${text}\n`);

const interval = ([lo, hi]: [number, number], format: (v: number) => string) =>
  `${format(lo)} to ${format(hi)}`;

function pageRows(f: PageFigures, withBudget: boolean): void {
  const section = `${f.label} (${f.cards} cards${f.runs !== RUNS ? `, ${f.runs} runs` : ''})`;
  const added = (v: Record<string, number>) => v.margins! - v.baseline!;
  rows.push(
    {
      section,
      figure: 'topmost card drawn, ms from DCL (< 0: before it)',
      value: ms(f.firstCard.margins),
      baseline: `floor ${ms(f.firstCard.floor)}`,
      budget: withBudget ? `<= ${BUDGET.firstCardMs} ms` : undefined,
      pass: withBudget ? f.firstCard.margins <= BUDGET.firstCardMs : undefined,
    },
    {
      section,
      figure: 'all cards annotated, ms from DCL (< 0: before it)',
      value: ms(f.all.margins),
      baseline: `floor ${ms(f.all.floor)}`,
    },
    {
      section,
      figure: 'time to all annotated (from navigation start)',
      value: `${times(f.allVsFloor)} floor`,
      baseline: withBudget ? `${f.pairs} pairs; 95% CI ${interval(f.allVsFloorInterval, times)}` : undefined,
      ratio: `${times(f.allVsDcl)} page's DCL`,
      budget: withBudget ? `<= ${BUDGET.allVsFloor}x floor` : undefined,
      pass: withBudget ? f.allVsFloor <= BUDGET.allVsFloor : undefined,
    },
    {
      section,
      figure: 'main-thread CPU (ThreadTime)',
      value: ms(f.cpuMs.margins),
      baseline: `${ms(f.cpuMs.baseline)} (floor ${ms(f.cpuMs.floor)})`,
      ratio: withBudget
        ? `+${ms(f.addedCpuMs)} (${f.pairs} pairs; 95% CI ${interval(f.addedCpuInterval, (v) => `+${ms(v)}`)})`
        : `+${ms(f.addedCpuMs)} (paired)`,
      budget: withBudget ? `<= +${BUDGET.addedCpuMs} ms` : undefined,
      pass: withBudget ? f.addedCpuMs <= BUDGET.addedCpuMs : undefined,
    },
    {
      section,
      figure: 'main-thread tasks, wall (TaskDuration)',
      value: ms(f.taskMs.margins),
      baseline: ms(f.taskMs.baseline),
      ratio: `+${ms(added(f.taskMs))}`,
    },
    {
      section,
      figure: 'longest task ending after DCL',
      value: longTask(f.longestLateTask.margins),
      baseline: longTask(f.longestLateTask.baseline),
    },
    {
      // Margins annotates a listing while it loads: the whole load is where a task of its own could be.
      section,
      figure: 'longest task, whole load',
      value: longTask(f.longestTask.margins),
      baseline: `${longTask(f.longestTask.baseline)} (floor ${longTask(f.longestTask.floor)})`,
      budget: withBudget ? `< ${BUDGET.longTaskMs} ms, or the page's own` : undefined,
      pass: withBudget
        ? f.longestTask.margins < BUDGET.longTaskMs || f.longestTask.margins <= f.longestTask.baseline
        : undefined,
    },
    {
      section,
      figure: 'JS heap after GC',
      value: mb(f.heapBytes.margins),
      baseline: mb(f.heapBytes.baseline),
      ratio: `+${mb(added(f.heapBytes))}`,
      budget: withBudget ? `<= +${mb(BUDGET.heapBytes)}` : undefined,
      pass: withBudget ? added(f.heapBytes) <= BUDGET.heapBytes : undefined,
    },
  );
}

function searchRows(r: LibrarySizeResult): void {
  const section = `library of ${r.size.toLocaleString('en')}`;
  const page = (name: string, s: ExtensionPageSample | { error: string }, budgets: boolean) => {
    if ('error' in s) {
      rows.push({ section, figure: `${name}: not measured`, value: s.error.slice(0, 60) });
      return;
    }
    const searchBudget = budgets ? BUDGET.searchP95Ms[r.size] : undefined;
    const open = median(s.openMs);
    const openBudget = budgets && r.size === 10_000;
    rows.push(
      {
        section,
        figure: `${name}: open → first results`,
        value: ms(open),
        budget: openBudget ? `<= ${BUDGET.popupOpenMs} ms` : undefined,
        pass: openBudget ? open <= BUDGET.popupOpenMs : undefined,
      },
      {
        section,
        figure: `${name}: keystroke → results p50 / p95`,
        value: `${ms(median(s.keystrokeMs))} / ${ms(p95(s.keystrokeMs))}`,
        ratio: `${s.keystrokeMs.length} keys${s.keystrokesWithoutUpdate ? `, ${s.keystrokesWithoutUpdate} no update` : ''}`,
        budget: searchBudget ? `p95 <= ${searchBudget} ms` : undefined,
        pass: searchBudget ? p95(s.keystrokeMs) <= searchBudget : undefined,
      },
    );
  };
  page('popup', r.popup, true);
  page('library page', r.library, false);
  if ('error' in r.libraryScroll) {
    rows.push({
      section,
      figure: 'library page scroll: not measured',
      value: r.libraryScroll.error.slice(0, 60),
    });
  } else {
    for (const [speed, sample] of Object.entries(r.libraryScroll)) {
      const work = sample.frameWorkMs;
      rows.push({
        section,
        figure: `library page scroll (${speed}): frame work p50 / p95`,
        value: `${ms(median(work))} / ${ms(p95(work))}`,
        ratio: `frame interval p50 ${ms(median(sample.frameIntervalMs))}`,
        budget: '< 16 ms',
        pass: p95(work) < 16,
      });
    }
  }
  rows.push({ section, figure: 'addTag request, 1,000 ids', value: ms(median(r.addTagRequestMs)) });
  if (r.bulkTagUiMs)
    rows.push({
      section,
      figure: 'library page: select all 1,000 + Add tag',
      value: ms(median(r.bulkTagUiMs)),
    });
}

log('building the extension (npx wxt build)…');
buildExtension();
const bundles = bundleSizes(BENCH_EXTENSION_DIR);
raw.bundles = bundles;

const browsers = await openBrowsers();
const scaling: PageFigures[] = [];
try {
  if (!skip.has('pages')) {
    log(
      `arXiv 2,000 (${BUDGET_PAGE_RUNS} runs, ${BUDGET_PAGE_EXTRA_PAIRS} more pairs) and Hugging Face daily (${RUNS} runs)…`,
    );
    const arxiv = await measurePage(
      browsers,
      'arXiv /list/cs.LG/new',
      ARXIV_NEW,
      () => arxivListing(2000),
      2000,
      BUDGET_PAGE_RUNS,
      true,
      BUDGET_PAGE_EXTRA_PAIRS,
    );
    const hf = await measurePage(browsers, 'Hugging Face daily', HF_DAILY, hfDaily, HF_DAILY_CARDS, RUNS);
    raw.pages = [arxiv, hf];
    scaling.push(arxiv);
    pageRows(arxiv, true);
    pageRows(hf, false);
  }
  if (!skip.has('extract')) {
    log('extraction alone…');
    const e = await measureExtract(browsers.baseline, RUNS);
    raw.extract = e;
    const section = 'arxivListing.extract, 2,000 entries';
    rows.push(
      {
        section,
        figure: 'first call on a fresh page (cold)',
        value: ms(e.coldMs),
        baseline: `page parse ${ms(e.parseMs)}`,
        ratio: times(e.coldMs / e.parseMs),
        budget: '<= 20 ms',
        pass: e.coldMs <= 20,
      },
      { section, figure: 'later calls (warm)', value: ms(e.warmMs), ratio: times(e.warmMs / e.parseMs) },
      {
        section,
        figure: 'metadata of all 2,000, first read / later (idle time)',
        value: `${ms(e.metaColdMs)} / ${ms(e.metaWarmMs)}`,
        ratio: times(e.metaColdMs / e.parseMs),
      },
    );
  }
  if (!skip.has('scaling')) {
    for (const n of SCALING_CARDS) {
      log(`scaling: ${n} cards…`);
      scaling.push(await measurePage(browsers, 'scaling', ARXIV_NEW, () => arxivListing(n), n, RUNS));
    }
    scaling.sort((a, b) => a.cards - b.cards);
    raw.scaling = scaling;
    for (const f of scaling) {
      rows.push({
        section: 'growth (arXiv listing)',
        figure: `${f.cards} cards: time to all annotated / added CPU / added heap / longest task`,
        value: `${times(f.allVsFloor)} floor / +${ms(f.addedCpuMs)} / +${mb(f.heapBytes.margins - f.heapBytes.baseline)} / ${longTask(f.longestTask.margins)}`,
        baseline: `page's own longest ${longTask(f.longestTask.baseline)}`,
      });
    }
  }
  if (!skip.has('library')) {
    const results: LibrarySizeResult[] = [];
    for (const size of LIBRARY_SIZES) {
      log(`library of ${size}…`);
      results.push(await measureLibrarySize(browsers.margins, size, RUNS));
    }
    raw.library = results;
    results.forEach(searchRows);
  }
} finally {
  await closeBrowsers(browsers);
}

if (!skip.has('io')) {
  log('export and import, 10k papers (Node)…');
  const io = await measureIo(10_000, RUNS);
  raw.io = io;
  for (const [id, t] of Object.entries(io.exportMs)) {
    rows.push({
      section: 'export, 10k papers (Node)',
      figure: id,
      value: ms(t),
      ratio: mb(io.exportBytes[id as keyof typeof io.exportBytes]),
      budget: `<= ${BUDGET.exportMs} ms`,
      pass: t <= BUDGET.exportMs,
    });
  }
  rows.push(
    { section: 'import, 10k backup (Node, fake-indexeddb)', figure: 'plan', value: ms(io.importPlanMs) },
    { section: 'import, 10k backup (Node, fake-indexeddb)', figure: 'apply', value: ms(io.importApplyMs) },
  );
}

for (const b of bundles) {
  const budgeted = b.contentScript;
  rows.push({
    section: 'bundle (gzip -9)',
    figure: b.entry,
    value: kb(b.gzipBytes),
    ratio: `${b.files.length} files`,
    budget: budgeted ? `<= ${kb(BUDGET.contentGzipBytes)}` : undefined,
    pass: budgeted ? b.gzipBytes <= BUDGET.contentGzipBytes : undefined,
  });
}

const table = renderTable(rows);
raw.table = table;
mkdirSync(path.dirname(BENCH_EXTENSION_DIR), { recursive: true });
writeFileSync(path.join(path.dirname(BENCH_EXTENSION_DIR), 'results.json'), JSON.stringify(raw, null, 2));
console.log(
  `Margins bench, ${RUNS} runs per figure (medians), ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs\n`,
);
console.log(table);
