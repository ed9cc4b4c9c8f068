// The domain model shared by every part of Margins. Pure types: no runtime code here.

/** Canonical paper id: `arxiv:<id>` without version (e.g. `arxiv:2307.14549`, `arxiv:hep-th/9901001`).
 *  The `<scheme>:` prefix leaves room for `doi:<doi>` papers later. */
export type PaperId = string;

export type ReadStatus = 'unread' | 'reading' | 'read';
export const READ_STATUSES: readonly ReadStatus[] = ['unread', 'reading', 'read'];

export type SiteName = 'huggingface' | 'arxiv';

/** Where a code link came from, most trusted first. */
export type CodeSource = 'user' | 'page' | 'text' | 'api';

export interface CodeLink {
  /** Always a normalised `https://github.com/<owner>/<repo>`. */
  url: string;
  stars?: number;
  source: CodeSource;
  /** ms since epoch when this link was found or last confirmed. */
  at: number;
}

/** What a page tells us about a paper at the moment it is seen. Every field but the id is optional:
 *  cards show different subsets, and later sightings fill gaps left by earlier ones. */
export interface PaperMeta {
  id: PaperId;
  title?: string;
  authors?: string[];
  /** True when the page showed only the first few authors ("· 12 authors", "et al."). */
  authorsTruncated?: boolean;
  abstract?: string;
  /** First arXiv version, ISO 8601 date or date-time. */
  published?: string;
  /** Latest arXiv version, ISO 8601. */
  updated?: string;
  primaryCategory?: string;
  categories?: string[];
  comments?: string;
  journalRef?: string;
  doi?: string;
  /** Code link the page itself offers (HF `githubRepo`, a GitHub link in arXiv comments). */
  code?: CodeLink;
  projectPage?: string;
  upvotes?: number;
}

export interface Sighting {
  site: SiteName;
  url: string;
  at: number;
}

/** One record per paper, whichever site it was seen on. */
export interface PaperRecord extends PaperMeta {
  title: string;
  authors: string[];
  seen: Sighting[];
  status: ReadStatus;
  /** Display names; unique case-insensitively. */
  tags: string[];
  note: string;
  /** 1 when the paper is in the user's library, 0 when it is only remembered from a page
   *  (IndexedDB cannot index booleans). */
  inLibrary: 0 | 1;
  createdAt: number;
  updatedAt: number;
  /** When the user last changed status, tags, note or library membership (drives "recent"). */
  touchedAt?: number;
  savedAt?: number;
  readAt?: number;
  /** The user removed the code link: no page or API may set one again. */
  codeCleared?: boolean;
  /** Set when metadata was completed from the arXiv API (export issue). */
  metaCheckedAt?: number;
}

export interface TagInfo {
  /** Lower-cased, trimmed name: the tag's identity. */
  key: string;
  /** Name as the user first typed it. */
  name: string;
  color: string;
}

export interface Settings {
  /** How read papers look on listings. */
  readAppearance: 'dim' | 'hide' | 'none';
  /** Which site opens when the user opens a paper from the popup or library. */
  openOn: SiteName;
}

export const DEFAULT_SETTINGS: Settings = { readAppearance: 'dim', openOn: 'arxiv' };
