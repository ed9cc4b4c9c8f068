// Every site adapter, for the tests and benches that need them all. Each content script imports only its own
// (entrypoints/*.content.ts), so that its bundle carries no other site's code.
import { arxivAbstract, arxivListing, arxivSearch } from './arxiv';
import { huggingface } from './huggingface';
import type { SiteAdapter } from './types';

export { adapterFor } from './types';

export const adapters: readonly SiteAdapter[] = [huggingface, arxivListing, arxivSearch, arxivAbstract];
