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
  const id = fromUrl(s) ?? fromDoi(s) ?? parseArxivId(s.replace(/^arxiv:\s?/i, ''))?.id;
  return id === undefined ? undefined : `arxiv:${id}`;
}

function fromDoi(s: string): string | undefined {
  const doi = ARXIV_DOI.exec(s.replace(/^doi:\s?/i, ''));
  return doi ? parseArxivId(doi[1] ?? '')?.id : undefined;
}

function fromUrl(s: string): string | undefined {
  const text = SCHEMELESS_HOST.test(s) ? `https://${s}` : s;
  if (!/^https?:\/\//i.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.port) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  const host = url.hostname;
  if (ARXIV_HOSTS.has(host)) {
    // /abs/<id>, /pdf/<id>[.pdf], /html/<id>[/<file inside the HTML rendering>]
    const m = /^\/(abs|pdf|html)\/(.+?)\/?$/.exec(path);
    if (!m) return undefined;
    const view = m[1];
    const rest = m[2] ?? '';
    if (view === 'pdf') return parseArxivId(rest.replace(/\.pdf$/i, ''))?.id;
    if (view === 'abs') return parseArxivId(rest)?.id;
    const segments = rest.split('/');
    return (parseArxivId(segments[0] ?? '') ?? parseArxivId(segments.slice(0, 2).join('/')))?.id;
  }
  if (HF_HOSTS.has(host)) {
    const m = /^\/papers\/([^/]+)\/?$/.exec(path);
    return m ? parseArxivId(m[1] ?? '')?.id : undefined;
  }
  if (DOI_HOSTS.has(host)) return fromDoi(path.slice(1));
  return undefined;
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
