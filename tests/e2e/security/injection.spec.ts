// Hostile text never runs and never becomes markup: payloads in the titles, authors and abstracts of real
// listing pages, and typed by the user as tags, notes and code links, reach the library as plain text and are
// shown as text by the widgets, the popup and the library page.

import type { Locator, Page } from '@playwright/test';
import { cleanTagName, tagKey } from '../../../lib/tags';
import { hostileArxivPage, hostileHfPage } from '../../fixtures/security/hostile-pages';
import { generateList } from '../../fixtures/tools/arxiv-list-page.mjs';
import entries from '../../fixtures/arxiv/list-cs.LG-new.entries.json' with { type: 'json' };
import { OVERSIZED, XSS_PAYLOADS } from '../../fixtures/security/payloads';
import { ARXIV_NEW, expect, HF_DAILY, servePages, standardPages, storedPapers } from '../harness';
import { expectInert, openExtensionPage, test } from './support';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

async function markAllRead(page: Page, count: number): Promise<void> {
  await expect(page.locator('margins-widget')).toHaveCount(count);
  await page
    .locator('margins-toolbar')
    .getByRole('button', { name: 'Mark all on this page as read' })
    .click();
  await expect(page.locator('margins-widget[data-margins-status="read"]')).toHaveCount(count);
}

/** Every widget of the page, rendered (cards off screen render in idle time). */
async function widgets(page: Page): Promise<Locator[]> {
  const all = await page.locator('margins-widget').all();
  for (const w of all) await expect(w.getByRole('button', { name: 'Add tag' })).toBeAttached();
  return all;
}

test('payloads in Hugging Face titles, authors and abstracts are stored and shown as text only', async ({
  page,
  context,
  extensionId,
}) => {
  await servePages(context, { ...standardPages, [HF_DAILY]: { html: hostileHfPage() } });
  await page.goto(HF_DAILY);
  await markAllRead(page, 30);
  await expectInert(page, 'margins');

  const stored = await storedPapers(context, extensionId);
  expect(stored.filter((p) => p.inLibrary === 1)).toHaveLength(30);
  const texts = stored.map((p) => JSON.stringify([p.title, p.authors, p.abstract]));
  // Each payload arrives intact, as a string (whitespace folded as the adapter folds it).
  for (const { name, text } of XSS_PAYLOADS) {
    expect(
      texts.some((t) => t.includes(JSON.stringify(oneLine(text)).slice(1, -1))),
      name,
    ).toBe(true);
  }

  for (const file of ['popup.html', 'library.html'] as const) {
    const { page: view, refusals } = await openExtensionPage(context, extensionId, file);
    // The library page lists every paper; the popup its recent ones: both show the payload titles as text.
    await expect(view.getByText('<script>window.__pwned=1</script>').first()).toBeVisible();
    await view.waitForTimeout(500);
    await expectInert(view, 'body', refusals);
    await view.close();
  }
});

test('payloads in arXiv titles, authors, abstracts and comments are stored and shown as text only', async ({
  page,
  context,
  extensionId,
}) => {
  await servePages(context, { ...standardPages, [ARXIV_NEW]: { html: hostileArxivPage() } });
  await page.goto(ARXIV_NEW);
  await markAllRead(page, XSS_PAYLOADS.length);
  await expectInert(page, 'margins');
  // What the page shows as each title (arXiv's TeX filter rewrites a few payloads) is what is stored.
  const shown = await page
    .locator('.list-title')
    .evaluateAll((els) => els.map((e) => e.textContent!.replace('Title:', '').replace(/\s+/g, ' ').trim()));
  const stored = await storedPapers(context, extensionId);
  expect(stored.map((p) => p.title).sort()).toEqual(shown.sort());
  expect(shown.filter((t) => t.includes('<')).length).toBeGreaterThanOrEqual(35);
  const { page: library, refusals } = await openExtensionPage(context, extensionId, 'library.html');
  // Every payload names the sentinel: rows show it as text.
  await expect(library.getByText(/<.*__pwned/).first()).toBeVisible();
  await library.waitForTimeout(500);
  await expectInert(library, 'body', refusals);
});

