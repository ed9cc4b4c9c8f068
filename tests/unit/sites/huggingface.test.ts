// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { huggingface } from '../../../lib/sites/huggingface';
import { generate } from '../../fixtures/tools/hf-daily-page.mjs';
import { fixtureText, loadFixture, parseHtml } from './load';

const DAILY_2026 = new URL('https://huggingface.co/papers/date/2026-07-31');
const DAILY_2024 = new URL('https://huggingface.co/papers?date=2024-08-01');

interface ApiItem {
  paper: { id: string; title: string; authors: { name: string }[] };
}
const api0731 = JSON.parse(fixtureText('huggingface/api-daily-papers-2026-07-31.json')) as ApiItem[];
const api0612 = JSON.parse(fixtureText('huggingface/api-daily-papers-2026-06-12.json')) as ApiItem[];

const ids = (doc: Document, url = DAILY_2026) => huggingface.extract(doc, url).map((p) => p.meta.id);
const titles = (doc: Document, url = DAILY_2026) => huggingface.extract(doc, url).map((p) => p.meta.title);
const dailyIdsInPageOrder = (doc: Document) =>
  [...doc.querySelectorAll('article h3 a')].map((a) => `arxiv:${a.getAttribute('href')?.slice(8)}`);

function withoutHydration(doc: Document): Document {
  doc.querySelector('[data-target="DailyPapers"]')?.removeAttribute('data-props');
  return doc;
}

describe('huggingface daily page, 2026 markup (30 cards)', () => {
  const doc = loadFixture('huggingface/daily-2026-07-31.html');
  const papers = huggingface.extract(doc, DAILY_2026);

  it('finds every card once, in page order', () => {
    expect(papers).toHaveLength(30);
    expect(papers.map((p) => p.meta.id)).toEqual(dailyIdsInPageOrder(doc));
    expect(papers.slice(0, 3).map((p) => p.meta.id)).toEqual([
      'arxiv:2607.28618',
      'arxiv:2607.28227',
      'arxiv:2607.28568',
    ]);
    expect(new Set(papers.map((p) => p.card)).size).toBe(30);
    expect(papers.every((p) => p.card.tagName === 'ARTICLE' && p.parts[0] === p.card)).toBe(true);
  });

  it('reads the metadata from the hydration JSON', () => {
    const askchem = papers[0]?.meta;
    expect(askchem?.title).toBe('AskChem: Claim-Centered Infrastructure for Chemistry Literature Synthesis');
    expect(askchem?.authors).toEqual(
      api0731.find((e) => e.paper.id === '2607.28618')?.paper.authors.map((a) => a.name),
    );
    expect(askchem?.abstract).toMatch(
      /^Chemistry literature synthesis often requires assembling specific findings/,
    );
    expect(askchem?.published).toBe('2026-07-30T00:00:00.000Z');
    expect(askchem?.code).toMatchObject({
      url: 'https://github.com/bingyan4science/askchem',
      stars: 8,
      source: 'page',
    });
    expect(askchem?.projectPage).toBe('https://www.askchem.org');
    expect(askchem?.upvotes).toBe(292);
    expect(papers[1]?.meta.code).toBeUndefined();
    expect(papers.filter((p) => p.meta.code).length).toBe(19);
  });

  it('anchors the widget after the title heading, inside the card', () => {
    for (const p of papers) {
      expect(p.anchor).toMatchObject({ position: 'after' });
      expect(p.anchor.element.tagName).toBe('H3');
      expect(p.card.contains(p.anchor.element)).toBe(true);
    }
  });
});

describe('huggingface daily page, 2024 server HTML (13 cards)', () => {
  const doc = loadFixture('huggingface/daily-2024-08-01.html');
  const papers = huggingface.extract(doc, DAILY_2024);

  it('finds the 13 papers with their JSON metadata', () => {
    expect(papers).toHaveLength(13);
    expect(papers[0]?.meta).toMatchObject({
      id: 'arxiv:2407.21783',
      title: 'The Llama 3 Herd of Models',
      upvotes: 94,
    });
    expect(papers[0]?.meta.authors).toHaveLength(533);
    expect(papers[12]?.meta.id).toBe('arxiv:2404.01300');
    expect(papers.every((p) => p.card.tagName === 'ARTICLE')).toBe(true);
  });

  it('falls back to the card when the JSON is gone: 5 of 533 authors shown, truncated', () => {
    const fallback = huggingface.extract(
      withoutHydration(loadFixture('huggingface/daily-2024-08-01.html')),
      DAILY_2024,
    );
    expect(fallback.map((p) => p.meta.id)).toEqual(papers.map((p) => p.meta.id));
    expect(fallback.map((p) => p.meta.title)).toEqual(papers.map((p) => p.meta.title));
    expect(fallback[0]?.meta.authors).toEqual(['mannatsingh', 'angelafan', 'altrevr', 'abhiskk', 'dubeya']);
    expect(fallback[0]?.meta.authorsTruncated).toBe(true);
  });
});

