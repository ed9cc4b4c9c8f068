// Export and import of a 10k library, in Node: every export format's `render` (pure functions, the same code
// the library page runs), and a JSON backup read back with `planImport` + `applyImport` into fake-indexeddb.
// fake-indexeddb is a JavaScript IndexedDB, several times slower than Chromium's: the import figure is an upper
// bound of what the library page does.

import 'fake-indexeddb/auto';
import { MarginsDB } from '../../lib/db';
import { EXPORT_FORMAT_IDS, exportFormats, type ExportFormatId } from '../../lib/export';
import { applyImport, planImport } from '../../lib/import';
import { GENERATED_NOW, generateLibrary, TAG_POOL } from '../../tests/support/generate-library';
import { median, timeRuns } from './stats';

export interface IoResult {
  papers: number;
  exportMs: Record<ExportFormatId, number>;
  exportBytes: Record<ExportFormatId, number>;
  importPlanMs: number;
  importApplyMs: number;
}

export async function measureIo(papers: number, runs: number): Promise<IoResult> {
  const records = generateLibrary(papers, 1).map((r) => ({ ...r, inLibrary: 1 as const }));
  const tags = TAG_POOL.map((name) => ({ key: name.toLowerCase(), name, color: '#888888' }));
  const ctx = { tags, now: GENERATED_NOW };
  const exportMs = {} as Record<ExportFormatId, number>;
  const exportBytes = {} as Record<ExportFormatId, number>;
  for (const id of EXPORT_FORMAT_IDS) {
    const render = () => exportFormats[id].render(records, ctx);
    exportMs[id] = median(timeRuns(runs, render));
    exportBytes[id] = Buffer.byteLength(render());
  }

  const backup = exportFormats.backup.render(records, ctx);
  const plans: number[] = [];
  const applies: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const db = new MarginsDB(`margins-bench-import-${run}`);
    const start = performance.now();
    const plan = await planImport(db, backup);
    const planned = performance.now();
    await applyImport(db, plan, GENERATED_NOW);
    const applied = performance.now();
    if (plan.add !== papers || (await db.papers.count()) !== papers)
      throw new Error(`import: ${plan.add} planned, ${await db.papers.count()} stored of ${papers}`);
    db.close();
    await db.delete();
    if (run === 0) continue; // warm-up
    plans.push(planned - start);
    applies.push(applied - planned);
  }
  return { papers, exportMs, exportBytes, importPlanMs: median(plans), importApplyMs: median(applies) };
}
