export default defineContentScript({
  matches: [
    'https://huggingface.co/papers*',
    'https://arxiv.org/list/*',
    'https://arxiv.org/catchup/*',
    'https://arxiv.org/search/*',
    'https://arxiv.org/abs/*',
  ],
  runAt: 'document_end',
  main() {},
});
