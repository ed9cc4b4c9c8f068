// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { arxivAbstract, arxivListing, arxivSearch } from '../../../lib/sites/arxiv';
import { generateList, type ListEntry } from '../../fixtures/tools/arxiv-list-page.mjs';
import { fixtureText, loadFixture, parseHtml } from './load';

const NEW = new URL('https://arxiv.org/list/cs.LG/new');
const SEARCH = new URL('https://arxiv.org/search/?query=distributed+systems&searchtype=abstract&size=200');
const entries = JSON.parse(fixtureText('arxiv/list-cs.LG-new.entries.json')) as ListEntry[];

describe('arXiv /list/cs.LG/new (150 entries in three sections)', () => {
  const doc = loadFixture('arxiv/list-cs.LG-new.html');
  const papers = arxivListing.extract(doc, NEW);
  const byId = new Map(papers.map((p) => [p.meta.id, p]));

  it('finds every entry of every section once, in page order', () => {
    expect(papers).toHaveLength(150);
    expect(papers.map((p) => p.meta.id)).toEqual(
      [...doc.querySelectorAll('dt a[title="Abstract"]')].map((a) => `arxiv:${a.id}`),
    );
    const sectionOf = (p: (typeof papers)[number]) => p.card.closest('dl')?.querySelector('h3')?.textContent;
    expect(papers.filter((p) => sectionOf(p)?.startsWith('New submissions'))).toHaveLength(54);
    expect(papers.filter((p) => sectionOf(p)?.startsWith('Cross submissions'))).toHaveLength(47);
    expect(papers.filter((p) => sectionOf(p)?.startsWith('Replacement submissions'))).toHaveLength(49);
    expect(papers[0]?.meta.id).toBe('arxiv:2607.04690');
    expect(papers[54]?.meta.id).toBe('arxiv:2512.00219');
  });

  it('reads title, authors and subjects as the entries JSON has them', () => {
    for (const entry of entries) {
      const meta = byId.get(`arxiv:${entry.id}`)?.meta;
      expect(meta?.title).toBe(entry.title.replace(/\s+/g, ' ').trim());
      expect(meta?.primaryCategory).toBe(entry.primary);
      expect([...(meta?.categories ?? [])].sort()).toEqual([...entry.subjects].sort());
      // arXiv links only the name part of "The Soofi-Team": a team prefix is not read.
      if (!entry.authors.some((a) => /\bTeam$/.test(a))) expect(meta?.authors).toEqual(entry.authors);
    }
  });

  it('keeps the cross-list entry of 2512.00219 with its real metadata', () => {
    expect(byId.get('arxiv:2512.00219')?.meta).toMatchObject({
      title: 'Minimal-Edit Instruction Tuning for Low-Resource Indic GEC',
      authors: ['Akhil Rajeev P'],
      comments: 'Submitted to AACL-IJCNLP Bhasha Workshop Shared Task1 :GEC',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
    });
  });

  it('reads GitHub links from the hrefs behind "this https URL" in comments and abstracts', () => {
    const first = byId.get('arxiv:2607.04690')?.meta;
    expect(first?.comments).toBe('Code: https://github.com/Shakhoyat/PAST-TIDE');
    expect(first?.code).toMatchObject({ url: 'https://github.com/Shakhoyat/PAST-TIDE', source: 'text' });
    expect(byId.get('arxiv:2607.08526')?.meta.code?.url).toBe('https://github.com/matteospanio/aria');
    expect(byId.get('arxiv:2607.08768')?.meta.abstract).toMatch(
      /available at https:\/\/github\.com\/HKU-MMLab/,
    );
    expect(byId.get('arxiv:2607.08765')?.meta.code).toBeUndefined(); // a github.io project page is not code
    expect(papers.filter((p) => p.meta.code)).toHaveLength(21);
  });

  it('groups dt and dd and anchors at the end of the id line, in the line', () => {
    for (const p of papers) {
      expect(p.card.tagName).toBe('DT');
      expect(p.parts).toEqual([p.card, p.card.nextElementSibling]);
      expect(p.anchor).toEqual({ element: p.card, position: 'append', inline: true });
    }
  });

  it("reads an entry's fields when first asked, and never another paper's", () => {
    const page = loadFixture('arxiv/list-cs.LG-new.html');
    const [first, second] = arxivListing.extract(page, NEW);
    const title = first!.card.nextElementSibling?.querySelector('.list-title');
    title!.textContent = 'Title: Retitled after the scan';
    expect(first!.meta.title).toBe('Retitled after the scan');
    // The page has since given the second card to another paper: its id alone, not the other's title.
    second!.card.querySelector('a[title="Abstract"]')!.setAttribute('href', '/abs/2607.99999');
    expect(second!.meta).toEqual({ id: second!.id });
  });

  it('reads an entry shown in two sections once', () => {
    const twice = loadFixture('arxiv/list-cs.LG-new.html');
    const [dt] = twice.querySelectorAll('dl > dt');
    const dl = twice.querySelectorAll('dl')[2];
    if (dt?.nextElementSibling) dl?.append(dt.cloneNode(true), dt.nextElementSibling.cloneNode(true));
    expect(twice.querySelectorAll('dl > dt')).toHaveLength(151);
    expect(arxivListing.extract(twice, NEW).map((p) => p.meta.id)).toEqual(papers.map((p) => p.meta.id));
  });

  it('stops after `limit` entries: the top of the page, as the whole extraction starts', () => {
    const top = arxivListing.extract(doc, NEW, 8);
    expect(top.map((p) => p.meta.id)).toEqual(papers.slice(0, 8).map((p) => p.meta.id));
    expect(top.map((p) => p.card)).toEqual(papers.slice(0, 8).map((p) => p.card));
    expect(arxivListing.extract(doc, NEW, 1000)).toHaveLength(150);
  });

  it('goes on `after` a card an earlier call returned, across sections: the page read as it loads', () => {
    for (const k of [0, 53, 54, 100, 148]) {
      const rest = arxivListing.extract(doc, NEW, undefined, papers[k]!.card);
      expect(rest.map((p) => p.card)).toEqual(papers.slice(k + 1).map((p) => p.card));
    }
    expect(arxivListing.extract(doc, NEW, 3, papers[54]!.card).map((p) => p.meta.id)).toEqual(
      papers.slice(55, 58).map((p) => p.meta.id),
    );
    expect(arxivListing.extract(doc, NEW, undefined, papers[149]!.card)).toEqual([]);
  });

  it('finds entries in one dl per entry, each in its own wrapper (the /catchup form)', () => {
    const wrapped = loadFixture('arxiv/list-cs.LG-new.html');
    for (const dt of wrapped.querySelectorAll('dl > dt')) {
      const box = wrapped.createElement('div');
      const dl = wrapped.createElement('dl');
      box.append(dl);
      dt.before(box);
      const dd = dt.nextElementSibling;
      dl.append(dt, ...(dd?.tagName === 'DD' ? [dd] : []));
    }
    const found = arxivListing.extract(wrapped, NEW);
    expect(found.map((p) => p.meta.id)).toEqual(papers.map((p) => p.meta.id));
    const rest = arxivListing.extract(wrapped, NEW, undefined, found[99]!.card);
    expect(rest.map((p) => p.card)).toEqual(found.slice(100).map((p) => p.card));
  });

  it('serves every listing URL form with the same extraction', () => {
    for (const path of [
      '/list/cs.LG/recent?skip=0&show=2000',
      '/list/cs.LG/2026-07',
      '/catchup/cs.LG/2026-07-31',
    ]) {
      expect(arxivListing.extract(doc, new URL(`https://arxiv.org${path}`))).toHaveLength(150);
    }
  });
});

