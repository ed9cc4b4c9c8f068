// Star counts in a badge: short, like GitHub's (999, 1.2k, 12k, 1.2M).

const UNITS = [
  { size: 1_000_000, suffix: 'M' },
  { size: 1_000, suffix: 'k' },
] as const;

/** Rounds down, so a badge never claims more stars than the repository has (1,999 → `1.9k`). */
export function formatStars(n: number): string {
  const stars = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
  for (const { size, suffix } of UNITS) {
    if (stars < size) continue;
    // One decimal while the number is short (1.2k), none once it has two digits (12k). Integer
    // division keeps 4,100 from becoming 4.0999….
    const tenths = Math.floor((stars * 10) / size);
    const shown = tenths < 100 ? tenths / 10 : Math.floor(tenths / 10);
    return `${shown}${suffix}`;
  }
  return String(stars);
}
