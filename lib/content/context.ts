// What the content scripts' build gives `main` in place of WXT's ContentScriptContext (swapped in by
// scripts/build/content-scripts.ts): the two members Margins uses. WXT's own also carries a location watcher,
// timer and listener wrappers, and a handshake that retires an older copy of the script in the same page
// (which only WXT's dev reloads start), about 0.8 KB gzip of every content script, whose budget is 20 KB.

import { browser } from 'wxt/browser';
import type { ContentScriptContext as WxtContext } from 'wxt/utils/content-script-context';

export type ContentContext = Pick<WxtContext, 'isValid' | 'onInvalidated'>;

export class ContentScriptContext implements ContentContext {
  private readonly aborter = new AbortController();

  /** False once the extension was reloaded, updated or removed under the page; the first read that notices
   *  it runs the onInvalidated callbacks. */
  get isValid(): boolean {
    if (browser.runtime?.id == null) this.aborter.abort();
    return !this.aborter.signal.aborted;
  }

  onInvalidated(callback: () => void): () => void {
    const { signal } = this.aborter;
    signal.addEventListener('abort', callback);
    return () => signal.removeEventListener('abort', callback);
  }
}
