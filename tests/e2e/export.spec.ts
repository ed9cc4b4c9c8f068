import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expect, storedPapers, test } from './harness';
import {
  ASKCHEM,
  ask,
  expectNoSeriousA11yViolations,
  FAIRNESS,
  MEMORY_AGENTS,
  OMNISCOPE,
  seedFromListing,
} from './pages-support';

const ALL = [ASKCHEM, FAIRNESS, OMNISCOPE, MEMORY_AGENTS];
const bare = (id: string) => id.replace(/^arxiv:/, '');

async function openLibrary(page: Page, extensionId: string, section = 'papers'): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/library.html#${section}`);
  await expect(page.getByText('Loading your library…')).toHaveCount(0);
}

async function downloadAs(page: Page, format: string): Promise<{ file: Download; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: format, exact: true }).click();
  const file = await download;
  return { file, text: readFileSync((await file.path())!, 'utf8') };
}

const eprints = (bibtex: string) => [...bibtex.matchAll(/eprint\s*=\s*\{([^}]+)\}/g)].map((m) => m[1]).sort();
const rowCount = (page: Page) =>
  page.getByRole('table', { name: 'Library papers' }).locator('[data-paper-id]');

test('Export on the Papers page takes everything, then the filter, then the selection', async ({
  context,
  extensionId,
}) => {
  await seedFromListing(context, extensionId);
  const library = await context.newPage();
  await openLibrary(library, extensionId);
  await expect(rowCount(library)).toHaveCount(4);

  await library.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(library.getByRole('group', { name: 'Export all 4 papers' })).toBeVisible();
  const all = await downloadAs(library, 'BibTeX');
  expect(all.file.suggestedFilename()).toMatch(/^margins-\d{4}-\d{2}-\d{2}\.bib$/);
  expect(all.text.match(/^@misc\{/gm)).toHaveLength(4);
  expect(eprints(all.text)).toEqual(ALL.map(bare).sort());
  expect(all.text).toContain('archivePrefix = {arXiv}');
  await expect(library.getByText(/^Saved 4 papers as margins-.*\.bib\.$/)).toBeVisible();
  await expectNoSeriousA11yViolations(library);

  await library.getByLabel('Filter by status').selectOption('read');
  await expect(library.getByRole('group', { name: 'Export 2 matching papers' })).toBeVisible();
  const read = await downloadAs(library, 'BibTeX');
  expect(eprints(read.text)).toEqual([ASKCHEM, FAIRNESS].map(bare).sort());

  await library.getByRole('checkbox', { name: /^Select .*AskChem/ }).click();
  await expect(library.getByRole('group', { name: 'Export 1 selected paper' })).toBeVisible();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await library.getByLabel('Format to copy').selectOption({ label: 'CSV' });
  await library.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(library.getByText('Copied 1 paper as CSV.')).toBeVisible();
  const csv = await library.evaluate(() => navigator.clipboard.readText());
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r.id)).toEqual([bare(ASKCHEM)]);
  expect(rows[0]?.tags).toBe('Chemistry');

  await library.keyboard.press('Escape');
  await expect(library.getByRole('group', { name: /^Export / })).toHaveCount(0);
});

const ATTENTION = 'arxiv:1706.03762';

test('metadata completion from arXiv: offline the export goes on and names the incomplete papers', async ({
  context,
  extensionId,
}) => {
  await seedFromListing(context, extensionId);
  const library = await context.newPage();
  await openLibrary(library, extensionId);
  // A paper seen with the first author only, as listing cards show it.
  const now = Date.now();
  await ask(library, {
    type: 'restore',
    records: [
      {
        id: ATTENTION,
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        authorsTruncated: true,
        seen: [],
        status: 'unread',
        tags: [],
        note: '',
        inLibrary: 1,
        createdAt: now,
        updatedAt: now,
      },
    ],
  });
  await expect(rowCount(library)).toHaveCount(5);
  await library.getByRole('button', { name: 'Export', exact: true }).click();
  await library.getByRole('checkbox', { name: 'Complete metadata from arXiv' }).check();

  // The harness answers export.arxiv.org with 404: the API is unreachable.
  const offline = await downloadAs(library, 'RIS');
  expect(offline.text.match(/^TY {2}- GEN/gm)).toHaveLength(5);
  const status = library.getByRole('status').filter({ hasText: 'Saved 5 papers' });
  await expect(status).toContainText('arXiv answered HTTP 404. Exported what is known.');
  await status.getByText('1 paper still lacks', { exact: false }).click();
  await expect(status.getByRole('listitem')).toHaveText([`Attention Is All You Need (${ATTENTION})`]);

  // Online: the API's answer completes the author list in the file and in the library.
  await context.route('https://export.arxiv.org/api/**', (route) =>
    route.fulfill({
      contentType: 'application/atom+xml',
      body: readFileSync('tests/fixtures/export/arxiv-api-response.xml'),
    }),
  );
  const online = await downloadAs(library, 'BibTeX');
  expect(online.text).toContain('Polosukhin');
  await expect(library.getByRole('status').filter({ hasText: 'Saved 5 papers' })).not.toContainText('arXiv');
  const stored = (await storedPapers(context, extensionId)).find((p) => p.id === ATTENTION);
  expect(stored?.authors).toHaveLength(8);
  // The page heard of the completed record: its row shows more authors now.
  await expect(library.locator(`[data-paper-id="${ATTENTION}"] .authors`)).toHaveText(
    'Vaswani, Shazeer, Parmar, Uszkoreit et al.',
  );
});

