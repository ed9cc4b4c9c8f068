// Screenshots of Margins on the saved pages, for docs/ (run: npx wxt build && npx tsx scripts/screenshots.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARXIV_NEW, HF_DAILY, launch, ROOT, servePages, standardPages } from '../tests/e2e/harness';

const out = path.join(ROOT, 'docs');
const profile = mkdtempSync(path.join(tmpdir(), 'margins-shots-'));
const context = await launch(profile);
await servePages(context, standardPages);
const page = context.pages()[0] ?? (await context.newPage());
await page.setViewportSize({ width: 1280, height: 1000 });

const w = (id: string) => page.locator(`[data-margins-id="${id}"]`);
const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, name) });
  console.log(`docs/${name}`);
};

await page.goto(HF_DAILY);
await w('arxiv:2607.28618').getByRole('button', { name: 'Mark as read', exact: true }).click();
const second = w('arxiv:2607.23193');
await second.getByRole('button', { name: 'Mark as reading', exact: true }).click();
await second.getByRole('button', { name: 'Add tag' }).click();
for (const tag of ['multimodal', 'to-present']) {
  await second.getByRole('combobox', { name: 'New tag' }).fill(tag);
  await second.getByRole('combobox', { name: 'New tag' }).press('Enter');
}
await second.getByRole('combobox', { name: 'New tag' }).press('Escape');
await second.getByRole('button', { name: 'Note' }).click();
await second.getByRole('textbox', { name: 'Note' }).fill('Compare the grounding results with our baseline.');
await second.getByRole('textbox', { name: 'Note' }).press('Escape');
await page.locator('article').first().scrollIntoViewIfNeeded();
await page.evaluate(() =>
  window.scrollTo(0, document.querySelector('article')!.getBoundingClientRect().top + scrollY - 20),
);
await shot('widget-huggingface.png');
await page.evaluate(() => document.documentElement.classList.add('dark'));
await page.evaluate(() => (document.body.style.background = '#0b0f19'));
await shot('widget-huggingface-dark.png');

await page.goto(ARXIV_NEW);
await w('arxiv:2607.04690').getByRole('button', { name: 'Mark as read', exact: true }).click();
await w('arxiv:2607.06374').getByRole('button', { name: 'Add tag' }).click();
await w('arxiv:2607.06374').getByRole('combobox', { name: 'New tag' }).fill('m');
await page.evaluate(() =>
  window.scrollTo(0, document.querySelector('dl')!.getBoundingClientRect().top + scrollY - 10),
);
await page.keyboard.press('Escape');
await page.keyboard.press('j');
await page.keyboard.press('j');
await page.keyboard.press('?');
await shot('widget-arxiv.png');

await context.close();
rmSync(profile, { recursive: true, force: true });
