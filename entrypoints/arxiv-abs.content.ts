// arXiv abstract pages.
import { runContentScript } from '@/lib/content/run';
import { arxivAbstract } from '@/lib/sites/arxiv';

export default defineContentScript({
  matches: ['https://arxiv.org/abs/*'],
  // Early, so that it starts at DOMContentLoaded itself (lib/content/main.ts).
  runAt: 'document_start',
  main: (ctx) => runContentScript(ctx, [arxivAbstract]),
});