describe('arXiv search results (200 results)', () => {
  const doc = loadFixture('arxiv/search-2025-12.html');
  const papers = arxivSearch.extract(doc, SEARCH);
  const byId = new Map(papers.map((p) => [p.meta.id, p.meta]));

  it('finds the 200 results in order', () => {
    expect(papers).toHaveLength(200);
    expect(papers.slice(0, 2).map((p) => p.meta.id)).toEqual(['arxiv:2512.03003', 'arxiv:2512.02934']);
    expect(papers.every((p) => p.card.matches('li.arxiv-result'))).toBe(true);
    expect(papers.every((p) => p.anchor.element.matches('p.list-title'))).toBe(true);
  });

  it('reads title, authors, full abstract without the toggle, date and categories', () => {
    expect(papers[0]?.meta).toMatchObject({
      id: 'arxiv:2512.03003',
      title: 'The role of the top Yukawa coupling in triple Higgs production at the LHC',
      authors: ['Luca Panizzi'],
      published: '2025-12-02',
      primaryCategory: 'hep-ph',
      categories: ['hep-ph'],
      comments: '6 pages, 4 figures, 1 table',
    });
    expect(papers[0]?.meta.abstract).toMatch(/^In this letter I quantify .* other global observables\.$/);
    expect(papers.some((p) => /[△▽]|Less$|More$/.test(p.meta.abstract ?? ''))).toBe(false);
    expect(byId.get('arxiv:2512.10701')).toMatchObject({
      title:
        'HybridVFL: Disentangled Feature Learning for Edge-Enabled Vertical Federated Multimodal Classification',
      doi: '10.1145/3773274.3774931',
      primaryCategory: 'cs.LG',
    });
    expect(byId.get('arxiv:2512.10701')?.authors?.[0]).toBe('Mostafa Anoosha');
  });

  it('finds GitHub links written as plain text', () => {
    expect(papers.filter((p) => p.meta.code).map((p) => [p.meta.id, p.meta.code?.url])).toEqual([
      ['arxiv:2512.01119', 'https://github.com/Bluefin-Tuna/WISER'],
      ['arxiv:2512.16752', 'https://github.com/QuantumSavory/QuantumSavory.jl'],
    ]);
  });

  it('takes the first version date when the paper was revised', () => {
    const revised = loadFixture('arxiv/search-2025-12.html');
    const line = [...revised.querySelectorAll('li.arxiv-result p.is-size-7')].find((p) =>
      p.textContent?.includes('Submitted'),
    );
    if (line)
      line.textContent =
        'Submitted 9 December, 2025; v1 submitted 2 December, 2025; originally announced December 2025.';
    expect(arxivSearch.extract(revised, SEARCH)[0]?.meta).toMatchObject({
      published: '2025-12-02',
      updated: '2025-12-09',
    });
  });
});

