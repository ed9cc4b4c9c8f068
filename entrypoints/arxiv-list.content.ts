// arXiv listings (/list, /catchup).
import { runContentScript } from '@/lib/content/run';
import { arxivListing } from '@/lib/sites/arxiv';

export default defineContentScript({
  matches: ['https://arxiv.org/list/*', 'https://arxiv.org/catchup/*'],
  // Early: the listing is annotated while it loads (lib/content/main.ts).
  runAt: 'document_start',
  main: (ctx) => runContentScript(ctx, [arxivListing]),
});
