// Bundle sizes of the built extension, gzip (zlib level 9) per file, summed over what each entry loads: a
// script and the chunks it imports statically; a page's module scripts, their imports and its stylesheets.
// Each content script the manifest lists is its own figure (a page loads one of them); the popup's search
// worker is its own figure (it loads on its own thread, after the page).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  entry: string;
  files: string[];
  gzipBytes: number;
  /** The content scripts share one budget: each must be within it. */
  contentScript: boolean;
}

const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** `file` (relative to `dir`) and every chunk it imports statically, transitively. */
function scriptClosure(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(path.join(dir, file), 'utf8');
  for (const [, spec] of code.matchAll(
    /(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    scriptClosure(dir, path.posix.join(path.posix.dirname(file), spec!), seen);
  }
  return seen;
}

function pageFiles(dir: string, html: string): Set<string> {
  const files = new Set<string>([html]);
  const text = readFileSync(path.join(dir, html), 'utf8');
  for (const [, ref] of text.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)) {
    if (ref!.endsWith('.css')) files.add(ref!);
    else for (const f of scriptClosure(dir, ref!)) files.add(f);
  }
  return files;
}

export function bundleSizes(dir: string): BundleSize[] {
  const entry = (name: string, files: Set<string>, contentScript = false): BundleSize => ({
    entry: name,
    files: [...files],
    gzipBytes: [...files].reduce((sum, f) => sum + gzipSize(path.join(dir, f)), 0),
    contentScript,
  });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts: { js: string[] }[];
  };
  const popup = pageFiles(dir, 'popup.html');
  const worker = [...popup]
    .flatMap((f) => [
      ...readFileSync(path.join(dir, f), 'utf8').matchAll(/["'/](assets\/search-worker-[\w-]+\.js)/g),
    ])
    .map((m) => m[1]!);
  return [
    ...manifest.content_scripts
      .flatMap((c) => c.js)
      .map((js) => entry(`content script ${path.basename(js, '.js')}`, scriptClosure(dir, js), true)),
    entry('popup', popup),
    entry('library page', pageFiles(dir, 'library.html')),
    entry('background', scriptClosure(dir, 'background.js')),
    entry('search worker', new Set(worker.slice(0, 1))),
  ];
}
