import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readLibrary } from '../../../lib/backup';
import { MarginsDB } from '../../../lib/db';
import { EXPORT_FORMAT_IDS, exportFormats } from '../../../lib/export';
import { applyImport, planImport } from '../../../lib/import';
import { bestOf, expectRatio, expectWithinBudget } from '../../support/budget';
import { generateLibrary } from '../../support/generate-library';

const papers = generateLibrary(10_000, 7);

describe('10 000 papers', () => {
  for (const id of EXPORT_FORMAT_IDS) {
    // The 300 ms budget itself is measured by `npm run bench` (docs/BENCHMARKS.md). Exports are bound by
    // allocation and garbage collection, which vary too much between machines and test processes for an
    // absolute bound here; this guards against gross slowdowns, against plain serialisation of the same records.
    it(`${exportFormats[id].label} export costs at most 5x serialising the records to JSON`, () => {
      exportFormats[id].render(papers, { now: 0 }); // warm-up: a library page that has exported before
      const [out, ms] = bestOf(3, () => exportFormats[id].render(papers, { now: 0 }));
      const [, baseline] = bestOf(3, () => JSON.stringify(papers));
      expect(out.length).toBeGreaterThan(papers.length * 50);
      expectRatio(
        ms,
        baseline,
        5,
        `export ${id}, ${(out.length / 1e6).toFixed(1)} MB (budget 300 ms in the bench)`,
      );
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
    expectWithinBudget(
      done - start,
      3_000,
      `import backup (plan ${(planned - start).toFixed(0)} ms + apply)`,
    );
    await db.delete();
  }, 60_000);
});
