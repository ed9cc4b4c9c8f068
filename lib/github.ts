// GitHub repository links, as papers mention them: in Hugging Face's `githubRepo`, in arXiv
// comments ("Code: https://github.com/…") and abstracts. Only https://github.com/<owner>/<repo>
// comes out, so a code badge can never point anywhere else.

/** First path segments that are GitHub's own pages, not users or organisations. */
const RESERVED_OWNERS = new Set(
  (
    'about account apps blog codespaces collections contact customer-stories dashboard enterprise ' +
    'events explore features gist issues join login logout marketplace new notifications orgs ' +
    'organizations pricing pulls readme search security settings site sponsors stars team teams ' +
    'topics trending users'
  ).split(' '),
);

const OWNER = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;
const REPO = /^[\w.-]{1,100}$/;
const TRAILING_PUNCTUATION = /[).,;:!?'"\]>}]+$/;

/** `https://github.com/<owner>/<repo>` for a link to a repository or anything inside it. */
export function normaliseGithubRepo(url: string): string | undefined {
  let text = url.trim().replace(TRAILING_PUNCTUATION, '');
  if (/^(?:www\.)?github\.com\//i.test(text)) text = `https://${text}`;
  if (!/^https?:\/\//i.test(text)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password || parsed.port) return undefined;
  if (parsed.hostname !== 'github.com' && parsed.hostname !== 'www.github.com') return undefined;
  const [owner = '', rawRepo = ''] = parsed.pathname.split('/').slice(1);
  const repo = rawRepo.replace(/\.git$/i, '');
  if (!OWNER.test(owner) || RESERVED_OWNERS.has(owner.toLowerCase())) return undefined;
  if (!REPO.test(repo) || repo === '.' || repo === '..') return undefined;
  return `https://github.com/${owner}/${repo}`;
}

// A GitHub address in prose: not preceded by a host-name character (so `evilgithub.com` and
// `github.com.evil.io` do not match), and ending before characters no repository path holds.
const GITHUB_IN_TEXT = /(?<![\w.@-])(?:https?:\/\/)?(?:www\.)?github\.com\/[^\s<>"'`()[\]{},;]+/gi;
const INTRODUCES_CODE = /\b(?:code|github|available|implementation|repository|repo|source)\b[^.]{0,40}$/i;

/** Distinct repositories mentioned in the texts (comments, abstracts, hrefs), best first: a link
 *  introduced by "code", "GitHub", "available at" comes before one merely mentioned. */
export function findGithubRepos(texts: string[]): string[] {
  const found = new Map<string, { url: string; introduced: boolean; order: number }>();
  for (const text of texts) {
    // A cheap pre-check: most abstracts name no GitHub address ("ithub.com" matches any case of the G).
    if (!text.includes('ithub.com') && !text.includes('ITHUB.COM')) continue;
    for (const match of text.matchAll(GITHUB_IN_TEXT)) {
      const url = normaliseGithubRepo(match[0]);
      if (url === undefined) continue;
      const before = text.slice(Math.max(0, match.index - 60), match.index);
      const introduced = INTRODUCES_CODE.test(before);
      const key = url.toLowerCase();
      const known = found.get(key);
      if (known === undefined) found.set(key, { url, introduced, order: found.size });
      else known.introduced ||= introduced;
    }
  }
  return [...found.values()]
    .sort((a, b) => Number(b.introduced) - Number(a.introduced) || a.order - b.order)
    .map((repo) => repo.url);
}
