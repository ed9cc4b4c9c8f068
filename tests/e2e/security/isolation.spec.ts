// The page's own scripts (the site, its ads, anything injected into it) run in the main world; Margins runs in
// the content script's isolated world and the extension's origin. These tests act as a hostile page: they read
// storage, click and type with forged events, post request-shaped messages, replace built-ins before Margins
// starts and restyle the page. None of it reaches the library or breaks the widgets.

import type { Page } from '@playwright/test';
import { ARXIV_NEW, expect, HF_DAILY, storedPapers, widget } from '../harness';
import { test } from './support';

const ID = 'arxiv:2607.23193';

/** Everything a hostile main-world script can forge at a widget, the toolbar and the keyboard. */
async function forgeEverything(page: Page, id: string): Promise<void> {
  await page.evaluate((id) => {
    const host = document.querySelector(`[data-margins-id="${id}"]`)!;
    const root = host.shadowRoot!;
    const toolbar = document.querySelector('margins-toolbar')?.shadowRoot;
    const buttons = [...root.querySelectorAll('button'), ...(toolbar?.querySelectorAll('button') ?? [])];
    for (const b of buttons) {
      b.click();
      b.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      b.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    }
    // Focus a card with j, then r / e / s / t / n, at the window, the document and the card.
    for (const target of [window, document, document.body, host]) {
      for (const key of ['j', 'r', 'j', 'e', 's', 't', 'n', 'o']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      }
    }
    // Request-shaped messages at every listener a page can reach.
    for (const type of ['setStatus', 'setInLibrary', 'addTag', 'restore', 'deleteTag']) {
      const message = { type, ids: [id], status: 'read', inLibrary: true, tag: 'forged', records: [] };
      window.postMessage(message, '*');
      window.postMessage(JSON.stringify(message), '*');
      document.dispatchEvent(new CustomEvent('margins', { detail: message }));
    }
  }, id);
  await page.waitForTimeout(1_000);
}

test('the page cannot see the library: no Margins database in its origin', async ({ page }) => {
  await page.goto(HF_DAILY);
  await widget(page, ID).getByRole('button', { name: 'Mark as read', exact: true }).click();
  await expect(widget(page, ID)).toHaveAttribute('data-margins-status', 'read');
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain('margins');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  // And the page has no extension API to ask the background with.
  expect(
    await page.evaluate(
      () =>
        typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
    ),
  ).toBe('undefined');
});

test('forged clicks, keys and messages from the page change nothing', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  await expect(widget(page, ID).getByRole('button', { name: 'Add tag' })).toBeVisible();
  await expect.poll(async () => (await storedPapers(context, extensionId)).length).toBe(30);
  const before = await storedPapers(context, extensionId);
  await forgeEverything(page, ID);
  expect(await storedPapers(context, extensionId)).toEqual(before);
  await expect(page.locator('margins-widget[data-margins-status="unread"]')).toHaveCount(30);
  // No editor opened for the forged t / n, nothing focused by j.
  await expect(page.getByRole('combobox', { name: 'New tag' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Note' })).toHaveCount(0);
  await expect(page.locator('[data-margins-focused]')).toHaveCount(0);
  // The real user still can.
  await widget(page, ID).getByRole('button', { name: 'Mark as read', exact: true }).click();
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === ID)?.status)
    .toBe('read');
});

// Once the user opens an editor, the page can reach its input: only trusted events may save (fixed in 14cac83).
test('with the tag editor open, the page cannot add a tag by forging input and Enter', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(ARXIV_NEW);
  const w = widget(page, 'arxiv:2607.04690');
  await w.getByRole('button', { name: 'Add tag' }).click();
  await w.getByRole('combobox', { name: 'New tag' }).waitFor();
  await page.evaluate(() => {
    const input = document
      .querySelector('[data-margins-id="arxiv:2607.04690"]')!
      .shadowRoot!.querySelector('input')!;
    input.value = 'forged by page';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
  });
  await page.waitForTimeout(1_000);
  const stored = (await storedPapers(context, extensionId)).find((p) => p.id === 'arxiv:2607.04690');
  expect(stored?.tags ?? []).toEqual([]);
});

