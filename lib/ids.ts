// Canonical paper ids. Every form a user meets (bare ids, `arXiv:` prefixes, arxiv.org and
// huggingface.co URLs, arXiv DOIs) folds to one `arxiv:<id>` without version, so one paper is one
// record whatever site it was seen on. Anything doubtful yields undefined rather than a wrong id.
import type { PaperId } from './types';

export interface ArxivIdParts {
  /** The id without version: `2307.14549`, `hep-th/9901001`. */
  id: string;
  version?: number;
}

/** Archives that issued old-style ids (arXiv's taxonomy, 1991-2007), including retired ones. */
const OLD_ARCHIVES = new Set(
  (
    'acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas ' +
    'cond-mat cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex ' +
    'nucl-th patt-sol physics plasm-ph q-alg q-bio q-fin quant-ph solv-int stat supr-con'
  ).split(' '),
);

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d{0,3}))?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z-]{2,})?\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d{0,3}))?$/i;

/** A bare arXiv id (`2307.14549v3`, `hep-th/9901001`, `math.GT/0309136`), validated. */
export function parseArxivId(input: string): ArxivIdParts | undefined {
  const s = input.trim();
  const fresh = NEW_STYLE.exec(s);
  if (fresh) {
    const [, yy, mm, seq, v] = fresh as unknown as [string, string, string, string, string | undefined];
    const yymm = Number(yy + mm);
    const month = Number(mm);
    // New-style ids began in April 2007; the sequence grew to five digits in January 2015.
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    if (seq.length !== (yymm >= 1501 ? 5 : 4) || Number(seq) === 0) return undefined;
    return withVersion(`${yy}${mm}.${seq}`, v);
  }
  const old = OLD_STYLE.exec(s);
  if (old) {
    const [, archive, yy, mm, seq, v] = old as unknown as [string, string, string, string, string, string?];
    const year = Number(yy);
    const month = Number(mm);
    const lower = archive.toLowerCase();
    // Old-style ids ran from 1991 to March 2007. The subject class (`math.GT/…`) is not part of the
    // paper's identity: arXiv serves math.GT/0309136 as math/0309136, and DOIs use the short form.
    if (!OLD_ARCHIVES.has(lower) || month < 1 || month > 12 || Number(seq) === 0) return undefined;
    if (!(year >= 91 || year <= 6 || (year === 7 && month <= 3))) return undefined;
    return withVersion(`${lower}/${yy}${mm}${seq}`, v);
  }
  return undefined;
}

function withVersion(id: string, version: string | undefined): ArxivIdParts {
  return version ? { id, version: Number(version) } : { id };
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co']);
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
const SCHEMELESS_HOST = /^(?:(?:www\.|export\.)?arxiv\.org|(?:www\.)?huggingface\.co|(?:dx\.)?doi\.org)\//i;

/** The canonical id of a paper from any id, URL or DOI form; undefined when unsure. */
export function canonicalId(input: string): PaperId | undefined {
  const s = input.trim();
  if (s.length === 0 || s.length > 2048) return undefined;
  return fromUrl(s) ?? fromDoi(s) ?? bareToCanonical(s.replace(/^arxiv:\s?/i, ''));
}

/** The canonical id of a bare arXiv id (`2307.14549v3` → `arxiv:2307.14549`). */
export function bareToCanonical(bare: string): PaperId | undefined {
  const parsed = parseArxivId(bare);
  return parsed ? `arxiv:${parsed.id}` : undefined;
}

function fromDoi(s: string): PaperId | undefined {
  const doi = ARXIV_DOI.exec(s.replace(/^doi:\s?/i, ''));
  return doi ? bareToCanonical(doi[1] ?? '') : undefined;
}

function fromUrl(s: string): PaperId | undefined {
  const text = SCHEMELESS_HOST.test(s) ? `https://${s}` : s;
  if (!/^https?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.port) return undefined;
  const host = url.hostname;
  if (ARXIV_HOSTS.has(host)) return arxivPathId(url.pathname);
  if (HF_HOSTS.has(host)) return huggingfacePathId(url.pathname);
  if (DOI_HOSTS.has(host)) {
    const path = decodedPath(url.pathname);
    return path === undefined ? undefined : fromDoi(path.slice(1));
  }
  return undefined;
}

function decodedPath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** The paper of an arxiv.org page, from its URL's path: /abs/<id>, /pdf/<id>[.pdf],
 *  /html/<id>[/<file inside the HTML rendering>]. */
export function arxivPathId(pathname: string): PaperId | undefined {
  const m = /^\/(abs|pdf|html)\/(.+?)\/?$/.exec(decodedPath(pathname) ?? '');
  if (!m) return undefined;
  const view = m[1];
  const rest = m[2] ?? '';
  if (view === 'pdf') return bareToCanonical(rest.replace(/\.pdf$/i, ''));
  if (view === 'abs') return bareToCanonical(rest);
  const segments = rest.split('/');
  return bareToCanonical(segments[0] ?? '') ?? bareToCanonical(segments.slice(0, 2).join('/'));
}

/** The paper of a huggingface.co page, from its URL's path: /papers/<id>. */
export function huggingfacePathId(pathname: string): PaperId | undefined {
  const m = /^\/papers\/([^/]+)\/?$/.exec(decodedPath(pathname) ?? '');
  return m ? bareToCanonical(m[1] ?? '') : undefined;
}

/** The bare arXiv id of a canonical id (`arxiv:2307.14549` → `2307.14549`). */
export function arxivIdOf(id: PaperId): string | undefined {
  return id.startsWith('arxiv:') ? parseArxivId(id.slice(6))?.id : undefined;
}

export function arxivUrl(id: PaperId, view: 'abs' | 'pdf' = 'abs'): string | undefined {
  const bare = arxivIdOf(id);
  return bare === undefined ? undefined : bareArxivUrl(bare, view);
}

/** The page of a bare arXiv id (`1706.03762`), for callers that already parsed it. */
export function bareArxivUrl(bare: string, view: 'abs' | 'pdf' = 'abs'): string {
  return `https://arxiv.org/${view}/${bare}`;
}

/** Hugging Face indexes papers under new-style ids only. */
export function huggingfaceUrl(id: PaperId): string | undefined {
  const bare = arxivIdOf(id);
  return bare === undefined || bare.includes('/') ? undefined : `https://huggingface.co/papers/${bare}`;
}

export function arxivDoi(id: PaperId): string | undefined {
  const bare = arxivIdOf(id);
  return bare === undefined ? undefined : bareArxivDoi(bare);
}

/** The DOI arXiv registers for a bare id. */
export function bareArxivDoi(bare: string): string {
  return `10.48550/arXiv.${bare}`;
}
