import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expect, test, widget } from './harness';
import {
  ASKCHEM,
  ask,
  expectNoSeriousA11yViolations,
  FAIRNESS,
  MEMORY_AGENTS,
  OMNISCOPE,
  seedFromListing,
} from './pages-support';

async function openPopup(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole('searchbox', { name: 'Search your library' })).toBeFocused();
}

const results = (page: Page) => page.getByRole('list', { name: 'Papers' }).locator('li');
const resultIds = (page: Page) =>
  results(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-id')));

test('a new user sees what to do', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await openPopup(popup, extensionId);
  await expect(popup.getByText('Your library is empty.')).toBeVisible();
  await expect(popup.getByRole('link', { name: 'huggingface.co/papers' })).toHaveAttribute(
    'href',
    'https://huggingface.co/papers',
  );
  await expect(popup.getByText('0 in library')).toBeVisible();
  await expectNoSeriousA11yViolations(popup);
});

test('lists recent papers and finds them by every field, prefix, typo and id', async ({
  context,
  extensionId,
}) => {
  await seedFromListing(context, extensionId);
  const popup = await context.newPage();
  await openPopup(popup, extensionId);
  // Most recently touched first: the last write was the note on the Fairness paper.
  await expect.poll(() => resultIds(popup)).toEqual([FAIRNESS, MEMORY_AGENTS, OMNISCOPE, ASKCHEM]);
  await expect(popup.locator('.counts')).toHaveText('4 in library · 2 read · 1 reading');

  const box = popup.getByRole('searchbox', { name: 'Search your library' });
  const searches: [string, string][] = [
    ['askchem', ASKCHEM], // title
    ['Ask', ASKCHEM], // prefix
    ['askchen', ASKCHEM], // typo
    ['Wolfe', ASKCHEM], // author
    ['martinez camara', FAIRNESS], // author, without the accents
    ['chemistry', ASKCHEM], // tag
    ['replicating', FAIRNESS], // note
    ['2607.23193', OMNISCOPE], // id
    ['arxiv:2607.23193', OMNISCOPE],
    ['2607.2663', MEMORY_AGENTS], // id prefix
  ];
  for (const [query, id] of searches) {
    await box.fill(query);
    await expect.poll(async () => (await resultIds(popup))[0], { message: query }).toBe(id);
  }
  await box.fill('zzzz unknown words');
  await expect(popup.getByText('No saved paper matches “zzzz unknown words”.')).toBeVisible();
  await expectNoSeriousA11yViolations(popup);
});

test('field filters, clickable filters and the papers on the current tab', async ({
  context,
  extensionId,
}) => {
  const listing = await seedFromListing(context, extensionId);
  const popup = await context.newPage();
  await openPopup(popup, extensionId);
  const box = popup.getByRole('searchbox', { name: 'Search your library' });

  await box.fill('status:read');
  await expect.poll(() => resultIds(popup)).toEqual([FAIRNESS, ASKCHEM]);
  await box.fill('tag:"agents memory" author:feng');
  await expect.poll(() => resultIds(popup)).toEqual([]);
  await box.fill('tag:"agents memory" author:zhou');
  await expect.poll(() => resultIds(popup)).toEqual([MEMORY_AGENTS]);
  await box.fill('year:1999');
  await expect.poll(() => resultIds(popup)).toEqual([]);
  await box.fill('');

  await popup.getByRole('button', { name: 'Reading', exact: true }).click();
  await expect.poll(() => resultIds(popup)).toEqual([OMNISCOPE]);
  await popup.getByRole('button', { name: 'Reading', exact: true }).click();
  await popup.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Chemistry' }).click();
  await expect.poll(() => resultIds(popup)).toEqual([ASKCHEM]);
  await popup.getByRole('group', { name: 'Filters' }).getByRole('button', { name: 'Chemistry' }).click();
  // A tag chip on a result filters by that tag too.
  await results(popup).getByRole('button', { name: 'agents memory' }).first().click();
  await expect.poll(async () => (await resultIds(popup)).sort()).toEqual([OMNISCOPE, MEMORY_AGENTS].sort());

  // The popup asks the active tab what it recognised: make the listing the active tab, then reopen.
  await listing.bringToFront();
  await popup.reload();
  await expect(popup.getByText('30 papers recognised on this page')).toBeVisible();
  await popup.getByRole('button', { name: 'Show them' }).click();
  await expect(popup.getByRole('list', { name: 'Papers on this page' }).locator('li')).toHaveCount(30);
  await box.fill('askchem');
  await expect(popup.getByRole('list', { name: 'Papers on this page' }).locator('li')).toHaveCount(1);
});

