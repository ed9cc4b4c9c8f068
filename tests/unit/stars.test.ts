import { describe, expect, it } from 'vitest';
import { formatStars } from '../../lib/stars';

describe('formatStars', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1k'],
    [1200, '1.2k'],
    [1999, '1.9k'],
    [4100, '4.1k'],
    [9999, '9.9k'],
    [12_345, '12k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [1_250_000, '1.2M'],
    [23_456_789, '23M'],
  ])('%i stars read %s', (n, shown) => {
    expect(formatStars(n)).toBe(shown);
  });

  it('never shows a negative or fractional count', () => {
    expect(formatStars(-3)).toBe('0');
    expect(formatStars(12.9)).toBe('12');
    expect(formatStars(Number.NaN)).toBe('0');
  });
});
