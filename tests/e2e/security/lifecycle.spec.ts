// The service worker stopped mid-edit, three writers at once, and the extension reloaded under open pages:
// no edit is lost, the result is the serial one, and no page is left with dead or duplicate widgets.

import type { BrowserContext, Page } from '@playwright/test';
import { ARXIV_NEW, expect, HF_DAILY, storedPapers, widget } from '../harness';
import { ask } from '../pages-support';
import { test } from './support';

/** Stop the extension's service worker the way Chrome does when idle: CDP's ServiceWorker domain, seen from an
 *  extension page (a site page's session does not see extension workers). Resolves once it reports stopped. */
async function stopWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.runningStatus === 'stopped' && v.scriptURL.includes(extensionId)))
        resolve();
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await page.close();
}

const ids = (page: Page) =>
  page.locator('margins-widget').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-margins-id')!));

test('stopping the service worker in the middle of 30 edits loses none of them', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  const cards = await ids(page);
  expect(cards).toHaveLength(30);
  let stops = 0;
  for (const [i, id] of cards.entries()) {
    const w = widget(page, id);
    await w.locator('button.status.read').click();
    await w.locator('button.save').isVisible();
    // Stop while this edit is in flight (not awaited): the next ones wake a fresh worker.
    if (i % 10 === 5) void stopWorker(context, extensionId).then(() => stops++);
  }
  await expect.poll(() => stops).toBe(3);
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).filter((p) => p.status === 'read').length)
    .toBe(30);
  await expect(page.locator('margins-widget[data-margins-status="read"]')).toHaveCount(30);
  await expect(page.locator('margins-toolbar').getByRole('alert')).toHaveCount(0);

  // After a stop with nothing in flight, the widget still works.
  await stopWorker(context, extensionId);
  const first = widget(page, cards[0]!);
  await first.getByRole('button', { name: 'Add tag' }).click();
  await first.getByRole('combobox', { name: 'New tag' }).fill('after restart');
  await first.getByRole('combobox', { name: 'New tag' }).press('Enter');
  await expect
    .poll(async () => (await storedPapers(context, extensionId)).find((p) => p.id === cards[0])?.tags)
    .toEqual(['after restart']);
});

