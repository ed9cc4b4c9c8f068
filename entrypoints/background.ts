import browser, { type Runtime } from 'webextension-polyfill';
import { createCodeLookup } from '@/lib/code-lookup';
import { getDb } from '@/lib/db';
import { failureReply, handleRequest } from '@/lib/handler';
import type { Broadcast } from '@/lib/broadcasts';
import type { Reply } from '@/lib/messages';
import { parseRequest } from '@/lib/messages';

/** Send a change to every tab (content scripts ignore what is not theirs) and every extension page. */
async function broadcast(message: Broadcast): Promise<void> {
  const tabs = await browser.tabs.query({});
  // An extension page open in a tab (the library) gets the runtime message below, and a tab message would be a
  // second copy. Without the "tabs" permission the browser shows this extension only its own pages' addresses.
  const ownPages = browser.runtime.getURL('/');
  await Promise.all([
    ...tabs.map((tab) =>
      tab.id === undefined || tab.url?.startsWith(ownPages)
        ? undefined
        : browser.tabs.sendMessage(tab.id, message).catch(() => {}),
    ),
    // Extension pages (popup, library) listen on runtime messages; none open is not an error.
    browser.runtime.sendMessage(message).catch(() => {}),
  ]);
}

async function setBadge(tabId: number, count: number): Promise<void> {
  // MV3 (Chrome) has `action`; the Firefox MV2 build has `browserAction`.
  const button = browser.action ?? browser.browserAction;
  await button.setBadgeText({ tabId, text: count ? String(count) : '' });
  await button.setBadgeBackgroundColor({ tabId, color: '#4b5563' });
}

export default defineBackground({
  type: 'module',
  main() {
    const db = getDb();
    const codeLookup = createCodeLookup({
      db,
      onChanged: (records) => void broadcast({ type: 'changed', records }),
    });
    browser.runtime.onMessage.addListener(
      async (message: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
        const parsed = parseRequest(message);
        if (!parsed.ok) return { ok: false, error: parsed.error };
        const { request } = parsed;
        try {
          const { value, broadcasts, badge } = await handleRequest(db, request, { codeLookup });
          if (badge !== undefined && sender.tab?.id !== undefined) await setBadge(sender.tab.id, badge);
          for (const b of broadcasts) void broadcast(b);
          return { ok: true, value };
        } catch (error) {
          return failureReply(error);
        }
      },
    );
  },
});
