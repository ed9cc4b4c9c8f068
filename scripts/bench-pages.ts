// Popup and library page timings in real Chromium with the built extension and a generated library.
// Run: npx wxt build && npx tsx scripts/bench-pages.ts [--papers=10000] [--runs=5] [--extension=DIR]
// (--extension: a copy of the build, so a rebuild in the shared work tree cannot change it mid-run).
// Prints the numbers docs/popup-library.md quotes. The pages record them with performance marks/measures:
// margins:first-results (popup open → first rows in the DOM), margins:search (keystroke → results in the
// DOM), margins:index-ready (search worker built its index), margins:bulk (bulk change request → done).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, launch, unpackedExtensionId } from '../tests/e2e/harness';
import { seedGenerated } from '../tests/e2e/pages-support';

function argument(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const PAPERS = Number(argument('papers') ?? 10_000);
const RUNS = Number(argument('runs') ?? 5);
const EXTENSION = path.resolve(argument('extension') ?? EXTENSION_DIR);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function entry(page: Page, name: string): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 60_000 });
  return page.evaluate((n) => {
    const e = performance.getEntriesByName(n)[0]!;
    return e.entryType === 'mark' ? e.startTime : e.duration;
  }, name);
}

async function main(): Promise<void> {
  const profile = mkdtempSync(path.join(tmpdir(), 'margins-bench-'));
  const context = await launch(profile, EXTENSION);
  try {
    const id = unpackedExtensionId(EXTENSION);
    const seeder = await context.newPage();
    await seeder.goto(`chrome-extension://${id}/popup.html`);
    const seedStart = performance.now();
    await seedGenerated(seeder, PAPERS);
    console.log(`seeded ${PAPERS} papers through the background in ${ms(performance.now() - seedStart)}`);
    await seeder.close();

    // Popup: open → first results (most recent papers), → counts, → the first search answered.
    const first: number[] = [];
    const counted: number[] = [];
    const searchable: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 420, height: 600 });
      await popup.goto(`chrome-extension://${id}/popup.html`);
      first.push(await entry(popup, 'margins:first-results'));
      await popup.locator('.counts strong').first().waitFor();
      counted.push(await popup.evaluate(() => performance.now()));
      await popup.getByRole('searchbox', { name: 'Search your library' }).fill('transformer');
      await entry(popup, 'margins:search');
      searchable.push(await popup.evaluate(() => performance.now()));
      await popup.close();
    }
    console.log(
      `popup first results: median ${ms(percentile(first, 50))}, max ${ms(Math.max(...first))} (${RUNS} opens)`,
    );
    console.log(`popup counts shown: median ${ms(percentile(counted, 50))}`);
    console.log(
      `popup first search answered (index built in a worker): median ${ms(percentile(searchable, 50))}`,
    );

    // Popup: keystroke → results, typing queries one key at a time.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    await popup.getByRole('searchbox', { name: 'Search your library' }).fill('warm up');
    await entry(popup, 'margins:search');
    await popup.evaluate(() => performance.clearMeasures('margins:search'));
    const box = popup.getByRole('searchbox', { name: 'Search your library' });
    const queries = [
      'transformer',
      'diffusion policy',
      'schrodinger',
      'muller attention',
      'transfomer',
      'efficient language model quantization',
      'tag:llm reasoning',
      'status:read author:wang',
      'tag:"deep rl" year:2024',
    ];
    for (const query of queries) {
      await box.fill('');
      await box.pressSequentially(query, { delay: 40 });
      await popup.waitForTimeout(100);
    }
    const keystrokes = await popup.evaluate(() =>
      performance.getEntriesByName('margins:search').map((e) => e.duration),
    );
    console.log(
      `popup keystroke → results: p50 ${ms(percentile(keystrokes, 50))}, p95 ${ms(percentile(keystrokes, 95))}, ` +
        `max ${ms(Math.max(...keystrokes))} (${keystrokes.length} keystrokes)`,
    );
    await popup.close();

    // Library: load, then scroll the whole table, frame by frame.
    const library = await context.newPage();
    await library.goto(`chrome-extension://${id}/library.html`);
    console.log(
      `library page loaded ${PAPERS} papers: ${ms(await entry(library, 'margins:library-loaded'))}`,
    );
    await library.locator('.virtual-scroller').waitFor();
    // Per frame: from the scroll event (before the page's own handler) until the frame's rendering is done
    // (a message posted from requestAnimationFrame runs after style, layout and paint).
    const frames = await library.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('.virtual-scroller')!;
      const work: number[] = [];
      let scrolledAt = 0;
      document.addEventListener('scroll', () => (scrolledAt = performance.now()), { capture: true });
      const channel = new MessageChannel();
      const step = 90; // px per frame: about two rows, a brisk wheel scroll
      for (let i = 0; i < 600; i++) {
        scroller.scrollTop += step;
        await new Promise<void>((resolve) =>
          requestAnimationFrame(() => {
            channel.port1.onmessage = () => {
              work.push(performance.now() - scrolledAt);
              resolve();
            };
            channel.port2.postMessage(null);
          }),
        );
      }
      return { work, rows: scroller.querySelectorAll('[role=row][data-paper-id]').length };
    });
    const over = frames.work.filter((f) => f > 16).length;
    console.log(
      `library scroll, work per frame: p50 ${ms(percentile(frames.work, 50))}, p95 ${ms(percentile(frames.work, 95))}, ` +
        `max ${ms(Math.max(...frames.work))}; ${over}/${frames.work.length} frames over 16 ms; ` +
        `${frames.rows} rows in the DOM`,
    );

    // Library: tag 1,000 papers at once (a search capped at the best 1,000 matches, all selected).
    await library.getByRole('searchbox', { name: 'Search your library' }).fill('model');
    await library.getByText('(the best 1,000 matches)').waitFor();
    await library.getByRole('button', { name: 'Select all matching' }).click();
    await library.getByText('1,000 selected').waitFor();
    await library.getByLabel('Tag to add to selected papers').fill('bench-bulk');
    // Timed in the page: from the click to the first row showing the tag.
    const shown = library.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const form = document.querySelector('.inline-form')!;
          let clickedAt = 0;
          form.addEventListener('click', () => (clickedAt = performance.now()), { capture: true });
          const observer = new MutationObserver(() => {
            const row = document.querySelector('[role=row][data-paper-id]');
            if (clickedAt && row?.textContent?.includes('bench-bulk')) {
              observer.disconnect();
              resolve(performance.now() - clickedAt);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }),
    );
    await library.getByRole('button', { name: 'Add tag' }).click();
    const seen = await shown;
    const request = await entry(library, 'margins:bulk');
    console.log(
      `bulk tag 1,000 papers: request ${ms(request)}, click → tag visible in the table ${ms(seen)}`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
