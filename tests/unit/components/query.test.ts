import { describe, expect, it } from 'vitest';
import { withFilters } from '../../../components/library/query';
import { parseQuery } from '../../../lib/search-query';

describe('withFilters', () => {
  it('adds clicked filters as the field filters a user could type', () => {
    const query = withFilters('  diffusion ', { status: 'read', tag: 'deep rl' });
    expect(query).toBe('diffusion status:read tag:"deep rl"');
    expect(parseQuery(query)).toMatchObject({ text: 'diffusion', statuses: ['read'], tags: ['deep rl'] });
  });

  it('leaves the query alone without filters and never lets a tag close its quotes early', () => {
    expect(withFilters('', {})).toBe('');
    expect(parseQuery(withFilters('', { tag: 'say "hi"' })).tags).toEqual(['say hi']);
  });
});
