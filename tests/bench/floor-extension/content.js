// The floor for scripts/bench: find each paper card the cheapest way (arXiv listings: `dl > dt`; Hugging Face:
// `article`) and append one empty marker element to it. Anything Margins costs above this is its own. Injected the
// way Margins is: at document_start, starting at DOMContentLoaded.
document.addEventListener(
  'DOMContentLoaded',
  () => {
    for (const card of document.querySelectorAll(location.hostname === 'arxiv.org' ? 'dl > dt' : 'article')) {
      card.append(document.createElement('margins-floor'));
    }
  },
  { once: true },
);
