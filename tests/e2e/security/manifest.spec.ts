// What the built extension may do, read from the build itself. Permissions, host permissions and content
// script matches are pinned exactly by tests/e2e/foundation.spec.ts ("the production manifest asks only for
// what Margins uses"); this file pins the rest of the attack surface: no remote code, no way in from pages.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '../harness';
import { BUILD_DIR, test } from './support';

const manifest = () => JSON.parse(readFileSync(path.join(BUILD_DIR, 'manifest.json'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

test('the manifest keeps the MV3 default CSP and opens no door to pages or other extensions', () => {
  const m = manifest();
  expect(m.manifest_version).toBe(3);
  // No CSP key: Chrome's MV3 default (script-src 'self'; object-src 'self'), which forbids remote scripts,
  // eval and inline handlers on extension pages. Any CSP added later must not loosen that.
  const csp = m.content_security_policy?.extension_pages;
  if (csp !== undefined) expect(csp).not.toMatch(/unsafe-|https?:|\*|data:|blob:/);
  expect(m.content_security_policy?.sandbox).toBeUndefined();
  expect(m.web_accessible_resources).toBeUndefined();
  expect(m.externally_connectable).toBeUndefined();
  expect(m.sandbox).toBeUndefined();
  expect(m.content_scripts.every((c: { all_frames?: boolean }) => !c.all_frames)).toBe(true);
  expect(m.content_scripts.every((c: { world?: string }) => c.world === undefined)).toBe(true);
});

test('the build loads no code from anywhere but itself', () => {
  for (const file of files(BUILD_DIR)) {
    const text = readFileSync(file, 'utf8');
    const name = path.relative(BUILD_DIR, file);
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g))
        expect(m[1], name).toMatch(/^\/(?!\/)/);
    }
    if (file.endsWith('.js')) {
      expect(text, name).not.toMatch(/\bimportScripts\s*\(|\bimport\s*\(\s*["'`]https?:/);
      expect(text, name).not.toMatch(/\beval\s*\(|new Function\s*\(/);
    }
  }
});

test('extension pages run under a CSP that refuses inline script', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/library.html`);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 1';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__pwned = 2');
    img.src = 'data:,x';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 200));
    let evaluated = false;
    try {
      evaluated = (0, eval)('true');
    } catch {
      // refused by the CSP
    }
    return { pwned: (window as { __pwned?: number }).__pwned, evaluated };
  });
  expect(ran).toEqual({ pwned: undefined, evaluated: false });
});
