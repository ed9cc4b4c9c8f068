#!/usr/bin/env node
// `npm start`: install what is missing, build the extension, open Chromium with Margins loaded.
// Offline (or with --demo) the bundled sample pages are served at their real addresses, so the extension
// works on real Hugging Face and arXiv markup without a network. Without a display the demo runs headless,
// walks through a few actions and saves screenshots to demo/.
import { execSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const run = (cmd) => execSync(cmd, { cwd: root, stdio: 'inherit' });

if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) run('npm ci --no-audit --no-fund');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  if (process.getuid?.() === 0)
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  else {
    console.error(`Chromium not found at ${chromiumPath}: install Debian's chromium or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}
run('npx wxt build');

async function online() {
  try {
    await Promise.race([lookup('huggingface.co'), new Promise((_, reject) => setTimeout(reject, 2000))]);
    return true;
  } catch {
    return false;
  }
}

const demo = args.has('--demo') || (!args.has('--live') && !(await online()));
const headless = args.has('--headless') || !process.env.DISPLAY;
const { chromium } = await import('@playwright/test');
const extensionDir = path.join(root, '.output/chrome-mv3');
// A profile of its own that persists between runs, so what you mark stays marked.
const context = await chromium.launchPersistentContext(path.join(root, '.margins-profile'), {
  executablePath: chromiumPath,
  headless,
  viewport: headless ? { width: 1280, height: 900 } : null,
  args: [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--no-first-run',
    ...(demo
      ? ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic']
      : []),
  ],
});

const pages = {
  'https://huggingface.co/papers/date/2026-07-31': 'huggingface/daily-2026-07-31.html',
  'https://arxiv.org/list/cs.LG/new': 'arxiv/list-cs.LG-new.html',
  'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&size=200':
    'arxiv/search-2025-12.html',
};
if (demo) {
  console.log('Demo mode: serving the bundled sample pages at their real addresses (no network used).');
  const serve = async (route) => {
    const file = pages[route.request().url()];
    if (file) {
      const body = readFileSync(path.join(root, 'tests/fixtures', file));
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    }
    return route.fulfill({ status: 404, body: '' });
  };
  for (const host of ['https://huggingface.co/**', 'https://arxiv.org/**', 'https://export.arxiv.org/**']) {
    await context.route(host, serve);
  }
}

const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const urls = Object.keys(pages).slice(0, 2);
const tabs = [];
for (const url of urls) {
  const tab = context.pages().find((p) => p.url() === 'about:blank') ?? (await context.newPage());
  await tab.goto(url);
  tabs.push(tab);
}
const library = await context.newPage();
await library.goto(`chrome-extension://${extensionId}/popup.html`);

if (!headless) {
  console.log(`Margins is loaded (extension id ${extensionId}). Close the browser window to stop.`);
  await new Promise((resolve) => context.on('close', resolve));
} else {
  const out = path.join(root, 'demo');
  mkdirSync(out, { recursive: true });
  const [hf, arxiv] = tabs;
  const first = hf.locator('[data-margins-id]').first();
  await first.waitFor();
  // Mark the first paper read (once: the profile persists between runs), so the popup has something to show.
  const markRead = first.getByRole('button', { name: 'Mark as read', exact: true });
  await first.getByRole('button', { name: /^Mark as (read|unread)$/ }).waitFor();
  if (await markRead.count()) await markRead.click();
  const count = await hf.locator('[data-margins-id]').count();
  console.log(`Hugging Face daily page: ${count} papers annotated.`);
  await hf.screenshot({ path: path.join(out, 'huggingface.png') });
  await arxiv.locator('[data-margins-id]').first().waitFor();
  console.log(`arXiv cs.LG/new: ${await arxiv.locator('[data-margins-id]').count()} papers annotated.`);
  await arxiv.screenshot({ path: path.join(out, 'arxiv.png') });
  await library.reload();
  await library.screenshot({ path: path.join(out, 'popup.png') });
  console.log(
    `No display here: ran headless and saved screenshots in ${path.relative(process.cwd(), out)}/.`,
  );
  await context.close();
}