describe('arXiv abstract page (constructed)', () => {
  it('reads the paper, its comments and code link, anchored after the title', () => {
    const doc = loadFixture('arxiv/abs-2607.23193.html');
    const papers = arxivAbstract.extract(doc, new URL('https://arxiv.org/abs/2607.23193v2'));
    expect(papers).toHaveLength(1);
    const entry = entries.find((e) => e.id === '2607.23193');
    expect(papers[0]?.meta).toMatchObject({
      id: 'arxiv:2607.23193',
      title: entry?.title,
      authors: entry?.authors,
      published: '2026-07-29',
      primaryCategory: 'cs.LG',
      comments: 'Code: https://github.com/MAC-AutoML/OmniScope',
      code: { url: 'https://github.com/MAC-AutoML/OmniScope', source: 'text' },
    });
    expect(papers[0]?.anchor).toEqual({ element: doc.querySelector('h1.title'), position: 'after' });
  });
});

describe('old-style ids', () => {
  const old: ListEntry[] = [
    ['hep-th/9901001', 'hep-th'],
    ['math.GT/0309136', 'math.GT'],
    ['cond-mat/0703001', 'cond-mat.stat-mech'],
  ].map(([id = '', primary = ''], i) => ({
    id,
    title: `Old paper ${i}`,
    authors: ['A. Author', 'B. Author'],
    abstract: 'An abstract.',
    subjects: [primary],
    primary,
    section: 'new',
  }));

  it('reads them from a listing, folding the subject class', () => {
    const doc = parseHtml(generateList(old, { cat: 'hep-th', date: '2007-03-30' }));
    const papers = arxivListing.extract(doc, new URL('https://arxiv.org/list/hep-th/0703'));
    expect(papers.map((p) => p.meta.id)).toEqual([
      'arxiv:hep-th/9901001',
      'arxiv:math/0309136',
      'arxiv:cond-mat/0703001',
    ]);
    expect(papers[1]?.meta).toMatchObject({ title: 'Old paper 1', primaryCategory: 'math.GT' });
  });

  it('reads them from an abstract page URL', () => {
    const doc = parseHtml(
      '<div id="abs"><h1 class="title"><span class="descriptor">Title:</span>T</h1></div>',
    );
    expect(arxivAbstract.extract(doc, new URL('https://arxiv.org/abs/hep-th/9901001v2'))[0]?.meta.id).toBe(
      'arxiv:hep-th/9901001',
    );
  });
});

describe('2,000-entry listing', () => {
  const big: ListEntry[] = Array.from({ length: 2000 }, (_, i) => {
    const source = entries[i % entries.length] as ListEntry;
    return {
      ...source,
      id: `2607.${String(10000 + i)}`,
      section: i < 1200 ? 'new' : i < 1600 ? 'cross' : 'replaced',
    };
  });
  const doc = parseHtml(generateList(big, { date: '2026-07-31' }));

  it('extracts every entry quickly', () => {
    arxivListing.extract(doc, NEW); // warm-up
    const runs = 5;
    const start = performance.now();
    for (let i = 0; i < runs; i++) expect(arxivListing.extract(doc, NEW)).toHaveLength(2000);
    const perRun = (performance.now() - start) / runs;
    console.info(`arXiv 2,000-entry listing: ${perRun.toFixed(1)} ms per extraction in jsdom`);
    // jsdom is several times slower than Chromium; this bound catches quadratic regressions.
    expect(perRun).toBeLessThan(1500);
  });
});
