import { describe, expect, it } from 'vitest';
import { paperUrl, shortAuthors } from '../../lib/open-paper';

const seen = [{ site: 'arxiv' as const, url: 'https://arxiv.org/list/cs.LG/new', at: 1 }];

describe('paperUrl', () => {
  it('opens the site chosen in settings', () => {
    expect(paperUrl({ id: 'arxiv:2307.14549', seen }, 'arxiv')).toBe('https://arxiv.org/abs/2307.14549');
    expect(paperUrl({ id: 'arxiv:2307.14549', seen }, 'huggingface')).toBe(
      'https://huggingface.co/papers/2307.14549',
    );
  });

  it('falls back to arXiv for old-style ids Hugging Face has no page for', () => {
    expect(paperUrl({ id: 'arxiv:hep-th/9901001', seen: [] }, 'huggingface')).toBe(
      'https://arxiv.org/abs/hep-th/9901001',
    );
  });

  it('falls back to where the paper was seen when the id is not an arXiv id', () => {
    expect(paperUrl({ id: 'doi:10.1000/xyz', seen }, 'arxiv')).toBe('https://arxiv.org/list/cs.LG/new');
    expect(paperUrl({ id: 'doi:10.1000/xyz', seen: [] }, 'arxiv')).toBeUndefined();
  });
});

describe('shortAuthors', () => {
  it('keeps family names of the first three and says when there are more', () => {
    expect(shortAuthors(['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'])).toBe(
      'Vaswani, Shazeer, Parmar et al.',
    );
    expect(shortAuthors(['Łukasz Kaiser', 'Müller, Hans'])).toBe('Kaiser, Müller');
  });

  it('says et al. when the page showed only some of the authors', () => {
    expect(shortAuthors(['Wei Chen'], true)).toBe('Chen et al.');
    expect(shortAuthors([])).toBe('');
  });
});
