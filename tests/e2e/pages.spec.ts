// Finding papers on the real pages at their real URLs, and following the page as it changes.
import { readFileSync } from 'node:fs';
import type { Browser } from 'webextension-polyfill';
import path from 'node:path';
import { generate } from '../fixtures/tools/hf-daily-page.mjs';
import {
  ARXIV_NEW,
  ARXIV_SEARCH,
  expect,
  FIXTURES,
  HF_DAILY,
  servePages,
  standardPages,
  test,
  widget,
} from './harness';

const june = JSON.parse(
  readFileSync(path.join(FIXTURES, 'huggingface/api-daily-papers-2026-06-12.json'), 'utf8'),
);
const juneIds = june.map((e: { paper: { id: string } }) => `arxiv:${e.paper.id}`);

/** Every widget host on the page, and whether any card carries two. */
async function hosts(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('[data-margins-id]')];
    const ids = all.map((h) => h.getAttribute('data-margins-id')!);
    return { count: all.length, unique: new Set(ids).size, ids };
  });
}

test('Hugging Face daily page: each of the 30 cards annotated once, inside its card', async ({ page }) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  const { unique } = await hosts(page);
  expect(unique).toBe(30);
  const inCard = await page.locator('article [data-margins-id]').count();
  expect(inCard).toBe(30);
  await expect(
    widget(page, 'arxiv:2607.28618').getByRole('button', { name: 'Mark as read', exact: true }),
  ).toBeVisible();
});

test('Hugging Face 2024 page at ?date=: 13 cards', async ({ page }) => {
  await page.goto('https://huggingface.co/papers?date=2024-08-01');
  await expect(page.locator('[data-margins-id]')).toHaveCount(13);
  await expect(widget(page, 'arxiv:2407.21783')).toBeVisible();
});

test('arXiv /new listing: 150 entries across three sections, and arXiv search: 200 results', async ({
  page,
}) => {
  await page.goto(ARXIV_NEW);
  await expect(page.locator('dl dt [data-margins-id]')).toHaveCount(150);
  await page.goto(ARXIV_SEARCH);
  await expect(page.locator('li.arxiv-result [data-margins-id]')).toHaveCount(200);
});

test('arXiv /catchup: the listing script serves it like /list', async ({ context, page }) => {
  const catchup = 'https://arxiv.org/catchup/cs.LG/2026-07-31?abs=True';
  await servePages(context, { [catchup]: 'arxiv/list-cs.LG-new.html' });
  await page.goto(catchup);
  await expect(page.locator('dl dt [data-margins-id]')).toHaveCount(150);
  await expect(page.locator('margins-toolbar')).toHaveCount(1);
});

test('paper pages: one widget near the title', async ({ context, page }) => {
  await servePages(context, {
    'https://huggingface.co/papers/2607.28618': 'huggingface/paper-2607.28618.html',
    'https://arxiv.org/abs/2607.23193': 'arxiv/abs-2607.23193.html',
  });
  await page.goto('https://huggingface.co/papers/2607.28618');
  await expect(page.locator('[data-margins-id]')).toHaveCount(1);
  await expect(widget(page, 'arxiv:2607.28618')).toBeVisible();
  await expect(page.locator('margins-toolbar')).toHaveCount(0);
  await page.goto('https://arxiv.org/abs/2607.23193');
  await expect(page.locator('[data-margins-id]')).toHaveCount(1);
  await expect(widget(page, 'arxiv:2607.23193')).toBeVisible();
});

