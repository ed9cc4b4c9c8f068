// `npx wxt build` of the production extension into .output/bench/chrome-mv3 (see wxt.config.ts here).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../tests/e2e/harness';

export const BENCH_EXTENSION_DIR = path.join(ROOT, '.output/bench/chrome-mv3');

export function buildExtension(): void {
  execFileSync('npx', ['wxt', 'build', '-c', 'scripts/bench/wxt.config.ts'], { cwd: ROOT, stdio: 'ignore' });
}
