import type { Route } from '@playwright/test';
import { ARXIV_NEW, expect, HF_DAILY, servePages, standardPages, test, widget } from './harness';

/** A fake Hugging Face papers API: answers per id, counts requests and the most in flight at once. */
function fakeApi(answers: Record<string, { status: number; body?: unknown; delayMs?: number }>) {
  const stats = { requests: [] as string[], inFlight: 0, maxInFlight: 0 };
  const handle = async (route: Route, url: URL) => {
    const match = url.pathname.match(/^\/api\/papers\/(.+)$/);
    if (!match) return false;
    const id = match[1]!;
    stats.requests.push(id);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const answer = answers[id] ?? { status: 404, body: { error: 'Not found' } };
    await new Promise((r) => setTimeout(r, answer.delayMs ?? 20));
    stats.inFlight--;
    await route.fulfill({
      status: answer.status,
      contentType: 'application/json',
      body: JSON.stringify(answer.body ?? {}),
    });
    return true;
  };
  return { stats, handle };
}

test('badges from the page: Hugging Face JSON and GitHub links in arXiv comments', async ({ page }) => {
  await page.goto(HF_DAILY);
  const hf = widget(page, 'arxiv:2607.23193').getByRole('link', { name: /^GitHub MAC-AutoML\/OmniScope/ });
  await expect(hf).toHaveAttribute('href', 'https://github.com/MAC-AutoML/OmniScope');
  await expect(hf).toHaveAttribute('target', '_blank');
  await expect(hf).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(hf).toContainText('OmniScope');
  await expect(hf).toContainText('5');

  await page.goto(ARXIV_NEW);
  const ax = widget(page, 'arxiv:2607.04690').getByRole('link', { name: /^GitHub / });
  await expect(ax).toHaveAttribute('href', 'https://github.com/Shakhoyat/PAST-TIDE');
  await expect(ax).toHaveAttribute('title', /from the paper text/);
});

test('the API fills badges for visible papers without one: hit, 404, 500, slow', async ({
  context,
  page,
}) => {
  await context.unrouteAll();
  const api = fakeApi({
    '2607.04751': {
      status: 200,
      body: { id: '2607.04751', githubRepo: 'https://github.com/example/found-it', githubStars: 1234 },
    },
    '2607.07673': { status: 500 },
    '2607.07816': {
      status: 200,
      delayMs: 1500,
      body: { id: '2607.07816', githubRepo: 'https://github.com/example/slow', githubStars: 7 },
    },
    '2607.07953': { status: 200, body: { id: '2607.07953', githubRepo: 'javascript:alert(1)' } },
  });
  await servePages(context, standardPages, api.handle);
  await page.goto(ARXIV_NEW);
  // Only cards that come into view are looked up.
  expect(api.stats.requests).not.toContain('2607.07953');
  for (const id of ['2607.04751', '2607.07673', '2607.07816', '2607.07953']) {
    await widget(page, `arxiv:${id}`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
  }
  const hit = widget(page, 'arxiv:2607.04751').getByRole('link', { name: /^GitHub example\/found-it/ });
  await expect(hit).toContainText('1.2k');
  await expect(hit).toHaveAttribute('title', /from Hugging Face/);
  await expect(
    widget(page, 'arxiv:2607.07816').getByRole('link', { name: /^GitHub example\/slow/ }),
  ).toBeVisible();
  await expect(widget(page, 'arxiv:2607.07953').getByRole('link', { name: /^GitHub/ })).toHaveCount(0);
  // Papers whose listing already links code are not asked for.
  expect(api.stats.requests).not.toContain('2607.04690');
  expect(api.stats.maxInFlight).toBeLessThanOrEqual(4);
  // Reloading asks nothing again for the papers answered (hits and 404s are cached).
  const asked = new Set(api.stats.requests);
  const before = api.stats.requests.length;
  await page.reload();
  for (const id of ['2607.04751', '2607.07816', '2607.07953']) {
    await widget(page, `arxiv:${id}`).scrollIntoViewIfNeeded();
  }
  await expect(
    widget(page, 'arxiv:2607.04751').getByRole('link', { name: /^GitHub example\/found-it/ }),
  ).toBeVisible();
  await page.waitForTimeout(1000);
  const again = api.stats.requests.slice(before).filter((id) => asked.has(id) && id !== '2607.07673');
  expect(again).toEqual([]);
});

test('offline API: no badge and no page errors', async ({ context, page }) => {
  await context.unrouteAll();
  await servePages(context, standardPages, async (route, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    await route.abort('internetdisconnected');
    return true;
  });
  await page.goto(ARXIV_NEW);
  await expect(widget(page, 'arxiv:2607.04751')).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(widget(page, 'arxiv:2607.04751').getByRole('link', { name: /^GitHub/ })).toHaveCount(0);
});

test('a code link set by hand survives reload and outranks the page; clearing it sticks', async ({
  page,
}) => {
  await page.goto(HF_DAILY);
  const w = widget(page, 'arxiv:2607.23193');
  await w.getByRole('button', { name: 'Edit code link' }).click();
  await w.getByRole('textbox', { name: 'GitHub repository' }).fill('github.com/evil.com');
  await w.getByRole('button', { name: 'Save link' }).click();
  await expect(w.getByRole('alert')).toContainText('Only links to a GitHub repository');
  await w
    .getByRole('textbox', { name: 'GitHub repository' })
    .fill('https://github.com/me/omniscope-fork.git');
  await w.getByRole('button', { name: 'Save link' }).click();
  await expect(w.getByRole('link', { name: /^GitHub me\/omniscope-fork/ })).toHaveAttribute(
    'title',
    /set by you/,
  );
  await page.reload();
  const again = widget(page, 'arxiv:2607.23193');
  await expect(again.getByRole('link', { name: /^GitHub me\/omniscope-fork/ })).toBeVisible();
  await again.getByRole('button', { name: 'Edit code link' }).click();
  await again.getByRole('button', { name: 'Clear link' }).click();
  await expect(again.getByRole('link', { name: /^GitHub/ })).toHaveCount(0);
  await page.reload();
  await expect(widget(page, 'arxiv:2607.23193').getByRole('button', { name: 'Add code link' })).toBeVisible();
  await expect(widget(page, 'arxiv:2607.23193').getByRole('link', { name: /^GitHub/ })).toHaveCount(0);
});