test('client-side navigation to another day is followed: new cards annotated, none twice, none stale', async ({
  page,
}) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  await widget(page, 'arxiv:2607.28618').getByRole('button', { name: 'Mark as read', exact: true }).click();
  const other = generate(june, { date: '2026-06-12' });
  // What the site's router does: push the new URL and swap the grid's cards (its JSON island stays stale).
  await page.evaluate((html) => {
    const next = new DOMParser().parseFromString(html, 'text/html');
    const grid = document.querySelector('article')!.parentElement!;
    history.pushState({}, '', '/papers/date/2026-06-12');
    grid.replaceChildren(...[...next.querySelectorAll('article')].map((a) => document.importNode(a, true)));
  }, other);
  await expect.poll(async () => (await hosts(page)).ids.sort()).toEqual([...juneIds].sort());
  const after = await hosts(page);
  expect(after.unique).toBe(after.count);

  // Back: the original cards again, with the state the user set.
  await page.evaluate(
    (html) => {
      const prev = new DOMParser().parseFromString(html, 'text/html');
      const grid = document.querySelector('article')!.parentElement!;
      history.back();
      grid.replaceChildren(...[...prev.querySelectorAll('article')].map((a) => document.importNode(a, true)));
    },
    readFileSync(path.join(FIXTURES, 'huggingface/daily-2026-07-31.html'), 'utf8'),
  );
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  await expect(widget(page, 'arxiv:2607.28618')).toHaveAttribute('data-margins-status', 'read');
});

test('the grid re-rendered (cards re-inserted, reordered, one replaced in place): no duplicates', async ({
  page,
}) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  await page.evaluate(() => {
    const grid = document.querySelector('article')!.parentElement!;
    const cards = [...grid.querySelectorAll(':scope > article')];
    // Hydration re-renders: the same cards come back as fresh nodes, in reverse order.
    const fresh = cards.map((c) => {
      const clone = c.cloneNode(true) as Element;
      clone.querySelectorAll('margins-widget').forEach((w) => w.remove());
      return clone;
    });
    grid.replaceChildren(...fresh.reverse());
  });
  await expect.poll(async () => (await hosts(page)).count).toBe(30);
  expect((await hosts(page)).unique).toBe(30);
  // One card now shows another paper (the same element, its links rewritten).
  await page.evaluate(() => {
    const card = document.querySelector('article')!;
    const old = card.querySelector('h3 a')!.getAttribute('href')!;
    for (const a of card.querySelectorAll(`a[href^="${old}"]`)) {
      a.setAttribute('href', a.getAttribute('href')!.replace(old, '/papers/1706.03762'));
    }
    card.querySelector('h3 a')!.textContent = 'Attention Is All You Need';
    card.append(document.createElement('span'));
  });
  await expect(page.locator('[data-margins-id="arxiv:1706.03762"]')).toHaveCount(1);
  const final = await hosts(page);
  expect(final.count).toBe(30);
  expect(final.unique).toBe(30);
});

test('a page without papers: no widget, no toolbar, no errors, an empty badge', async ({
  context,
  page,
  extensionId,
}) => {
  await context.unrouteAll();
  await servePages(context, {
    ...standardPages,
    'https://arxiv.org/list/cs.XX/new': {
      html: '<!doctype html><html><body><div id="dlpage"><h1>No new listings</h1></div></body></html>',
    },
  });
  await page.goto('https://arxiv.org/list/cs.XX/new');
  await page.waitForTimeout(500);
  await expect(page.locator('[data-margins-id]')).toHaveCount(0);
  await expect(page.locator('margins-toolbar')).toHaveCount(0);
  const listing = await context.newPage();
  await listing.goto(HF_DAILY);
  await expect(listing.locator('[data-margins-id]')).toHaveCount(30);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  const badges = await ext.evaluate(async () => {
    // Extension pages have the (promise-based, MV3) chrome API; its shape matches the polyfill's types.
    const chrome = (globalThis as unknown as { chrome: Browser }).chrome;
    const tabs = await chrome.tabs.query({});
    return Promise.all(tabs.map((t) => chrome.action.getBadgeText({ tabId: t.id! })));
  });
  expect(badges.filter((b) => b === '30')).toHaveLength(1);
  expect(badges.filter((b) => b !== '' && b !== '30')).toEqual([]);
});
