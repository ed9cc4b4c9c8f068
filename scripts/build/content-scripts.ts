// Build settings for the content scripts alone (wired in wxt.config.ts): a page Margins annotates loads one of
// them, and each is held to 20 KB gzip (docs/BENCHMARKS.md), which the extension pages are not. Terser
// compresses harder than Vite's default minifier (esbuild), and the CSS the scripts carry as strings is
// collapsed, which no minifier does to a string. WXT's ContentScriptContext is replaced by the two members
// Margins uses (lib/content/context.ts).

import { fileURLToPath } from 'node:url';
import type { InlineConfig, Plugin } from 'vite';

/** CSS as the browser needs it: no comments, no indentation, no spaces around punctuation; quoted strings kept. */
export function collapseCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}

/** The `export const <NAME>_CSS = `…`` strings of the modules the content scripts import, collapsed. */
function collapseCssStrings(): Plugin {
  return {
    name: 'margins:collapse-css-strings',
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || !code.includes('_CSS = `')) return null;
      return code.replace(/\b([A-Z_]+_CSS) = `([^`]*)`/g, (_all, name: string, css: string) => {
        if (/\$\{|\\/.test(css)) throw new Error(`${id}: ${name} must be plain CSS (no \${} or escapes)`);
        return `${name} = ${JSON.stringify(collapseCss(css))}`;
      });
    },
  };
}

/** WXT's content script entry constructs its ContentScriptContext and passes it to `main`: ours instead. */
function smallContext(): Plugin {
  const replacement = fileURLToPath(new URL('../../lib/content/context.ts', import.meta.url));
  return {
    name: 'margins:small-content-script-context',
    enforce: 'pre',
    resolveId: (source) => (source === 'wxt/utils/content-script-context' ? replacement : null),
  };
}

/** Applied to the Vite build of a content script; not to `wxt dev`'s, which WXT leaves unminified. */
export function minifyContentScript(config: InlineConfig): void {
  if (config.build?.minify === false) return;
  config.plugins = [...(config.plugins ?? []), collapseCssStrings(), smallContext()];
  // Two compress passes: the smallest gzip of the settings tried (docs/BENCHMARKS.md).
  config.build = {
    ...config.build,
    minify: 'terser',
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
  };
}