test('with the note editor open, the page cannot rewrite the note by forging input', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(ARXIV_NEW);
  const w = widget(page, 'arxiv:2607.04690');
  await w.getByRole('button', { name: 'Note', exact: true }).click();
  await w.getByRole('textbox', { name: 'Note' }).fill('mine');
  await expect
    .poll(
      async () => (await storedPapers(context, extensionId)).find((p) => p.id === 'arxiv:2607.04690')?.note,
    )
    .toBe('mine');
  await page.evaluate(() => {
    const area = document
      .querySelector('[data-margins-id="arxiv:2607.04690"]')!
      .shadowRoot!.querySelector('textarea')!;
    area.value = 'overwritten by the page';
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    area.dispatchEvent(new FocusEvent('blur'));
  });
  await page.waitForTimeout(1_000);
  const stored = (await storedPapers(context, extensionId)).find((p) => p.id === 'arxiv:2607.04690');
  expect(stored?.note).toBe('mine');
});

test('built-ins the page replaces before Margins starts do not break the widgets', async ({
  page,
  context,
  extensionId,
}) => {
  await page.addInitScript(() => {
    Array.prototype.map = function () {
      return [];
    };
    JSON.parse = () => ({ hijacked: true });
    JSON.stringify = () => '{"hijacked":true}';
    Element.prototype.attachShadow = function () {
      throw new Error('attachShadow hijacked by the page');
    };
    Object.defineProperty(window, 'IntersectionObserver', { value: undefined });
    window.requestIdleCallback = () => 0;
    EventTarget.prototype.addEventListener = function () {};
  });
  await page.goto(HF_DAILY);
  await expect(page.locator('margins-widget')).toHaveCount(30);
  const w = widget(page, ID);
  await w.getByRole('button', { name: 'Mark as read', exact: true }).click();
  await expect(w).toHaveAttribute('data-margins-status', 'read');
  await w.getByRole('button', { name: 'Add tag' }).click();
  await w.getByRole('combobox', { name: 'New tag' }).fill('survives');
  await w.getByRole('combobox', { name: 'New tag' }).press('Enter');
  await expect(w.getByRole('button', { name: 'Remove tag survives' })).toBeVisible();
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === ID))
    .toMatchObject({ status: 'read', tags: ['survives'] });
});

// The host's name is public: a page may register it first, with a closed shadow root (fixed in 14cac83).
test('a page that defines <margins-widget> itself does not break Margins', async ({ page }) => {
  await page.addInitScript(() => {
    customElements.define(
      'margins-widget',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'closed' });
        }
      },
    );
  });
  await page.goto(HF_DAILY);
  // Margins falls back to plain div hosts, which no page script can take over.
  await expect(page.locator('[data-margins-id]')).toHaveCount(30);
  await expect(widget(page, ID).getByRole('button', { name: 'Mark as read', exact: true })).toBeVisible();
});

test('page CSS cannot reach inside the widgets; it can only style or hide their host elements', async ({
  page,
}) => {
  await page.goto(HF_DAILY);
  // By class, not role: hidden cards leave the accessibility tree.
  const read = widget(page, ID).locator('button.status.read');
  await expect(read).toBeVisible();
  await page.addStyleTag({
    content:
      'button, span, div, p { display: none !important; visibility: hidden !important; color: red !important }',
  });
  // The card around the widget is hidden by that rule; the widget's own buttons are untouched.
  await expect(page.locator('article').first()).toBeHidden();
  expect(await read.evaluate((b) => getComputedStyle(b).display)).toBe('flex');
  expect(await read.evaluate((b) => getComputedStyle(b).visibility)).toBe('visible');
  expect(await read.evaluate((b) => getComputedStyle(b).color)).not.toBe('rgb(255, 0, 0)');
  // What the page can do (documented in docs/SECURITY.md): hide its own elements, Margins' hosts included.
  await page.addStyleTag({ content: '* { display: none !important }' });
  expect(await widget(page, ID).evaluate((h) => getComputedStyle(h).display)).toBe('none');
});