describe('huggingface resilience (pages derived from the 2026 fixture)', () => {
  const original = ids(loadFixture('huggingface/daily-2026-07-31.html'));
  const originalTitles = titles(loadFixture('huggingface/daily-2026-07-31.html'));

  it('DOM fallback without JSON gives the same ids and titles', () => {
    const doc = withoutHydration(loadFixture('huggingface/daily-2026-07-31.html'));
    const papers = huggingface.extract(doc, DAILY_2026);
    expect(papers.map((p) => p.meta.id)).toEqual(original);
    expect(papers.map((p) => p.meta.title)).toEqual(originalTitles);
    const memory = papers.find((p) => p.meta.id === 'arxiv:2607.27919')?.meta;
    expect(memory?.authors).toEqual(['Qipeng Guo', 'Junming Zhang', 'Jiarui Wang', 'Jiaqi Cao', 'Rubin-Wei']);
    expect(memory?.authorsTruncated).toBe(true);
    expect(papers[0]?.meta.authors).toBeUndefined(); // organisation cards show no authors
    expect(papers[0]?.meta.code).toBeUndefined(); // the star link does not name the repository
  });

  it('malformed or reshaped JSON does not throw and falls back to the DOM', () => {
    for (const props of ['{"dailyPapers":[{"paper":', '{"dailyPapers":"none","paper":null}', 'null', '[]']) {
      const doc = loadFixture('huggingface/daily-2026-07-31.html');
      doc.querySelector('[data-target="DailyPapers"]')?.setAttribute('data-props', props);
      expect(titles(doc)).toEqual(originalTitles);
    }
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    doc
      .querySelector('[data-target="DailyPapers"]')
      ?.setAttribute(
        'data-props',
        JSON.stringify({ dailyPapers: [{ paper: { id: 42, title: ['x'], authors: 'y' } }] }),
      );
    expect(titles(doc)).toEqual(originalTitles);
  });

  it('reordered cards come out in the new order', () => {
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    const grid = doc.querySelector('article')?.parentElement;
    for (const card of [...doc.querySelectorAll('article')].reverse()) grid?.append(card);
    expect(ids(doc)).toEqual([...original].reverse());
  });

  it('a card removed and re-inserted is found once', () => {
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    const card = doc.querySelector('article');
    const grid = card?.parentElement;
    card?.remove();
    expect(ids(doc)).toEqual(original.slice(1));
    if (card) grid?.append(card, card.cloneNode(true));
    expect(ids(doc)).toEqual([...original.slice(1), original[0]]);
  });

  it('cards replaced by another day (client-side navigation, stale JSON) are read from the DOM', () => {
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    const other = parseHtml(generate(api0612, { date: '2026-06-12' }));
    const grid = doc.querySelector('article')?.parentElement;
    grid?.replaceChildren(...[...other.querySelectorAll('article')].map((a) => doc.importNode(a, true)));
    const papers = huggingface.extract(doc, new URL('https://huggingface.co/papers/date/2026-06-12'));
    expect(papers).toHaveLength(30);
    expect(papers.map((p) => p.meta.id).sort()).toEqual(api0612.map((e) => `arxiv:${e.paper.id}`).sort());
    for (const p of papers) {
      const item = api0612.find((e) => `arxiv:${e.paper.id}` === p.meta.id);
      expect(p.meta.title).toBe(item?.paper.title.replace(/\s+/g, ' ').trim());
      expect(p.meta.upvotes).toBeUndefined(); // proof that the stale JSON was not used
    }
  });

  it('survives a redesign: article tags and wrapper classes gone', () => {
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    for (const article of [...doc.querySelectorAll('article')]) {
      const div = doc.createElement('div');
      div.className = 'paper-card-v3';
      div.append(...article.childNodes);
      article.replaceWith(div);
    }
    for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', 'x');
    const papers = huggingface.extract(doc, DAILY_2026);
    expect(papers.map((p) => p.meta.id)).toEqual(original);
    for (const p of papers) {
      expect(p.card.tagName).toBe('DIV');
      expect(p.card.querySelectorAll('h3').length).toBe(1);
      expect(p.card.querySelector('img, video')).not.toBeNull(); // the whole card, thumbnail included
    }
  });

  it('reads no papers on a page of another kind', () => {
    const doc = loadFixture('huggingface/daily-2026-07-31.html');
    expect(huggingface.extract(doc, new URL('https://huggingface.co/models'))).toEqual([]);
  });
});

describe('huggingface paper page (constructed)', () => {
  const url = new URL('https://huggingface.co/papers/2607.28618');

  it('finds one paper anchored after its h1', () => {
    const doc = loadFixture('huggingface/paper-2607.28618.html');
    const papers = huggingface.extract(doc, url);
    expect(papers).toHaveLength(1);
    const [paper] = papers;
    expect(paper?.meta).toMatchObject({
      id: 'arxiv:2607.28618',
      title: 'AskChem: Claim-Centered Infrastructure for Chemistry Literature Synthesis',
      code: { url: 'https://github.com/bingyan4science/askchem', stars: 8, source: 'page' },
      upvotes: 292,
    });
    expect(paper?.anchor).toEqual({ element: doc.querySelector('h1'), position: 'after' });
  });

  it('falls back to the h1 and the GitHub button without JSON', () => {
    const doc = loadFixture('huggingface/paper-2607.28618.html');
    doc.querySelector('[data-props]')?.removeAttribute('data-props');
    const [paper] = huggingface.extract(doc, url);
    expect(paper?.meta.title).toBe(
      'AskChem: Claim-Centered Infrastructure for Chemistry Literature Synthesis',
    );
    expect(paper?.meta.code).toMatchObject({ url: 'https://github.com/bingyan4science/askchem', stars: 8 });
  });
});
