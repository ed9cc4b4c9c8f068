import browser from 'webextension-polyfill';
import { startContent } from '@/lib/content/main';
import { parseBroadcast, parseTabRequest, type Request } from '@/lib/messages';
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
  runAt: 'document_end',
  main(ctx) {
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
        const handler = (message: unknown) => {
          const parsed = parseTabRequest(message);
          return parsed ? Promise.resolve(listener(parsed)) : undefined;
        };
        browser.runtime.onMessage.addListener(handler);
        return () => browser.runtime.onMessage.removeListener(handler);
      },
      onInvalidated: (callback) => ctx.onInvalidated(callback),
    });
  },
});
