import { describe, expect, it } from 'vitest';
import { median, medianInterval } from '../../scripts/bench/stats';

describe('bench statistics', () => {
  it('gives the textbook 95% interval of the median: ranks 40 and 61 of 100', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // any order
    expect(medianInterval(values)).toEqual([40, 61]);
  });

  it('narrows with more runs and always holds the median', () => {
    const noisy = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % 101) - 50);
    for (const n of [5, 15, 45]) {
      const [lo, hi] = medianInterval(noisy(n));
      expect(lo).toBeLessThanOrEqual(median(noisy(n)));
      expect(hi).toBeGreaterThanOrEqual(median(noisy(n)));
    }
    const width = (n: number) => medianInterval(noisy(n))[1] - medianInterval(noisy(n))[0];
    expect(width(45)).toBeLessThan(width(15));
    // Five runs say little: the interval is the whole range.
    expect(medianInterval([3, 1, 2, 5, 4])).toEqual([1, 5]);
  });
});