test('a write the disk refuses is rolled back and said until that paper is saved again or the user dismisses it', async ({
  page,
  context,
}) => {
  await page.goto(HF_DAILY);
  const [first, second] = await ids(page);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const refuseWrites = (refuse: boolean) =>
    worker.evaluate((refuse) => {
      const proto = IDBObjectStore.prototype as IDBObjectStore & { realPut?: IDBObjectStore['put'] };
      proto.realPut ??= proto.put;
      proto.put = refuse
        ? () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
        : proto.realPut;
    }, refuse);
  const alert = page.locator('margins-toolbar').getByRole('alert');

  await refuseWrites(true);
  await widget(page, first!).locator('button.status.read').click();
  await expect(alert).toContainText('Not saved: the disk is full');
  await expect(widget(page, first!)).toHaveAttribute('data-margins-status', 'unread');

  // Space again: an edit of another card is saved, and the message about the first one stays.
  await refuseWrites(false);
  await widget(page, second!).locator('button.status.read').click();
  await expect(widget(page, second!)).toHaveAttribute('data-margins-status', 'read');
  await page.locator('margins-toolbar').getByRole('button', { name: 'Hide Margins toolbar' }).click();
  await expect(alert).toContainText(/Not saved/);
  // Saving that paper again clears it.
  await widget(page, first!).locator('button.status.read').click();
  await expect(alert).toHaveCount(0);

  await refuseWrites(true);
  await widget(page, first!).getByRole('button', { name: 'Add tag' }).click();
  await widget(page, first!).getByRole('combobox', { name: 'New tag' }).fill('lost');
  await widget(page, first!).getByRole('combobox', { name: 'New tag' }).press('Enter');
  await expect(alert).toContainText(/Not saved/);
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

type Op = { id: string; kind: 'add' | 'remove'; tag: string };

/** Apply tag operations one after another: the serial result. */
function serialTags(ops: Op[]): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  for (const op of ops) {
    const set = tags.get(op.id) ?? new Set();
    if (op.kind === 'add') set.add(op.tag);
    else set.delete(op.tag);
    tags.set(op.id, set);
  }
  return tags;
}

test('1,000 interleaved edits from two tabs and the library page equal the serial result', async ({
  page,
  context,
  extensionId,
}) => {
  test.setTimeout(400_000);
  await page.goto(HF_DAILY);
  const hf = await ids(page);
  const arxiv = await context.newPage();
  await arxiv.goto(ARXIV_NEW);
  const arxivIds = (await ids(arxiv)).filter((id) => !hf.includes(id));
  const library = await context.newPage();
  await library.goto(`chrome-extension://${extensionId}/library.html`);
  const everyPaper = [...hf, ...arxivIds];
  await expect
    .poll(async () => {
      const stored = new Set((await storedPapers(context, extensionId)).map((p) => p.id));
      return everyPaper.filter((id) => !stored.has(id));
    })
    .toEqual([]);

  // B: the Hugging Face tab toggles "read" on its 30 cards, 11 rounds (330 clicks): all end read.
  const B_ROUNDS = 11;
  // C: the arXiv tab adds tags through the widget and removes every other one again (127 UI edits).
  const cOps: Op[] = [];
  for (let j = 0; j < 85; j++) {
    cOps.push({ id: arxivIds[j % 10]!, kind: 'add', tag: `c${j}` });
    if (j % 2 === 1) cOps.push({ id: arxivIds[(j - 1) % 10]!, kind: 'remove', tag: `c${j - 1}` });
  }
  // A: the library page sends the rest through the message API, on papers of both tabs.
  const shared = [...hf, ...arxivIds.slice(0, 30)];
  const aOps: Op[] = [];
  for (let k = 0; aOps.length < 1_000 - B_ROUNDS * hf.length - cOps.length; k++) {
    const id = shared[k % shared.length]!;
    const round = Math.floor(k / shared.length);
    aOps.push(
      round % 3 === 2 ? { id, kind: 'remove', tag: `a${round - 1}` } : { id, kind: 'add', tag: `a${round}` },
    );
  }
  expect(B_ROUNDS * hf.length + cOps.length + aOps.length).toBe(1_000);

  const runA = async () => {
    for (const op of aOps) {
      await ask(library, { type: op.kind === 'add' ? 'addTag' : 'removeTag', ids: [op.id], tag: op.tag });
    }
  };
  const runB = async () => {
    for (let round = 0; round < B_ROUNDS; round++) {
      for (const id of hf) {
        const w = widget(page, id);
        const want = round % 2 === 0 ? 'read' : 'unread';
        // Keyboard, not a click: a forced click (a background tab paints no frames, so the "stable" check
        // would wait forever) lands where the button was, and the library page's tag edits keep moving the
        // cards (seen: a click at the old place hit the page's own card markup 90 px off).
        await w.locator('button.status.read').press('Enter');
        await expect(w).toHaveAttribute('data-margins-status', want);
      }
    }
  };
  const runC = async () => {
    for (const op of cOps) {
      const w = widget(arxiv, op.id);
      if (op.kind === 'add') {
        await w.getByRole('button', { name: 'Add tag' }).press('Enter');
        await w.getByRole('combobox', { name: 'New tag' }).fill(op.tag);
        await w.getByRole('combobox', { name: 'New tag' }).press('Enter');
        await w.getByRole('combobox', { name: 'New tag' }).press('Escape');
        await expect(w.getByRole('button', { name: `Remove tag ${op.tag}`, exact: true })).toBeVisible();
      } else {
        await w.getByRole('button', { name: `Remove tag ${op.tag}`, exact: true }).press('Enter');
        await expect(w.getByRole('button', { name: `Remove tag ${op.tag}`, exact: true })).toHaveCount(0);
      }
    }
  };
  await Promise.all([runA(), runB(), runC()]);

  const expected = serialTags([...aOps, ...cOps]);
  await expect
    .poll(async () => {
      const stored = await storedPapers(context, extensionId);
      return stored
        .filter((p) => expected.has(p.id as string) || hf.includes(p.id as string))
        .map((p) => ({ id: p.id, status: p.status, tags: [...(p.tags as string[])].sort() }))
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    })
    .toEqual(
      [...new Set([...expected.keys(), ...hf])]
        .map((id) => ({
          id,
          status: hf.includes(id) ? 'read' : 'unread',
          tags: [...(expected.get(id) ?? [])].sort(),
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
});

async function reloadExtension(context: BrowserContext, extensionId: string): Promise<void> {
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/popup.html`);
  // From a timer, so the evaluate returns before the page goes away with the old extension.
  await extensionPage.evaluate(() =>
    setTimeout(
      () => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload(),
      50,
    ),
  );
  await expect.poll(() => extensionPage.isClosed()).toBe(true);
}

// FIXME(harness): in Playwright's headless persistent context the extension does not come back after
// chrome.runtime.reload() (0 widgets after the page reloads, no new worker); not yet told apart from a product
// fault. Try `chrome://extensions` reload (developer mode) or a rebuild + browser restart on the same profile.
test.fixme('after an extension reload, the reloaded page has exactly one widget per card and keeps its data', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('margins-widget')).toHaveCount(30);
  await widget(page, 'arxiv:2607.23193').locator('button.status.read').click();
  await expect
    .poll(
      async () => (await storedPapers(context, extensionId)).find((p) => p.id === 'arxiv:2607.23193')?.status,
    )
    .toBe('read');
  await reloadExtension(context, extensionId);
  await page.reload();
  await expect(page.locator('margins-widget')).toHaveCount(30);
  await expect(page.locator('margins-toolbar')).toHaveCount(1);
  const perCard = await page
    .locator('article')
    .evaluateAll((cards) => cards.map((c) => c.querySelectorAll('margins-widget').length));
  expect(perCard.filter((n) => n !== 1)).toEqual([]);
  await expect(widget(page, 'arxiv:2607.23193')).toHaveAttribute('data-margins-status', 'read');
});

test('reloading the extension retires the widgets of pages left open', async ({
  page,
  context,
  extensionId,
}) => {
  await page.goto(HF_DAILY);
  await expect(page.locator('margins-widget')).toHaveCount(30);
  await reloadExtension(context, extensionId);
  await expect(page.locator('margins-widget')).toHaveCount(0);
  await expect(page.locator('margins-toolbar')).toHaveCount(0);
  await expect(
    page.locator('[data-margins-look], [data-margins-hidden], [data-margins-focused]'),
  ).toHaveCount(0);
});
