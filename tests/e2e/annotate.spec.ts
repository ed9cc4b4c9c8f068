import type { BrowserContext } from '@playwright/test';
import { arxivListing } from '../../scripts/bench/pages';
import { ARXIV_NEW, expect, HF_DAILY, servePages, storedPapers, test, widget } from './harness';

// On both fixtures: the Hugging Face daily page of 2026-07-31 and the arXiv cs.LG /new listing.
const SHARED = 'arxiv:2607.23193';

test('marking read is shown within a frame, stored, and survives reload', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  const w = widget(page, SHARED);
  const button = w.getByRole('button', { name: 'Mark as read', exact: true });
  await button.click();
  // Optimistic: the host flips before the background answers.
  await expect(w).toHaveAttribute('data-margins-status', 'read', { timeout: 100 });
  await expect(w.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === SHARED)?.status)
    .toBe('read');
  await page.reload();
  await expect(widget(page, SHARED)).toHaveAttribute('data-margins-status', 'read');
  await widget(page, SHARED).getByRole('button', { name: 'Mark as unread' }).click();
  await expect(widget(page, SHARED)).toHaveAttribute('data-margins-status', 'unread');
});

test('a paper marked read on Hugging Face shows read on arXiv', async ({ page }) => {
  await page.goto(HF_DAILY);
  await widget(page, SHARED).getByRole('button', { name: 'Mark as reading', exact: true }).click();
  await expect(widget(page, SHARED)).toHaveAttribute('data-margins-status', 'reading');
  await page.goto(ARXIV_NEW);
  await expect(widget(page, SHARED)).toHaveAttribute('data-margins-status', 'reading');
  await expect(
    widget(page, SHARED).getByRole('button', { name: 'Mark as reading', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('save, tags with autocomplete, and notes persist across reload', async ({ page }) => {
  await page.goto(ARXIV_NEW);
  const first = widget(page, 'arxiv:2607.04690');
  await first.getByRole('button', { name: 'Save to library' }).click();
  await expect(first.getByRole('button', { name: 'Remove from library' })).toBeVisible();

  await first.getByRole('button', { name: 'Add tag' }).click();
  await first.getByRole('combobox', { name: 'New tag' }).fill('Diffusion Models');
  await first.getByRole('combobox', { name: 'New tag' }).press('Enter');
  await expect(first.getByRole('button', { name: 'Remove tag Diffusion Models' })).toBeVisible();

  // Autocomplete on another card offers the existing tag.
  const second = widget(page, 'arxiv:2607.04751');
  await second.getByRole('button', { name: 'Add tag' }).click();
  await second.getByRole('combobox', { name: 'New tag' }).fill('diff');
  await expect(second.getByRole('option', { name: 'Diffusion Models' })).toBeVisible();
  await second.getByRole('combobox', { name: 'New tag' }).press('ArrowDown');
  await second.getByRole('combobox', { name: 'New tag' }).press('Enter');
  await expect(second.getByRole('button', { name: 'Remove tag Diffusion Models' })).toBeVisible();

  await first.getByRole('button', { name: 'Note' }).click();
  await first.getByRole('textbox', { name: 'Note' }).fill('Compare with DDPM baseline.\nSecond line');
  await first.getByRole('textbox', { name: 'Note' }).press('Escape');
  await expect(first.getByText('Compare with DDPM baseline.')).toBeVisible();

  await page.reload();
  const again = widget(page, 'arxiv:2607.04690');
  await expect(again.getByRole('button', { name: 'Remove tag Diffusion Models' })).toBeVisible();
  await expect(again.getByText('Compare with DDPM baseline.')).toBeVisible();
  await again.getByRole('button', { name: 'Remove tag Diffusion Models' }).click();
  await expect(again.getByRole('button', { name: 'Remove tag Diffusion Models' })).toHaveCount(0);
  await page.reload();
  await expect(widget(page, 'arxiv:2607.04690').getByRole('button', { name: 'Add tag' })).toBeVisible();
  await expect(widget(page, 'arxiv:2607.04690').getByRole('button', { name: /^Remove tag/ })).toHaveCount(0);
});

test('removing from the library offers undo', async ({ page }) => {
  await page.goto(ARXIV_NEW);
  const w = widget(page, 'arxiv:2607.04690');
  await w.getByRole('button', { name: 'Mark as read', exact: true }).click();
  await w.getByRole('button', { name: 'Remove from library' }).click();
  await expect(w).toHaveAttribute('data-margins-status', 'unread');
  await page.locator('margins-toolbar').getByRole('button', { name: 'Undo' }).click();
  await expect(w).toHaveAttribute('data-margins-status', 'read');
  await expect(w.getByRole('button', { name: 'Remove from library' })).toBeVisible();
});

test('hide read papers, filter by tag, and mark all read with undo', async ({ page }) => {
  await page.goto(ARXIV_NEW);
  const toolbar = page.locator('margins-toolbar');
  await expect(toolbar).toContainText('150 papers');
  await widget(page, 'arxiv:2607.04690').getByRole('button', { name: 'Mark as read', exact: true }).click();
  await toolbar.getByRole('checkbox', { name: 'Hide read papers' }).check();
  await expect(page.locator('dt:has([data-margins-id="arxiv:2607.04690"])')).toBeHidden();
  await expect(widget(page, 'arxiv:2607.04751')).toBeVisible();
  await toolbar.getByRole('checkbox', { name: 'Hide read papers' }).uncheck();
  await expect(widget(page, 'arxiv:2607.04690')).toBeVisible();

  const tagged = widget(page, 'arxiv:2607.04751');
  await tagged.getByRole('button', { name: 'Add tag' }).click();
  await tagged.getByRole('combobox', { name: 'New tag' }).fill('to-present');
  await tagged.getByRole('combobox', { name: 'New tag' }).press('Enter');
  await toolbar.getByRole('combobox', { name: 'Filter by tag' }).selectOption('to-present');
  await expect(toolbar).toContainText('1 shown');
  await expect(widget(page, 'arxiv:2607.04690')).toBeHidden();
  await toolbar.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');

  await toolbar.getByRole('button', { name: 'Mark all on this page as read' }).click();
  await expect(page.locator('[data-margins-status="read"]')).toHaveCount(150);
  await toolbar.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('[data-margins-status="read"]')).toHaveCount(1);
});

test('keyboard triage: j/k move, r e s mark, t tags, n notes, ? helps; typing is left alone', async ({
  page,
}) => {
  await page.goto(ARXIV_NEW);
  await expect(page.locator('[data-margins-id]')).toHaveCount(150);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const first = 'arxiv:2607.04690';
  await expect(page.locator('[data-margins-focused]')).toHaveCount(1);
  await expect(page.locator('dt[data-margins-focused]')).toContainText('2607.04690');
  await page.keyboard.press('r');
  await expect(widget(page, first)).toHaveAttribute('data-margins-status', 'read');
  await page.keyboard.press('e');
  await expect(widget(page, first)).toHaveAttribute('data-margins-status', 'reading');
  await page.keyboard.press('j');
  await page.keyboard.press('s');
  await expect(
    widget(page, 'arxiv:2607.04751').getByRole('button', { name: 'Remove from library' }),
  ).toBeVisible();
  await page.keyboard.press('t');
  await page.keyboard.type('keyboard');
  await page.keyboard.press('Enter');
  await expect(
    widget(page, 'arxiv:2607.04751').getByRole('button', { name: 'Remove tag keyboard' }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  // Typing in the site's own search box never triggers triage keys.
  await page.evaluate(() => (document.getElementById('arxiv-search-overlay')!.hidden = false));
  await page.locator('#arxiv-search-input').fill('jjjrrr');
  await expect(widget(page, 'arxiv:2607.06374')).toHaveAttribute('data-margins-status', 'unread');
  await page.locator('#arxiv-search-input').blur();
  await page.keyboard.press('n');
  await page.keyboard.type('noted by keyboard');
  await page.keyboard.press('Escape');
  await expect(widget(page, 'arxiv:2607.04751').getByText('noted by keyboard')).toBeVisible();
  await page.keyboard.press('?');
  await expect(
    page.locator('margins-toolbar').getByRole('dialog', { name: 'Margins keyboard shortcuts' }),
  ).toBeVisible();
});

test('two tabs see each other’s changes without reload', async ({ context, page }) => {
  await page.goto(HF_DAILY);
  const other = await context.newPage();
  await other.goto(ARXIV_NEW);
  await expect(widget(other, SHARED)).toHaveAttribute('data-margins-status', 'unread');
  // Both pages stamp the wall clock: the click in one, the attribute change in the other.
  await other.evaluate((id) => {
    const host = document.querySelector(`[data-margins-id="${id}"]`)!;
    new MutationObserver(() => {
      if (host.getAttribute('data-margins-status') === 'read')
        (window as unknown as { seenAt: number }).seenAt = Date.now();
    }).observe(host, { attributes: true });
  }, SHARED);
  await page.evaluate(() =>
    document.addEventListener(
      'click',
      () => ((window as unknown as { clickAt: number }).clickAt = Date.now()),
      true,
    ),
  );
  await widget(page, SHARED).getByRole('button', { name: 'Mark as read', exact: true }).click();
  await expect(widget(other, SHARED)).toHaveAttribute('data-margins-status', 'read');
  const clickAt = await page.evaluate(() => (window as unknown as { clickAt: number }).clickAt);
  const seenAt = await other.evaluate(() => (window as unknown as { seenAt: number }).seenAt);
  expect(seenAt - clickAt).toBeLessThan(250);
});

test('widgets follow the Hugging Face dark theme', async ({ page }) => {
  await page.goto(HF_DAILY);
  const w = widget(page, SHARED);
  await expect(w).not.toHaveAttribute('data-theme', 'dark');
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  await expect(w).toHaveAttribute('data-theme', 'dark');
});

/**
 * Serve `html` at `url` with arXiv's closing script (at the end of the body) answered after `delayMs`: the parser
 * waits for it with every entry parsed, and DOMContentLoaded waits for the parser.
 */
async function serveWithLateClosingScript(
  context: BrowserContext,
  url: string,
  html: string,
  delayMs: number,
) {
  await servePages(context, { [url]: { html } }, async (route, at) => {
    if (!at.pathname.endsWith('/arxiv-header.js')) return false;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    // The page may be gone by then.
    await route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }).catch(() => {});
    return true;
  });
}

test('a long listing is annotated while it loads: by DOMContentLoaded each card has its one widget, the toolbar counts, code badges of cards in view are shown', async ({
  context,
  page,
}) => {
  const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000';
  // The closing script arrives late, as from a slow network.
  await serveWithLateClosingScript(context, url, arxivListing(2000), 800);
  await page.addInitScript(() => {
    // A window capture listener runs before the content script's own (on the document).
    addEventListener(
      'DOMContentLoaded',
      () => {
        const hosts = document.querySelectorAll<HTMLElement>('dt > margins-widget');
        (globalThis as unknown as { atDcl: unknown }).atDcl = {
          hosts: hosts.length,
          topDrawn: !!hosts[0]?.shadowRoot && hosts[0].style.display !== 'none',
          // The first entry's comments link its GitHub repository: recorded and shown as the page loads.
          topCode: hosts[0]?.shadowRoot?.querySelector('a.code')?.getAttribute('href'),
          toolbar: /\d+ papers/.test(
            document.querySelector('[data-margins-toolbar]')?.shadowRoot?.textContent ?? '',
          ),
        };
      },
      { capture: true, once: true },
    );
  });
  await page.goto(url);
  expect(await page.evaluate(() => (globalThis as unknown as { atDcl: unknown }).atDcl)).toEqual({
    hosts: 2000,
    topDrawn: true,
    topCode: 'https://github.com/Shakhoyat/PAST-TIDE',
    toolbar: true,
  });
  // Then as on any page: counted, and each card has exactly one widget, its own paper's.
  await expect(page.locator('[data-margins-toolbar]')).toContainText('2000 papers');
  const widgetsPerCard = await page.locator('dl > dt').evaluateAll((dts) =>
    dts.map((dt) => {
      const link = dt.querySelector('a[title="Abstract"]')?.getAttribute('href') ?? '';
      const ids = [...dt.querySelectorAll('margins-widget')].map((w) => w.getAttribute('data-margins-id'));
      return ids.join(' ') === `arxiv:${link.replace(/^.*\/abs\//, '')}`;
    }),
  );
  expect(widgetsPerCard).toHaveLength(2000);
  expect(widgetsPerCard.every(Boolean)).toBe(true);
  await widget(page, (await page.locator('margins-widget').first().getAttribute('data-margins-id')) ?? '')
    .getByRole('button', { name: 'Mark as read', exact: true })
    .click();
  await expect(page.locator('margins-widget').first()).toHaveAttribute('data-margins-status', 'read');
});

test('a short listing read while it loads still records every paper on it, as any short page', async ({
  context,
  page,
  extensionId,
}) => {
  const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=200';
  await serveWithLateClosingScript(context, url, arxivListing(200), 800);
  await page.goto(url);
  await expect(page.locator('[data-margins-toolbar]')).toContainText('200 papers');
  // Read before its size was known, its far cards were only looked up then; a page this short is recorded whole.
  await expect.poll(async () => (await storedPapers(context, extensionId)).length).toBe(200);
});

test('a listing whose load is stopped before DOMContentLoaded still gets its toolbar and every widget', async ({
  context,
  page,
}) => {
  const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=500';
  // The closing script does not come; the user presses Esc (window.stop()) with every entry parsed.
  await serveWithLateClosingScript(context, url, arxivListing(500), 10_000);
  await page.goto(url, { waitUntil: 'commit' });
  await expect(page.locator('dt > margins-widget')).toHaveCount(500);
  await page.evaluate(() => window.stop());
  await expect(page.locator('[data-margins-toolbar]')).toContainText('500 papers');
  await expect(page.locator('dt > margins-widget')).toHaveCount(500);
});

test('a 2,000-entry listing: every card is counted and filtered; widgets are drawn and papers recorded as cards come near', async ({
  context,
  page,
  extensionId,
}) => {
  const url = 'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000';
  await servePages(context, { [url]: { html: arxivListing(2000) } });
  await page.goto(url);
  const hosts = page.locator('[data-margins-id]');
  await expect(hosts).toHaveCount(2000);
  await expect(page.locator('[data-margins-toolbar]')).toContainText('2000 papers');
  const ids = await hosts.evaluateAll((els) => els.map((e) => e.getAttribute('data-margins-id')!));
  const cardOf = (id: string) => page.locator(`dt:has([data-margins-id="${id}"])`);

  // The first card is near: drawn, and recorded with what the page says about it.
  await expect(
    widget(page, ids[0]!).getByRole('button', { name: 'Mark as read', exact: true }),
  ).toBeVisible();
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === ids[0])?.title)
    .toBeTruthy();
  // The last card is far below: its host is there (hidden, nothing drawn), the paper not recorded yet.
  const last = hosts.last();
  const lastId = ids[1999]!;
  await expect(last).toBeHidden();
  expect((await storedPapers(context, extensionId)).some((p) => p.id === lastId)).toBe(false);

  // Scrolled to, it is drawn and works; what the user did is stored with the paper's metadata.
  await cardOf(lastId).scrollIntoViewIfNeeded();
  await last.getByRole('button', { name: 'Mark as read', exact: true }).click();
  await expect(last).toHaveAttribute('data-margins-status', 'read');
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === lastId))
    .toMatchObject({ status: 'read', title: expect.any(String) });

  // On the next visit (at the top: a reload would restore the scroll position) the far card shows its stored
  // state without being drawn, and filters cover it.
  await page.goto(url);
  await expect(last).toHaveAttribute('data-margins-status', 'read');
  await expect(last.getByRole('button')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Hide read papers' }).check();
  await expect(cardOf(lastId)).toBeHidden();
  await expect(page.locator('[data-margins-toolbar]')).toContainText('1999 shown');
});
