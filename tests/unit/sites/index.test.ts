import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { adapterFor, adapters } from '../../../lib/sites';
import type { SiteAdapter } from '../../../lib/sites/types';

// The content scripts hand their adapters to runContentScript: record them instead of running.
const run = vi.hoisted(() => ({ adapters: [] as readonly SiteAdapter[] }));
vi.mock('../../../lib/content/run', () => ({
  runContentScript: (_ctx: unknown, adapters: readonly SiteAdapter[]) => {
    run.adapters = adapters;
  },
}));

// Every URL the adapters must serve, with its site and page kind, and every look-alike they must not.
const served: [url: string, site: string, kind: string][] = [
  ['https://huggingface.co/papers', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/', 'huggingface', 'listing'],
  ['https://huggingface.co/papers?date=2024-08-01', 'huggingface', 'listing'],
  ['https://huggingface.co/papers?q=diffusion', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/date/2026-07-31', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/week/2026-W31', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/month/2026-07', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/trending', 'huggingface', 'listing'],
  ['https://huggingface.co/papers/2607.28618', 'huggingface', 'paper'],
  ['https://huggingface.co/papers/2607.28618#community', 'huggingface', 'paper'],
  ['https://arxiv.org/list/cs.LG/new', 'arxiv', 'listing'],
  ['https://arxiv.org/list/cs.LG/recent?skip=0&show=2000', 'arxiv', 'listing'],
  ['https://arxiv.org/list/cs.LG/pastweek?show=500', 'arxiv', 'listing'],
  ['https://arxiv.org/list/cs.LG/2026-07', 'arxiv', 'listing'],
  ['https://arxiv.org/list/hep-th/9901', 'arxiv', 'listing'],
  ['https://arxiv.org/list/math.GT/2024', 'arxiv', 'listing'],
  ['https://www.arxiv.org/list/astro-ph/new', 'arxiv', 'listing'],
  ['https://arxiv.org/catchup/cs.LG/2026-07-31?abs=True', 'arxiv', 'listing'],
  ['https://arxiv.org/search/?query=distributed+systems&searchtype=abstract', 'arxiv', 'listing'],
  ['https://arxiv.org/search/cs?searchtype=author&query=Karray,+F', 'arxiv', 'listing'],
  ['https://arxiv.org/search/advanced?advanced=&terms-0-term=llm&terms-0-field=title', 'arxiv', 'listing'],
  ['https://arxiv.org/abs/2307.14549', 'arxiv', 'paper'],
  ['https://arxiv.org/abs/2307.14549v3', 'arxiv', 'paper'],
  ['https://arxiv.org/abs/hep-th/9901001', 'arxiv', 'paper'],
];

const ignored: string[] = [
  'http://huggingface.co/papers',
  'https://huggingface.co/',
  'https://huggingface.co/models',
  'https://huggingface.co/papers/submit',
  'https://huggingface.co/papers/2313.14549',
  'https://huggingface.co/papers/2607.28618/extra',
  'https://huggingface.co.evil.com/papers',
  'https://evilhuggingface.co/papers',
  'https://hf.co/papers',
  'https://arxiv.org/',
  'https://arxiv.org/list/cs.LG',
  'https://arxiv.org/list/cs.LG/new/extra',
  'https://arxiv.org/pdf/2307.14549',
  'https://arxiv.org/abs/2313.14549',
  'https://arxiv.org/abs/',
  'https://arxiv.org/search/',
  'https://arxiv.org/search/advanced',
  'https://export.arxiv.org/abs/2307.14549',
  'https://arxiv.org.evil.com/list/cs.LG/new',
  'https://evilarxiv.org/list/cs.LG/new',
  'file:///work/main/tests/fixtures/arxiv/list-cs.LG-new.html',
];

describe('adapterFor', () => {
  it.each(served)('%s → %s %s', (url, site, kind) => {
    const found = adapterFor(adapters, new URL(url));
    expect(found?.adapter.site).toBe(site);
    expect(found?.kind).toBe(kind);
    // One adapter per URL: the content scripts' adapters never compete for a page.
    expect(adapters.filter((a) => a.pageKind(new URL(url)) !== undefined)).toHaveLength(1);
  });
  it.each(ignored)('%s → none', (url) => {
    expect(adapterFor(adapters, new URL(url))).toBeUndefined();
  });
});

describe('content scripts (entrypoints/*.content.ts)', async () => {
  const dir = path.resolve(import.meta.dirname, '../../../entrypoints');
  const scripts = await Promise.all(
    readdirSync(dir)
      .filter((file) => file.endsWith('.content.ts'))
      .map(async (file) => {
        const { default: script } = await import(path.join(dir, file));
        script.main({} as ContentScriptContext);
        return {
          file,
          patterns: (script.matches as string[]).map((m) => new MatchPattern(m)),
          adapters: run.adapters,
        };
      }),
  );

  it('bring every adapter, each in one script', () => {
    expect(scripts.flatMap((s) => s.adapters)).toHaveLength(adapters.length);
    for (const adapter of adapters)
      expect(scripts.filter((s) => s.adapters.includes(adapter))).toHaveLength(1);
  });
  // The scripts match arxiv.org only (the adapters also accept www.arxiv.org), as the single script did.
  it.each(served.filter(([url]) => !url.startsWith('https://www.')))(
    '%s: injected by one script, whose adapters serve it',
    (url) => {
      const injected = scripts.filter((s) => s.patterns.some((p) => p.includes(url)));
      expect(injected.map((s) => s.file)).toHaveLength(1);
      expect(adapterFor(injected[0]!.adapters, new URL(url))).toBeDefined();
    },
  );
});
