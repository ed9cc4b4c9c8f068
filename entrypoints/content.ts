// The content script uses the browser's own API (promise-based `chrome` in MV3, `browser` in Firefox) rather
// than webextension-polyfill, which would be a third of its size; the background and pages keep the polyfill.
import { browser } from 'wxt/browser';
import { startContent } from '@/lib/content/main';
import { parseBroadcast, parseTabRequest } from '@/lib/broadcasts';
import type { Request } from '@/lib/messages';
import { request } from '@/lib/messenger';

export default defineContentScript({
  // Only the listing and paper pages Margins annotates; no other page of these sites, no other site.
  matches: [
    'https://huggingface.co/papers*',
    'https://arxiv.org/list/*',
    'https://arxiv.org/catchup/*',
    'https://arxiv.org/search/*',
    'https://arxiv.org/abs/*',
  ],
  // Early, so that it starts at DOMContentLoaded itself (lib/content/main.ts).
  runAt: 'document_start',
  main(ctx) {
    // Chrome does not tell a content script that its extension was reloaded or updated; reading `isValid`
    // now and then notices it, and WXT then runs the onInvalidated callbacks (the widgets are removed).
    const watch = setInterval(() => ctx.isValid, 2_000);
    ctx.onInvalidated(() => clearInterval(watch));
    startContent({
      send: <T>(message: Request) => request<T>((m) => browser.runtime.sendMessage(m), message),
      onBroadcast(listener) {
        const handler = (message: unknown) => {
          const parsed = parseBroadcast(message);
          if (parsed) listener(parsed);
        };
        browser.runtime.onMessage.addListener(handler);
        return () => browser.runtime.onMessage.removeListener(handler);
      },
      onTabRequest(listener) {
        // sendResponse + `return true` is the answer form both Chrome and Firefox understand.
        const handler = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
          const parsed = parseTabRequest(message);
          if (!parsed) return false;
          sendResponse(listener(parsed));
          return true;
        };
        browser.runtime.onMessage.addListener(handler);
        return () => browser.runtime.onMessage.removeListener(handler);
      },
      onInvalidated: (callback) => ctx.onInvalidated(callback),
    });
  },
});
