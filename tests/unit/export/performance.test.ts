import 'fake-indexeddb/auto';
import { cpus, loadavg } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readLibrary } from '../../../lib/backup';
import { MarginsDB } from '../../../lib/db';
import { EXPORT_FORMAT_IDS, exportFormats } from '../../../lib/export';
import { applyImport, planImport } from '../../../lib/import';
import { generateLibrary } from '../../support/generate-library';

const papers = generateLibrary(10_000, 7);

/** Timings mean nothing on a machine already running more than it has cores for (other engineers' builds on
 *  a shared box): there the budgets are only reported. On a quiet machine, CI's included, they are asserted. */
const overloaded = loadavg()[0]! > cpus().length;
function withinBudget(ms: number, budget: number, what: string) {
  console.info(`${what}: ${ms.toFixed(0)} ms (budget ${budget} ms, load ${loadavg()[0]!.toFixed(1)})`);
  if (!overloaded) expect(ms).toBeLessThanOrEqual(budget);
}

/** Best of three runs: other processes on a small CI machine only ever make a run slower. */
function timed<T>(run: () => T): [T, number] {
  let best = Infinity;
  let out: T | undefined;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    out = run();
    best = Math.min(best, performance.now() - start);
  }
  return [out!, best];
}

describe('10 000 papers', () => {
  for (const id of EXPORT_FORMAT_IDS) {
    it(`${exportFormats[id].label} export takes at most 300 ms`, () => {
      const [out, ms] = timed(() => exportFormats[id].render(papers, { now: 0 }));
      expect(out.length).toBeGreaterThan(papers.length * 50);
      withinBudget(ms, 300, `export ${id}, ${(out.length / 1e6).toFixed(1)} MB`);
    }, 30_000);
  }

  it('a backup imports into an empty database within 3 s (fake-indexeddb; Chromium is faster)', async () => {
    const db = new MarginsDB(`test-${Math.random()}`);
    const text = exportFormats.backup.render(papers, { now: 0 });
    const start = performance.now();
    const plan = await planImport(db, text);
    const planned = performance.now();
    await applyImport(db, plan);
    const done = performance.now();
    console.info(
      `import backup: plan ${(planned - start).toFixed(0)} ms, apply ${(done - planned).toFixed(0)} ms`,
    );
    expect(plan.add).toBe(10_000);
    expect((await readLibrary(db)).papers).toHaveLength(papers.filter((p) => p.inLibrary).length);
    withinBudget(done - start, 3_000, `import backup (plan ${(planned - start).toFixed(0)} ms + apply)`);
    await db.delete();
  }, 60_000);
});
