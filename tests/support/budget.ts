// Time budgets in the issues are milliseconds on the development machine. CI runs on other, often slower
// machines, and a shared box is sometimes busy, so a budget is checked as a ratio: the measured time against
// a yardstick run on the same machine moments before (serialising a generated 10k library to JSON, a pure
// CPU-and-allocation task like the ones under test), compared with the yardstick's time on the development
// machine. A machine half as fast is allowed twice the time; a faster one is never held to less than the
// budget itself.

import { expect } from 'vitest';
import { generateLibrary } from './generate-library';

/** Best of five of the yardstick on the 2-core development machine (2026-11, Node 20). */
const REFERENCE_YARDSTICK_MS = 95;

let yardstickInput: unknown;

function yardstickMs(): number {
  yardstickInput ??= generateLibrary(10_000, 7);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    JSON.stringify(yardstickInput);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Best of `runs`: other processes on a small machine only ever make a run slower. */
export function bestOf<T>(runs: number, run: () => T): [T, number] {
  let best = Infinity;
  let out: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    out = run();
    best = Math.min(best, performance.now() - start);
  }
  return [out!, best];
}

/** Asserts `ms` against `budget`, scaled by how much slower this machine is than the development one now. */
export function expectWithinBudget(ms: number, budget: number, what: string): void {
  const factor = Math.max(1, yardstickMs() / REFERENCE_YARDSTICK_MS);
  const allowed = budget * factor;
  console.info(
    `${what}: ${ms.toFixed(2)} ms (budget ${budget} ms × machine factor ${factor.toFixed(2)} = ${allowed.toFixed(0)} ms)`,
  );
  expect(ms).toBeLessThanOrEqual(allowed);
}

/** Asserts that `ms` is at most `limit` times `baselineMs`, a baseline measured in the same run. */
export function expectRatio(ms: number, baselineMs: number, limit: number, what: string): void {
  const ratio = ms / baselineMs;
  console.info(
    `${what}: ${ms.toFixed(0)} ms, ${ratio.toFixed(2)}x baseline ${baselineMs.toFixed(0)} ms (limit ${limit}x)`,
  );
  expect(ratio).toBeLessThanOrEqual(limit);
}
