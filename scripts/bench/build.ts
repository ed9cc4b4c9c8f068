// `npx wxt build` of the production extension into .output/bench/chrome-mv3 (see wxt.config.ts here).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../tests/e2e/harness';

export const BENCH_EXTENSION_DIR = path.join(ROOT, '.output/bench/chrome-mv3');

/** Quiet unless the build fails; then its output explains why. */
export function buildExtension(): void {
  try {
    execFileSync('npx', ['wxt', 'build', '-c', 'scripts/bench/wxt.config.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`npx wxt build failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
