// The site adapters and the one entry point the content script needs.
import { arxiv } from './arxiv';
import { huggingface } from './huggingface';
import type { PageKind, SiteAdapter } from './types';

export const adapters: SiteAdapter[] = [huggingface, arxiv];

/** The adapter serving this URL and what kind of page it is; hosts must match exactly. */
export function adapterFor(url: URL): { adapter: SiteAdapter; kind: PageKind } | undefined {
  for (const adapter of adapters) {
    const kind = adapter.pageKind(url);
    if (kind !== undefined) return { adapter, kind };
  }
  return undefined;
}
