// Hugging Face Papers: the listings and the paper pages, one script, as the site navigates between them itself.
import { runContentScript } from '@/lib/content/run';
import { huggingface } from '@/lib/sites/huggingface';

export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  // Early, so that it starts at DOMContentLoaded itself (lib/content/main.ts).
  runAt: 'document_start',
  main: (ctx) => runContentScript(ctx, [huggingface]),
});
