// The one message contract between content scripts, extension pages and the background.
// Every message is validated where it is received (valibot schemas double as the TypeScript types), so a
// malformed or unknown message is answered with an error instead of reaching the database.

import * as v from 'valibot';
import { PAPER_ID } from './broadcasts';
import { isSafeCodeUrl, isSafeProjectPage, LIMITS } from './limits';

const MAX_BATCH = 5_000;
const paperId = v.pipe(v.string(), v.regex(PAPER_ID));
const shortText = v.pipe(v.string(), v.maxLength(LIMITS.shortText));
const longText = v.pipe(v.string(), v.maxLength(LIMITS.longText));
const ids = v.pipe(v.array(paperId), v.maxLength(MAX_BATCH));
const url = v.pipe(v.string(), v.maxLength(LIMITS.url));
const site = v.picklist(['huggingface', 'arxiv']);
const status = v.picklist(['unread', 'reading', 'read']);

const codeLink = v.object({
  url: v.pipe(
    url,
    v.check(isSafeCodeUrl, 'A code link must be a GitHub repository (https://github.com/owner/repo).'),
  ),
  stars: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  source: v.picklist(['user', 'page', 'text', 'api']),
  at: v.number(),
});

export const PaperMetaSchema = v.object({
  id: paperId,
  title: v.optional(longText),
  authors: v.optional(v.pipe(v.array(shortText), v.maxLength(LIMITS.authors))),
  authorsTruncated: v.optional(v.boolean()),
  abstract: v.optional(longText),
  published: v.optional(shortText),
  updated: v.optional(shortText),
  primaryCategory: v.optional(shortText),
  categories: v.optional(v.pipe(v.array(shortText), v.maxLength(LIMITS.categories))),
  comments: v.optional(longText),
  journalRef: v.optional(shortText),
  doi: v.optional(shortText),
  code: v.optional(codeLink),
  projectPage: v.optional(v.pipe(url, v.check(isSafeProjectPage, 'A project page must be an https link.'))),
  upvotes: v.optional(v.number()),
});
const timestamp = v.pipe(v.number(), v.finite());
/** A whole record, as handed out by the background and handed back for undo. */
export const PaperRecordSchema = v.object({
  ...PaperMetaSchema.entries,
  title: longText,
  authors: v.pipe(v.array(shortText), v.maxLength(LIMITS.authors)),
  seen: v.pipe(v.array(v.object({ site, url, at: timestamp })), v.maxLength(100)),
  status,
  tags: v.pipe(v.array(shortText), v.maxLength(1_000)),
  note: longText,
  inLibrary: v.union([v.literal(0), v.literal(1)]),
  createdAt: timestamp,
  updatedAt: timestamp,
  touchedAt: v.optional(timestamp),
  savedAt: v.optional(timestamp),
  readAt: v.optional(timestamp),
  metaCheckedAt: v.optional(timestamp),
  codeCleared: v.optional(v.boolean()),
});

const metas = v.optional(v.pipe(v.array(PaperMetaSchema), v.maxLength(MAX_BATCH)));

const settingsPatch = v.partial(
  v.object({ readAppearance: v.picklist(['dim', 'hide', 'none']), openOn: site }),
);

/** Requests to the background. Each answers `Reply<T>`. */
export const RequestSchema = v.variant('type', [
  v.object({
    type: v.literal('seen'),
    site,
    url,
    papers: v.pipe(v.array(PaperMetaSchema), v.maxLength(MAX_BATCH)),
  }),
  v.object({ type: v.literal('get'), ids }),
  v.object({ type: v.literal('setStatus'), ids, status, metas }),
  v.object({ type: v.literal('addTag'), ids, tag: shortText, metas }),
  v.object({ type: v.literal('removeTag'), ids, tag: shortText }),
  v.object({ type: v.literal('setNote'), id: paperId, note: longText, metas }),
  v.object({ type: v.literal('setInLibrary'), ids, inLibrary: v.boolean(), metas }),
  v.object({ type: v.literal('setCode'), id: paperId, code: v.nullable(codeLink) }),
  // Undo: the records come back exactly as the background handed them out.
  v.object({
    type: v.literal('restore'),
    records: v.pipe(v.array(PaperRecordSchema), v.maxLength(MAX_BATCH)),
  }),
  // How many papers the sender's tab shows now (the toolbar button's badge).
  v.object({ type: v.literal('pageCount'), count: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  // Cards that came into view: their code links are looked up (background only, cached).
  v.object({ type: v.literal('lookupCode'), ids }),
  v.object({ type: v.literal('listTags') }),
  v.object({ type: v.literal('renameTag'), from: shortText, to: shortText }),
  v.object({ type: v.literal('deleteTag'), tag: shortText }),
  v.object({ type: v.literal('setTagColor'), tag: shortText, color: shortText }),
  // The library page wrote these papers itself (an import, metadata completion): tell every tab and page.
  v.object({ type: v.literal('imported'), ids }),
  v.object({ type: v.literal('getSettings') }),
  v.object({ type: v.literal('setSettings'), patch: settingsPatch }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export function parseRequest(
  message: unknown,
): { ok: true; request: Request } | { ok: false; error: string } {
  const result = v.safeParse(RequestSchema, message);
  if (result.success) return { ok: true, request: result.output };
  const type =
    typeof message === 'object' && message && 'type' in message ? String(message.type) : typeof message;
  return {
    ok: false,
    error: `Rejected message "${type.slice(0, 40)}": ${result.issues[0]?.message ?? 'invalid'}`,
  };
}
