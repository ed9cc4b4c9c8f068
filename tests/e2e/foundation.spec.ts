import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import {
  EXTENSION_DIR,
  expect,
  HF_DAILY,
  launch,
  unpackedExtensionId,
  servePages,
  standardPages,
  storedPapers,
  test,
  widget,
} from './harness';

test('papers of a Hugging Face daily page reach the background and are stored', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  await expect.poll(async () => (await storedPapers(context, extensionId)).length).toBe(30);
  const papers = await storedPapers(context, extensionId);
  const one = papers.find((p) => p.id === 'arxiv:2607.28618');
  expect(one).toBeTruthy();
  expect(one?.inLibrary).toBe(0);
  expect(one?.seen).toEqual([expect.objectContaining({ site: 'huggingface', url: HF_DAILY })]);
});

base('the library survives a full browser restart with the same profile', async () => {
  const profile = mkdtempSync(path.join(tmpdir(), 'margins-restart-'));
  try {
    let context = await launch(profile);
    await servePages(context, standardPages);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(HF_DAILY);
    const first = widget(page, 'arxiv:2607.28618');
    await first.getByRole('button', { name: 'Mark as read', exact: true }).click();
    await expect(first).toHaveAttribute('data-margins-status', 'read');
    const id = unpackedExtensionId();
    await expect
      .poll(async () => (await storedPapers(context, id)).find((p) => p.id === 'arxiv:2607.28618')?.status)
      .toBe('read');
    await context.close();

    context = await launch(profile);
    await servePages(context, standardPages);
    const papers = await storedPapers(context, id);
    expect(papers.length).toBe(30);
    expect(papers.find((p) => p.id === 'arxiv:2607.28618')).toMatchObject({ status: 'read', inLibrary: 1 });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(HF_DAILY);
    await expect(widget(page, 'arxiv:2607.28618')).toHaveAttribute('data-margins-status', 'read');
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('the background service worker runs from the built extension', async ({ context, extensionId }) => {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  expect(worker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
});

test('the popup page opens', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('searchbox')).toBeVisible();
});

test('the production manifest asks only for what Margins uses', async () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.permissions ?? []).toEqual([]);
  expect(manifest.host_permissions).toEqual([
    'https://huggingface.co/api/papers/*',
    'https://export.arxiv.org/api/*',
  ]);
  const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches);
  expect(matches.sort()).toEqual([
    'https://arxiv.org/abs/*',
    'https://arxiv.org/catchup/*',
    'https://arxiv.org/list/*',
    'https://arxiv.org/search/*',
    'https://huggingface.co/papers*',
  ]);
  const text = JSON.stringify(manifest);
  expect(text).not.toMatch(/<all_urls>|localhost|127\.0\.0\.1|\*:\/\/\*/);
});
