// Annotated-page figures for one page: every run loads the same fresh page in the three browsers, timing load
// then cost load each, interleaved; a first warm-up run is dropped unless `warmUp` is false.

import { costLoad, timeLoad, type CostSample, type TimingSample } from './annotate';
import { VARIANTS, type BenchBrowser, type Variant } from './browsers';
import { median, medianInterval } from './stats';

export interface PageFigures {
  label: string;
  cards: number;
  runs: number;
  /** Medians; ms from DOMContentLoaded. */
  firstCard: Record<'floor' | 'margins', number>;
  all: Record<'floor' | 'margins', number>;
  /** Medians of per-run ratios of time to all annotated (from navigation start). */
  allVsFloor: number;
  allVsDcl: number;
  /** Median over runs of Margins' main-thread CPU minus the baseline's on the same page in the same run: a
   *  difference per pair of loads, so a machine busier in one run than another shifts both sides alike. */
  addedCpuMs: number;
  /** Paired loads behind addedCpuMs and allVsFloor. */
  pairs: number;
  /** 95% confidence intervals of the two budgeted medians (see medianInterval). */
  addedCpuInterval: [number, number];
  allVsFloorInterval: [number, number];
  /** Medians. */
  cpuMs: Record<Variant, number>;
  taskMs: Record<Variant, number>;
  heapBytes: Record<Variant, number>;
  longestLateTask: Record<Variant, number>;
  /** Longest task of the whole load, parsing included (Margins annotates a listing while it loads). */
  longestTask: Record<Variant, number>;
}

export async function measurePage(
  browsers: Record<Variant, BenchBrowser>,
  label: string,
  url: string,
  page: () => string,
  cards: number,
  runs: number,
  warmUp = true,
  /**
   * More loads after the runs for the two noisiest figures alone: with and without Margins (added CPU), Margins
   * and the floor (time to all annotated).
   */
  extraPairs = 0,
): Promise<PageFigures> {
  const timing: Record<Variant, TimingSample[]> = { baseline: [], floor: [], margins: [] };
  const cost: Record<Variant, CostSample[]> = { baseline: [], floor: [], margins: [] };
  for (let run = warmUp ? 0 : 1; run <= runs; run++) {
    const html = page();
    for (const variant of VARIANTS) {
      const t = await timeLoad(browsers[variant], url, html, cards);
      const c = await costLoad(browsers[variant], url, html);
      if (variant !== 'baseline' && c.cards < cards)
        throw new Error(`${variant}: ${c.cards} of ${cards} cards`);
      if (run === 0) continue;
      timing[variant].push(t);
      cost[variant].push(c);
    }
  }
  const addedCpu = cost.margins.map((s, i) => s.cpuMs - cost.baseline[i]!.cpuMs);
  const allVsFloor = timing.margins.map((s, i) => s.allFromStart / timing.floor[i]!.allFromStart);
  for (let pair = 0; pair < extraPairs; pair++) {
    const html = page();
    const baseline = await costLoad(browsers.baseline, url, html);
    addedCpu.push((await costLoad(browsers.margins, url, html)).cpuMs - baseline.cpuMs);
    const floor = await timeLoad(browsers.floor, url, html, cards);
    allVsFloor.push((await timeLoad(browsers.margins, url, html, cards)).allFromStart / floor.allFromStart);
  }
  const med = <T>(samples: T[], pick: (s: T) => number) => median(samples.map(pick));
  const perVariant = (pick: (s: CostSample) => number) =>
    Object.fromEntries(VARIANTS.map((v) => [v, med(cost[v], pick)])) as Record<Variant, number>;
  return {
    label,
    cards,
    runs,
    firstCard: {
      floor: med(timing.floor, (s) => s.firstCard),
      margins: med(timing.margins, (s) => s.firstCard),
    },
    all: { floor: med(timing.floor, (s) => s.all), margins: med(timing.margins, (s) => s.all) },
    allVsFloor: median(allVsFloor),
    allVsFloorInterval: medianInterval(allVsFloor),
    allVsDcl: med(timing.margins, (s) => s.allFromStart / s.dcl),
    addedCpuMs: median(addedCpu),
    addedCpuInterval: medianInterval(addedCpu),
    pairs: addedCpu.length,
    cpuMs: perVariant((s) => s.cpuMs),
    taskMs: perVariant((s) => s.taskMs),
    heapBytes: perVariant((s) => s.heapBytes),
    longestLateTask: perVariant((s) => s.longestLateTask),
    longestTask: perVariant((s) => s.longestTask),
  };
}
