// How much of a paper's text Margins keeps: the message contract rejects anything larger, so the content script
// trims what a page shows to these limits first (one over-long author list must not cost the whole page).

import { normaliseGithubRepo } from './github';
import type { PaperMeta } from './types';

export const LIMITS = {
  /** Titles, abstracts, comments, notes. */
  longText: 100_000,
  /** Names, dates, categories, tags. */
  shortText: 2_000,
  url: 4_000,
  authors: 5_000,
  categories: 50,
} as const;

const cut = (text: string | undefined, max: number) => (text === undefined ? undefined : text.slice(0, max));

/** A link Margins may show as a paper's code: a normalised GitHub repository and nothing else. */
export function isSafeCodeUrl(url: string): boolean {
  return normaliseGithubRepo(url) === url;
}

export function isSafeProjectPage(url: string): boolean {
  return url.startsWith('https://') && url.length <= LIMITS.url;
}

/** The metadata trimmed to the contract's limits; unsafe links dropped. */
export function clampMeta(meta: PaperMeta): PaperMeta {
  const out: PaperMeta = {
    ...meta,
    title: cut(meta.title, LIMITS.longText),
    abstract: cut(meta.abstract, LIMITS.longText),
    comments: cut(meta.comments, LIMITS.longText),
    published: cut(meta.published, LIMITS.shortText),
    updated: cut(meta.updated, LIMITS.shortText),
    primaryCategory: cut(meta.primaryCategory, LIMITS.shortText),
    journalRef: cut(meta.journalRef, LIMITS.shortText),
    doi: cut(meta.doi, LIMITS.shortText),
    authors: meta.authors?.slice(0, LIMITS.authors).map((a) => a.slice(0, LIMITS.shortText)),
    categories: meta.categories?.slice(0, LIMITS.categories).map((c) => c.slice(0, LIMITS.shortText)),
    code: meta.code && isSafeCodeUrl(meta.code.url) ? meta.code : undefined,
    projectPage: meta.projectPage && isSafeProjectPage(meta.projectPage) ? meta.projectPage : undefined,
  };
  for (const key of Object.keys(out) as (keyof PaperMeta)[]) if (out[key] === undefined) delete out[key];
  return out;
}
