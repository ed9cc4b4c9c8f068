// What the background sends to every tab and page, and what the popup asks a tab's content script. Kept apart
// from the request contract so the content script carries only the schemas it receives.

import * as v from 'valibot';
import type { PaperRecord, Settings } from './types';

/** `<scheme>:<id>`, as every paper id in a message. */
export const paperId = v.pipe(v.string(), v.regex(/^[a-z]+:\S{1,200}$/));

/** Broadcasts from the background to every tab's content script and every extension page. */
export const BroadcastSchema = v.variant('type', [
  v.object({ type: v.literal('changed'), records: v.array(v.looseObject({ id: paperId })) }),
  v.object({ type: v.literal('tagsChanged') }),
  v.object({ type: v.literal('settingsChanged'), settings: v.looseObject({}) }),
]);
export type Broadcast =
  | { type: 'changed'; records: PaperRecord[] }
  | { type: 'tagsChanged' }
  | { type: 'settingsChanged'; settings: Settings };

/** Requests from the popup to the content script of the active tab. */
export const TabRequestSchema = v.variant('type', [
  v.object({ type: v.literal('tabPapers') }),
  v.object({ type: v.literal('focusPaper'), id: paperId }),
]);
export type TabRequest = v.InferOutput<typeof TabRequestSchema>;

export function parseBroadcast(message: unknown): Broadcast | undefined {
  const result = v.safeParse(BroadcastSchema, message);
  // The background is the only sender of broadcasts; the schema checks their shape, the type their content.
  return result.success ? (result.output as Broadcast) : undefined;
}

export function parseTabRequest(message: unknown): TabRequest | undefined {
  const result = v.safeParse(TabRequestSchema, message);
  return result.success ? result.output : undefined;
}