test('status changes in the popup reach an open listing live; arrows and Enter open the paper', async ({
  context,
  extensionId,
}) => {
  const listing = await seedFromListing(context, extensionId);
  await expect(widget(listing, OMNISCOPE)).toHaveAttribute('data-margins-status', 'reading');
  const popup = await context.newPage();
  await openPopup(popup, extensionId);
  const box = popup.getByRole('searchbox', { name: 'Search your library' });
  await box.fill('omniscope');
  await expect.poll(() => resultIds(popup)).toEqual([OMNISCOPE]);
  await popup.getByRole('combobox', { name: /^Status of OmniScope/ }).selectOption('read');
  await expect(widget(listing, OMNISCOPE)).toHaveAttribute('data-margins-status', 'read');
  await expect(popup.locator('.counts')).toHaveText('4 in library · 3 read · 0 reading');
  // A change made on the listing shows in the open popup too.
  await widget(listing, OMNISCOPE).getByRole('button', { name: 'Mark as unread' }).click();
  await expect(popup.getByRole('combobox', { name: /^Status of OmniScope/ })).toHaveValue('unread');

  await box.fill('');
  await expect.poll(async () => (await resultIds(popup)).length).toBe(4);
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'result-1');
  const second = (await resultIds(popup))[1]!;
  const opened = context.waitForEvent('page');
  await box.press('Enter');
  const tab = await opened;
  await expect.poll(() => tab.url()).toBe(`https://arxiv.org/abs/${second.replace('arxiv:', '')}`);

  // The setting picks the site a paper opens on.
  await ask(popup, { type: 'setSettings', patch: { openOn: 'huggingface' } });
  await expect(popup.locator('#result-0')).toHaveAttribute('href', /^https:\/\/huggingface\.co\/papers\//);
});

test('exports the library as a downloaded file or to the clipboard', async ({ context, extensionId }) => {
  await seedFromListing(context, extensionId);
  const popup = await context.newPage();
  await openPopup(popup, extensionId);
  await popup.getByRole('button', { name: 'Export' }).click();
  await popup.getByLabel('Export format').selectOption({ label: 'BibTeX' });
  const download = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^margins-\d{4}-\d{2}-\d{2}\.bib$/);
  const bibtex = readFileSync((await file.path())!, 'utf8');
  expect(bibtex.match(/^@\w+\{/gm)).toHaveLength(4);
  expect(bibtex).toContain('AskChem');
  await expect(popup.getByText(/^Saved 4 papers as margins-.*\.bib\.$/)).toBeVisible();

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.getByLabel('Export format').selectOption({ label: 'CSV' });
  await popup.getByRole('button', { name: 'Copy' }).click();
  await expect(popup.getByText('Copied 4 papers as CSV.')).toBeVisible();
  const csv = await popup.evaluate(() => navigator.clipboard.readText());
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.id).sort()).toEqual(['2607.23193', '2607.26637', '2607.28319', '2607.28618']);
  expect(rows.find((r) => r.id === '2607.28319')?.note).toBe(
    'Pruning heuristic worth replicating\nsecond line',
  );
  await expectNoSeriousA11yViolations(popup);
});
