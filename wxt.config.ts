import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { minifyContentScript } from './scripts/build/content-scripts';

// Host permissions are only the two JSON/Atom APIs the background calls on the user's behalf
// (code links and export metadata). Content scripts declare their own narrow `matches`.
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.every((e) => e.type === 'content-script')) minifyContentScript(config);
    },
  },
  manifest: ({ browser }) => ({
    name: 'Margins',
    description:
      'Read status, tags, notes and code badges on the paper cards of Hugging Face Papers and arXiv. Everything stays on your machine.',
    permissions: [],
    host_permissions: ['https://huggingface.co/api/papers/*', 'https://export.arxiv.org/api/*'],
    action: { default_title: 'Margins' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'margins@margins.dev' } } } : {}),
  }),
});
