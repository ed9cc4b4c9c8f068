import { describe, expect, it } from 'vitest';
import { foldText, parseQuery } from '../../lib/search-query';

describe('parseQuery', () => {
  it('separates field filters from free words', () => {
    expect(parseQuery('diffusion tag:vision status:read author:ho year:2020 models')).toEqual({
      text: 'diffusion models',
      tags: ['vision'],
      statuses: ['read'],
      authors: ['ho'],
      years: [2020],
    });
  });

  it('reads quoted values, straight or curly, and an unclosed quote still being typed', () => {
    expect(parseQuery('tag:"deep rl" author:“De Bortoli”').tags).toEqual(['deep rl']);
    expect(parseQuery('tag:"deep rl" author:“De Bortoli”').authors).toEqual(['De Bortoli']);
    expect(parseQuery('tag:"deep  r')).toMatchObject({ tags: ['deep r'], text: '' });
  });

  it('reads filter names in any case and keeps unknown ones as words', () => {
    expect(parseQuery('TAG:llm Status:Read').tags).toEqual(['llm']);
    expect(parseQuery('TAG:llm Status:Read').statuses).toEqual(['read']);
    expect(parseQuery('arxiv:2307.14549 foo:bar').text).toBe('arxiv:2307.14549 foo:bar');
    expect(parseQuery('https://arxiv.org/abs/2307.14549').text).toBe('https://arxiv.org/abs/2307.14549');
  });

  it('treats a status being typed as every status it could become', () => {
    expect(parseQuery('status:rea').statuses).toEqual(['reading', 'read']);
    expect(parseQuery('status:u').statuses).toEqual(['unread']);
  });

  it('keeps an impossible filter so that it matches nothing instead of everything', () => {
    expect(parseQuery('status:done').statuses).toEqual(['done']);
    expect(parseQuery('year:20x4').years).toEqual([Number.NaN]);
  });

  it('expands year ranges either way round', () => {
    expect(parseQuery('year:2021-2023').years).toEqual([2021, 2022, 2023]);
    expect(parseQuery('year:2023..2021').years).toEqual([2021, 2022, 2023]);
  });

  it('ignores a filter with nothing after the colon yet', () => {
    expect(parseQuery('tag: status:')).toEqual({ text: '', tags: [], statuses: [], authors: [], years: [] });
  });
});

describe('foldText', () => {
  it('drops accents and case, including letters Unicode does not decompose', () => {
    expect(foldText('Schrödinger Müller Łukasz Weiß Søren Çağla Yılmaz Nguyễn')).toBe(
      'schrodinger muller lukasz weiss soren cagla yilmaz nguyen',
    );
  });

  it('folds decomposed input the same as composed input', () => {
    expect(foldText('Mu\u0308ller')).toBe(foldText('Müller'));
  });
});