test('a JSON backup brings back a removed paper, after a preview', async ({ context, extensionId }) => {
  await seedFromListing(context, extensionId);
  const library = await context.newPage();
  await openLibrary(library, extensionId);
  await library.getByRole('button', { name: 'Export', exact: true }).click();
  const backup = await downloadAs(library, 'JSON backup');
  expect(backup.file.suggestedFilename()).toMatch(/^margins-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = (await backup.file.path())!;

  await ask(library, { type: 'setInLibrary', ids: [FAIRNESS], inLibrary: false });
  await expect(rowCount(library)).toHaveCount(3);

  await openLibrary(library, extensionId, 'import-export');
  await library.getByLabel('File to import').setInputFiles(backupPath);
  const preview = library.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText(
    'Margins backup: 0 papers to add, 1 to change, 3 unchanged, 0 skipped.',
  );
  // Nothing is written before Import.
  expect((await storedPapers(context, extensionId)).filter((p) => p.inLibrary === 1)).toHaveLength(3);

  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(library.getByText('Imported: 0 papers added, 1 changed, 3 unchanged.')).toBeVisible();
  // The background's broadcast reaches this page: its count and table show the paper again, note and all.
  await expect(library.locator('.app-header .counts')).toContainText('4 in library');
  const restored = (await storedPapers(context, extensionId)).find((p) => p.id === FAIRNESS);
  expect(restored).toMatchObject({ inLibrary: 1, status: 'read', note: expect.stringContaining('Pruning') });
  await openLibrary(library, extensionId);
  await expect(library.locator(`[data-paper-id="${FAIRNESS}"]`)).toBeVisible();
});

test('BibTeX import previews skipped entries and tags what it adds', async ({ context, extensionId }) => {
  const library = context.pages()[0] ?? (await context.newPage());
  await openLibrary(library, extensionId, 'import-export');
  await library.getByLabel('Tag imported papers').fill('from zotero');
  await library.getByLabel('File to import').setInputFiles('tests/fixtures/export/zotero-export.bib');
  const preview = library.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Every imported paper gets the tag “from zotero”.');
  await expect(preview).toContainText('BibTeX: 4 papers to add, 0 to change, 0 unchanged, 4 skipped.');
  await expect(preview.getByRole('listitem').filter({ hasText: 'he_deep_2016' })).toHaveText(
    'he_deep_2016: No arXiv id: its DOI is not an arXiv DOI, and Margins keeps arXiv papers only.',
  );
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(library.getByText('Imported: 4 papers added, 0 changed, 0 unchanged.')).toBeVisible();
  const saved = (await storedPapers(context, extensionId)).filter((p) => p.inLibrary === 1);
  expect(saved).toHaveLength(4);
  expect(saved.every((p) => (p.tags as string[]).includes('from zotero'))).toBe(true);
});

test('a file that is not a library shows why and changes nothing', async ({ context, extensionId }) => {
  await seedFromListing(context, extensionId);
  const before = await storedPapers(context, extensionId);
  const library = await context.newPage();
  await openLibrary(library, extensionId, 'import-export');
  const input = library.getByLabel('File to import');

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  await input.setInputFiles({ name: 'library.json', mimeType: 'application/json', buffer: png });
  await expect(library.getByRole('alert')).toHaveText('This is a PNG image, not a library file.');
  await expect(library.getByRole('region', { name: 'Import preview' })).toHaveCount(0);

  const truncated = `{"format":"margins-backup","version":1,"papers":[{"id":"arxiv:2607.28618","ti`;
  await input.setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(truncated),
  });
  await expect(library.getByRole('alert')).toContainText(/JSON/);
  await expect(library.getByRole('region', { name: 'Import preview' })).toHaveCount(0);

  expect(await storedPapers(context, extensionId)).toEqual(before);
  await expectNoSeriousA11yViolations(library);
});
