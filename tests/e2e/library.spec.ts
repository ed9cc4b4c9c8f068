import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, widget } from './harness';
import {
  ASKCHEM,
  ask,
  expectNoSeriousA11yViolations,
  FAIRNESS,
  MEMORY_AGENTS,
  OMNISCOPE,
  seedFromListing,
  seedGenerated,
} from './pages-support';

async function openLibrary(page: Page, extensionId: string, section = 'papers'): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/library.html#${section}`);
  await expect(page.getByText('Loading your library…')).toHaveCount(0);
}

/** The library seeded from the saved listing (left open in its tab), and the library page open at `section`. */
async function listingAndLibrary(
  context: BrowserContext,
  extensionId: string,
  section?: string,
): Promise<{ listing: Page; library: Page }> {
  const listing = await seedFromListing(context, extensionId);
  const library = await context.newPage();
  await openLibrary(library, extensionId, section);
  return { listing, library };
}

const table = (page: Page) => page.getByRole('table', { name: 'Library papers' });
const rowIds = (page: Page) =>
  table(page)
    .locator('[role=row][data-paper-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id')));
const tagsOn = (listing: Page, id: string) => widget(listing, id).locator('.tag-name').allTextContents();

test('lists the library, searches every field, filters and sorts', async ({ context, extensionId }) => {
  const { library } = await listingAndLibrary(context, extensionId);
  await expect
    .poll(async () => (await rowIds(library)).sort())
    .toEqual([ASKCHEM, FAIRNESS, OMNISCOPE, MEMORY_AGENTS].sort());
  await expect(library.locator('.app-header .counts')).toHaveText('4 in library · 2 read · 1 reading');

  const box = library.getByRole('searchbox', { name: 'Search your library' });
  for (const [query, id] of [
    ['askch', ASKCHEM],
    ['gregory wolfe', ASKCHEM],
    ['cámara', FAIRNESS],
    ['chemistry', ASKCHEM],
    ['replicating', FAIRNESS],
    ['2607.28618', ASKCHEM],
    ['tag:"agents memory" year:2026 author:zhou', MEMORY_AGENTS],
  ]) {
    await box.fill(query!);
    await expect.poll(() => rowIds(library), { message: query }).toEqual([id]);
  }
  await box.fill('');
  await library.getByLabel('Filter by status').selectOption('read');
  await expect.poll(async () => (await rowIds(library)).sort()).toEqual([ASKCHEM, FAIRNESS].sort());
  await library.getByLabel('Filter by status').selectOption('');
  await library.getByLabel('Filter by tag').selectOption('agents memory');
  await expect.poll(async () => (await rowIds(library)).sort()).toEqual([MEMORY_AGENTS, OMNISCOPE].sort());
  await library.getByLabel('Filter by tag').selectOption('');

  await library.getByRole('button', { name: 'Title' }).click();
  // A→Z: AskChem, Fairness Pruning, Filesystem-Based Memory, OmniScope.
  await expect.poll(() => rowIds(library)).toEqual([ASKCHEM, FAIRNESS, MEMORY_AGENTS, OMNISCOPE]);
  await expect(library.getByRole('columnheader', { name: /Title/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await library.getByRole('button', { name: 'Title' }).click();
  await expect.poll(() => rowIds(library)).toEqual([OMNISCOPE, MEMORY_AGENTS, FAIRNESS, ASKCHEM]);
  await expectNoSeriousA11yViolations(library);
});

test('bulk status, tags and removal with undo reach an open listing live', async ({
  context,
  extensionId,
}) => {
  const { listing, library } = await listingAndLibrary(context, extensionId);
  await library.getByRole('button', { name: 'Title' }).click();
  await expect.poll(() => rowIds(library)).toEqual([ASKCHEM, FAIRNESS, MEMORY_AGENTS, OMNISCOPE]);

  // Click the first, shift-click the third: three selected.
  await library.getByRole('checkbox', { name: /^Select AskChem/ }).click();
  await library
    .getByRole('checkbox', { name: /^Select Filesystem-Based Memory/ })
    .click({ modifiers: ['Shift'] });
  await expect(library.getByText('3 selected')).toBeVisible();

  await library.getByLabel('Tag to add to selected papers').fill('To review');
  await library.getByRole('button', { name: 'Add tag' }).click();
  await expect.poll(() => tagsOn(listing, FAIRNESS)).toContain('To review');
  await expect.poll(() => tagsOn(listing, MEMORY_AGENTS)).toEqual(['agents memory', 'To review']);
  expect(await tagsOn(listing, OMNISCOPE)).toEqual(['agents memory']);

  await library.getByLabel('Set status of selected papers').selectOption('reading');
  await expect(widget(listing, ASKCHEM)).toHaveAttribute('data-margins-status', 'reading');
  await expect(widget(listing, MEMORY_AGENTS)).toHaveAttribute('data-margins-status', 'reading');

  await library.getByLabel('Remove a tag from selected papers').selectOption('To review');
  await expect.poll(() => tagsOn(listing, FAIRNESS)).toEqual([]);

  await library.getByRole('button', { name: 'Remove from library' }).click();
  await expect(library.getByText('Removed 3 from the library.')).toBeVisible();
  await expect.poll(() => rowIds(library)).toEqual([OMNISCOPE]);
  await expect(widget(listing, ASKCHEM)).toHaveAttribute('data-margins-status', 'unread');
  await library.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => rowIds(library)).toEqual([ASKCHEM, FAIRNESS, MEMORY_AGENTS, OMNISCOPE]);
  await expect(widget(listing, ASKCHEM)).toHaveAttribute('data-margins-status', 'reading');
  await expect.poll(() => tagsOn(listing, ASKCHEM)).toEqual(['Chemistry']);
});

test('tag rename and merge show on an open listing; colours and deletes', async ({
  context,
  extensionId,
}) => {
  const { listing, library } = await listingAndLibrary(context, extensionId, 'tags');
  const row = (key: string) => library.locator(`tr[data-tag="${key}"]`);
  await expect(row('agents memory').locator('.count')).toHaveText('2');
  await expect(row('chemistry').locator('.count')).toHaveText('1');

  await library.getByLabel('New name for Chemistry').fill('Science');
  await row('chemistry').getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => tagsOn(listing, ASKCHEM)).toEqual(['Science']);
  await expect(row('science')).toBeVisible();

  // Renaming onto an existing tag merges the two.
  await library.getByLabel('New name for agents memory').fill('science');
  await library.getByRole('button', { name: 'Merge into Science' }).click();
  await expect.poll(() => tagsOn(listing, OMNISCOPE)).toEqual(['Science']);
  await expect(row('science').locator('.count')).toHaveText('3');
  await expect(row('agents memory')).toHaveCount(0);

  await library.getByLabel('Colour of Science').fill('#a5f3fc');
  await expect
    .poll(async () => (await ask<{ key: string; color: string }[]>(library, { type: 'listTags' }))[0]?.color)
    .toBe('#a5f3fc');
  await expectNoSeriousA11yViolations(library);

  await library.getByRole('button', { name: 'Delete tag Science' }).click();
  await library.getByRole('button', { name: 'Delete Science' }).click();
  await expect.poll(() => tagsOn(listing, ASKCHEM)).toEqual([]);
  await expect(library.getByText('No tags yet.')).toBeVisible();
});

test('a change made elsewhere reaches an open library page once, and the listing tab too', async ({
  context,
  extensionId,
}) => {
  const { listing, library } = await listingAndLibrary(context, extensionId);
  // Every broadcast this page receives, counted beside the page's own listener.
  await library.evaluate(() => {
    const page = globalThis as unknown as {
      chrome: { runtime: { onMessage: { addListener(f: (m: { type?: string }) => void): void } } };
      changes: number;
    };
    page.changes = 0;
    page.chrome.runtime.onMessage.addListener((m) => void (m.type === 'changed' && page.changes++));
  });
  // Changed while a search is typed, then seen in the whole list once the search is cleared.
  const box = library.getByRole('searchbox', { name: 'Search your library' });
  await box.fill('omniscope');
  await expect.poll(() => rowIds(library)).toEqual([OMNISCOPE]);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await ask(popup, { type: 'setStatus', ids: [OMNISCOPE], status: 'read' });
  await expect(widget(listing, OMNISCOPE)).toHaveAttribute('data-margins-status', 'read');
  const status = library.getByRole('combobox', { name: /^Status of OmniScope/ });
  await expect(status).toHaveValue('read');
  await box.fill('');
  await expect.poll(async () => (await rowIds(library)).length).toBe(4);
  await expect(status).toHaveValue('read');
  await library.getByLabel('Filter by status').selectOption('reading');
  await expect.poll(() => rowIds(library)).toEqual([]);
  // A second copy (a tab message to the library's tab) would come with the first.
  await library.waitForTimeout(500);
  expect(await library.evaluate(() => (globalThis as unknown as { changes: number }).changes)).toBe(1);
});

test('settings change how papers open and show the keys and sites', async ({ context, extensionId }) => {
  const { library } = await listingAndLibrary(context, extensionId, 'settings');
  await expect(library.getByRole('cell', { name: 'Mark read / unread' })).toBeVisible();
  await expect(library.getByText('arxiv.org/list', { exact: true })).toBeVisible();
  await library.getByRole('radio', { name: 'Hugging Face' }).check();
  await library.getByRole('radio', { name: 'Hide them' }).check();
  await expect
    .poll(() => ask(library, { type: 'getSettings' }))
    .toEqual({ openOn: 'huggingface', readAppearance: 'hide' });
  await expectNoSeriousA11yViolations(library);
  await library.getByRole('link', { name: 'Papers' }).click();
  await expect(library.getByRole('link', { name: /^AskChem/ })).toHaveAttribute(
    'href',
    'https://huggingface.co/papers/2607.28618',
  );
});

test('10,000 papers: only the rows in view are in the page, and scrolling reaches the last', async ({
  context,
  extensionId,
}) => {
  const library = await context.newPage();
  await library.goto(`chrome-extension://${extensionId}/popup.html`);
  await seedGenerated(library, 10_000);
  // The rows drawn first (read through the index before the whole library is in) are the rows drawn last.
  await library.addInitScript(() => {
    const page = globalThis as unknown as { firstRows?: (string | null)[] };
    new MutationObserver((_, observer) => {
      const rows = document.querySelectorAll('.vt-body [role=row][data-paper-id]');
      if (!rows.length) return;
      page.firstRows = [...rows].map((r) => r.getAttribute('data-paper-id'));
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await openLibrary(library, extensionId);
  await expect(library.locator('.result-count')).toHaveText('10,000 papers');
  const firstRows = await library.evaluate(() => (globalThis as { firstRows?: string[] }).firstRows);
  expect(firstRows?.length).toBeGreaterThan(5);
  expect((await rowIds(library)).slice(0, firstRows!.length)).toEqual(firstRows);
  await expect(table(library)).toHaveAttribute('aria-rowcount', '10001');
  const rendered = await table(library).locator('[role=row][data-paper-id]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);

  await library.getByRole('button', { name: 'Title' }).click();
  const scroller = library.locator('.virtual-scroller');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table(library).locator('[role=row][data-paper-id]').last()).toHaveAttribute(
    'aria-rowindex',
    '10001',
  );
  expect(await table(library).locator('[role=row][data-paper-id]').count()).toBeLessThan(80);

  await library.getByRole('button', { name: 'Select all matching' }).first().click();
  await expect(library.getByText('10,000 selected')).toBeVisible();
});
