// Shared by the popup and library page specs: drive the library through the background exactly as the pages
// do (runtime messages from an extension page), and check pages with axe.

import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import type { PaperRecord } from '../../lib/types';
import { generateLibrary } from '../support/generate-library';
import { expect, HF_DAILY } from './harness';

/** Send one request to the background from an extension page and return its value. */
export async function ask<T = unknown>(page: Page, message: Record<string, unknown>): Promise<T> {
  const reply = await page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    message,
  );
  const answer = reply as { ok: boolean; value?: T; error?: string };
  if (!answer.ok) throw new Error(answer.error);
  return answer.value as T;
}

export const ASKCHEM = 'arxiv:2607.28618';
export const FAIRNESS = 'arxiv:2607.28319';
export const OMNISCOPE = 'arxiv:2607.23193';
export const MEMORY_AGENTS = 'arxiv:2607.26637';

/**
 * Open the Hugging Face daily page (its 30 papers are remembered) and save four of them with statuses, tags and
 * a note, through the background. Returns the listing tab, left open.
 */
export async function seedFromListing(context: BrowserContext, extensionId: string): Promise<Page> {
  const listing = context.pages()[0] ?? (await context.newPage());
  await listing.goto(HF_DAILY);
  await expect(listing.locator('[data-margins-id]')).toHaveCount(30);
  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect
    .poll(async () => (await ask<unknown[]>(helper, { type: 'get', ids: [ASKCHEM] }))[0])
    .toBeTruthy();
  await ask(helper, { type: 'setStatus', ids: [ASKCHEM, FAIRNESS], status: 'read' });
  await ask(helper, { type: 'setStatus', ids: [OMNISCOPE], status: 'reading' });
  await ask(helper, { type: 'setInLibrary', ids: [MEMORY_AGENTS], inLibrary: true });
  await ask(helper, { type: 'addTag', ids: [ASKCHEM], tag: 'Chemistry' });
  await ask(helper, { type: 'addTag', ids: [OMNISCOPE, MEMORY_AGENTS], tag: 'agents memory' });
  await ask(helper, {
    type: 'setNote',
    id: FAIRNESS,
    note: 'Pruning heuristic worth replicating\nsecond line',
  });
  await helper.close();
  return listing;
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

/** Put `n` generated library papers into the database through the background (`restore`, 5,000 at a time). */
export async function seedGenerated(page: Page, n: number, seed = 1): Promise<PaperRecord[]> {
  const records = generateLibrary(n, seed).map((r) => ({ ...r, inLibrary: 1 as const }));
  for (let i = 0; i < records.length; i += 5_000) {
    await ask(page, { type: 'restore', records: records.slice(i, i + 5_000) });
  }
  return records;
}
