// What the background sends to every tab and page, and what the popup asks a tab's content script. Kept apart
// from the request contract (lib/messages.ts, valibot) and checked by hand: every content script receives these,
// and a schema library would be a tenth of its bundle. The checks are as strict as schemas: an unknown type, a
// missing or mistyped field rejects the message, and only the known fields are passed on.

import type { PaperId, PaperRecord, Settings } from './types';

/** `<scheme>:<id>`, as every paper id in a message. */
export const PAPER_ID = /^[a-z]+:\S{1,200}$/;

/** Broadcasts from the background to every tab's content script and every extension page. */
export type Broadcast =
  | { type: 'changed'; records: PaperRecord[] }
  | { type: 'tagsChanged' }
  | { type: 'settingsChanged'; settings: Settings };

/** Requests from the popup to the content script of the active tab. */
export type TabRequest = { type: 'tabPapers' } | { type: 'focusPaper'; id: PaperId };

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isPaperId = (value: unknown): value is PaperId => typeof value === 'string' && PAPER_ID.test(value);

export function parseBroadcast(message: unknown): Broadcast | undefined {
  if (!isObject(message)) return undefined;
  const { type } = message;
  // The background is the only sender of broadcasts: the shape is checked here, its content is the library's.
  if (type === 'changed') {
    const { records } = message;
    return Array.isArray(records) && records.every((r) => isObject(r) && isPaperId(r.id))
      ? { type, records: records as PaperRecord[] }
      : undefined;
  }
  if (type === 'tagsChanged') return { type };
  if (type === 'settingsChanged') {
    const { settings } = message;
    return isObject(settings) ? { type, settings: settings as unknown as Settings } : undefined;
  }
  return undefined;
}

export function parseTabRequest(message: unknown): TabRequest | undefined {
  if (!isObject(message)) return undefined;
  const { type } = message;
  if (type === 'tabPapers') return { type };
  if (type === 'focusPaper') return isPaperId(message.id) ? { type, id: message.id } : undefined;
  return undefined;
}
