import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../lib/sites';

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
    const found = adapterFor(new URL(url));
    expect(found?.adapter.site).toBe(site);
    expect(found?.kind).toBe(kind);
  });
  it.each(ignored)('%s → none', (url) => {
    expect(adapterFor(new URL(url))).toBeUndefined();
  });
});