test('payloads typed as tags, notes and code links stay text in the widget, popup and library', async ({
  page,
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  await page.goto(HF_DAILY);
  const cards = await widgets(page);
  for (const [i, { text }] of XSS_PAYLOADS.entries()) {
    const w = cards[i % cards.length]!;
    await w.getByRole('button', { name: 'Add tag' }).click();
    await w.getByRole('combobox', { name: 'New tag' }).fill(text);
    await w.getByRole('combobox', { name: 'New tag' }).press('Enter');
    await w.getByRole('combobox', { name: 'New tag' }).press('Escape');
    await expect(
      w
        .locator('.tag-name')
        .filter({ hasText: cleanTagName(text)! })
        .first(),
    ).toBeAttached();
  }
  for (const [i, w] of cards.entries()) {
    const note = `${XSS_PAYLOADS[i]!.text}\n${XSS_PAYLOADS[(i + 30) % XSS_PAYLOADS.length]!.text}`;
    await w.getByRole('button', { name: 'Note', exact: true }).click();
    await w.getByRole('textbox', { name: 'Note' }).fill(note);
    await w.getByRole('textbox', { name: 'Note' }).press('Escape');
    await expect(w.locator('.note-preview')).toHaveText(XSS_PAYLOADS[i]!.text);
  }
  // Code links: nothing but a GitHub repository is accepted; each payload is refused with a message.
  const first = cards[0]!;
  const id = await first.getAttribute('data-margins-id');
  const codeBefore = (await storedPapers(context, extensionId)).find((p) => p.id === id)?.code;
  await first.getByRole('button', { name: /code link/ }).click();
  const box = first.getByRole('textbox', { name: 'GitHub repository' });
  for (const { name, text } of XSS_PAYLOADS) {
    await box.fill(text);
    await box.press('Enter');
    await expect(first.getByRole('alert'), name).toHaveText(/Only links to a GitHub repository/);
  }
  await expectInert(page, 'margins');

  await expect
    .poll(async () => (await storedPapers(context, extensionId)).filter((p) => p.note !== '').length)
    .toBe(cards.length);
  const stored = await storedPapers(context, extensionId);
  // Tags are one per case-insensitive name (JaVaScRiPt: joins javascript:).
  const tags = new Set(stored.flatMap((p) => (p.tags as string[]).map(tagKey)));
  for (const { name, text } of XSS_PAYLOADS) expect(tags.has(tagKey(cleanTagName(text)!)), name).toBe(true);
  expect(stored.find((p) => p.id === id)?.code).toEqual(codeBefore);

  for (const file of ['popup.html', 'library.html'] as const) {
    const { page: view, refusals } = await openExtensionPage(context, extensionId, file);
    await expect(view.getByText(cleanTagName(XSS_PAYLOADS[1]!.text)!).first()).toBeAttached();
    await view.waitForTimeout(500);
    await expectInert(view, 'body', refusals);
    await view.close();
  }
  await page.reload();
  await widgets(page);
  await expectInert(page, 'margins');
});

test('one paper with over-long fields does not stop the rest of the page', async ({
  page,
  context,
  extensionId,
}) => {
  const listing = entries
    .slice(0, 20)
    .map((e, i) =>
      i === 3 ? { ...e, authors: [OVERSIZED.author, ...e.authors], abstract: OVERSIZED.abstract } : e,
    );
  await servePages(context, {
    ...standardPages,
    [ARXIV_NEW]: { html: generateList(listing as never, { date: '2026-07-31' }) },
  });
  await page.goto(ARXIV_NEW);
  await markAllRead(page, 20);
  await expectInert(page, 'margins');
  await expect.poll(async () => (await storedPapers(context, extensionId)).length).toBe(20);
});
