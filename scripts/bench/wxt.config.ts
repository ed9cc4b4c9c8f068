// The production build, written to its own directory (.output/bench/chrome-mv3): other work on this tree
// (CI, tests) rebuilds .output/chrome-mv3 at any time, and a bench must not load a half-written extension.
import { defineConfig } from 'wxt';
import config from '../../wxt.config';

export default defineConfig({ ...config, outDir: '.output/bench' });
