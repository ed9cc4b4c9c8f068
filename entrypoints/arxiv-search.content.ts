// arXiv search results.
import { runContentScript } from '@/lib/content/run';
import { arxivSearch } from '@/lib/sites/arxiv';

export default defineContentScript({
  matches: ['https://arxiv.org/search/*'],
  // Early, so that it starts at DOMContentLoaded itself (lib/content/main.ts).
  runAt: 'document_start',
  main: (ctx) => runContentScript(ctx, [arxivSearch]),
});
