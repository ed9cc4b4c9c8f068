// What every content script runs (entrypoints/*.content.ts): the page's annotation (lib/content/main.ts) wired
// to the browser. It uses the browser's own API (promise-based `chrome` in MV3, `browser` in Firefox) rather
// than webextension-polyfill, which would be a third of its size; the background and pages keep the polyfill.
import { browser } from 'wxt/browser';
import { parseBroadcast, parseTabRequest } from '../broadcasts';
import type { Request } from '../messages';
import { request } from '../messenger';
import type { SiteAdapter } from '../sites/types';
import type { ContentContext } from './context';
import { startContent } from './main';

export function runContentScript(ctx: ContentContext, adapters: readonly SiteAdapter[]): void {
  // Chrome does not tell a content script that its extension was reloaded or updated; reading `isValid`
  // now and then notices it, and the context then runs the onInvalidated callbacks (the widgets are removed).
  const watch = setInterval(() => ctx.isValid, 2_000);
  ctx.onInvalidated(() => clearInterval(watch));
  startContent({
    adapters,
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
}
