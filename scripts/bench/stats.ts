// Small statistics and the printed table. Medians, not means: one noisy run on a shared machine must not move
// a figure.

export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/**
 * A 95% confidence interval of the median, from the order statistics (no assumption about the distribution):
 * ranks about n/2 -+ 1.96 sqrt(n)/2. Whether a figure is under its budget for sure, or only in this run's median.
 */
export function medianInterval(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const half = 0.98 * Math.sqrt(n);
  // 1-based ranks n/2 - 1.96 sqrt(n)/2 and 1 + n/2 + 1.96 sqrt(n)/2, rounded outwards.
  const lo = Math.max(0, Math.floor(n / 2 - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(1 + n / 2 + half) - 1);
  return n ? [sorted[lo]!, sorted[hi]!] : [NaN, NaN];
}

export const p95 = (values: readonly number[]): number => quantile(values, 0.95);

/** Time `fn` `runs` times after one warm-up call; milliseconds per run. */
export function timeRuns(runs: number, fn: () => unknown): number[] {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

export interface Row {
  section: string;
  figure: string;
  /** Margins' value, already formatted with its unit. */
  value: string;
  /** What the value is compared with (the baseline, the floor, the page's own cost), formatted. */
  baseline?: string;
  /** value / baseline, or an added amount, formatted. */
  ratio?: string;
  /** The budget line this figure answers to, e.g. "<= 50 ms". */
  budget?: string;
  /** undefined when the figure has no budget. */
  pass?: boolean;
}

export const ms = (v: number): string =>
  Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : Math.round(v)} ms` : 'n/a';
/** The browser reports only tasks of 50 ms or more ('longtask' entries): none is not zero. */
export const longTask = (v: number): string => (v > 0 ? ms(v) : 'none >= 50 ms');
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const times = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}x` : 'n/a');

/** A Markdown table (docs/BENCHMARKS.md takes it verbatim), one section after another. */
export function renderTable(rows: readonly Row[]): string {
  const head = ['', 'figure', 'Margins', 'baseline', 'ratio / added', 'budget', ''];
  const body = rows.map((r, i) => [
    i === 0 || rows[i - 1]!.section !== r.section ? r.section : '',
    r.figure,
    r.value,
    r.baseline ?? '',
    r.ratio ?? '',
    r.budget ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'OVER',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
