// The three browsers every page figure compares, launched once per bench run and kept open so their runs can
// be interleaved (noise on a shared machine then falls on all three alike):
//   baseline: a browser without Margins (it loads tests/bench/empty-extension, which does nothing, so all
//             three share tests/e2e/harness.ts's launcher and flags);
//   floor:    tests/bench/floor-extension, a content script that appends one marker per card;
//   margins:  the production build (build.ts).
// Pages are served at their real URLs by route interception (no network).

import type { BrowserContext } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, ROOT, servePages, unpackedExtensionId, type Pages } from '../../tests/e2e/harness';
import { BENCH_EXTENSION_DIR } from './build';

export type Variant = 'baseline' | 'floor' | 'margins';
export const VARIANTS: readonly Variant[] = ['baseline', 'floor', 'margins'];

const EXTENSION_OF: Record<Variant, string> = {
  baseline: path.join(ROOT, 'tests/bench/empty-extension'),
  floor: path.join(ROOT, 'tests/bench/floor-extension'),
  margins: BENCH_EXTENSION_DIR,
};

export interface BenchBrowser {
  variant: Variant;
  context: BrowserContext;
  /** The extension's id (chrome-extension://<id>/). */
  extensionId: string;
  /** Mutable: what each URL serves now (a run swaps in a fresh page without re-routing). */
  pages: Pages;
  close(): Promise<void>;
}

/** `extensionDir` replaces the variant's extension, e.g. a patched build of Margins to compare. */
export async function openBrowser(
  variant: Variant,
  extensionDir = EXTENSION_OF[variant],
): Promise<BenchBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), `margins-bench-${variant}-`));
  const context = await launch(profile, extensionDir);
  const pages: Pages = {};
  await servePages(context, pages);
  // The service worker is up before the first run, so no run pays for its start.
  if (variant === 'margins' && !context.serviceWorkers().length) await context.waitForEvent('serviceworker');
  return {
    variant,
    context,
    extensionId: unpackedExtensionId(extensionDir),
    pages,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function openBrowsers(): Promise<Record<Variant, BenchBrowser>> {
  const [baseline, floor, margins] = await Promise.all(VARIANTS.map((v) => openBrowser(v)));
  return { baseline: baseline!, floor: floor!, margins: margins! };
}

export async function closeBrowsers(browsers: Record<Variant, BenchBrowser>): Promise<void> {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
}
