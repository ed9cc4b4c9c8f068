// Sending requests to the background so that none is lost while an MV3 service worker is stopped or starting:
// the browser wakes the worker on the next message, but a message sent while it is shutting down can fail with
// "Receiving end does not exist", "the message channel closed" (stopped while handling it: the write may or may
// not have happened, and every request is safe to repeat) or resolve with no reply. Those are retried with
// back-off; an answer that says the request was rejected is not.

import type { Reply, Request } from './messages';

export type Send = (message: Request) => Promise<unknown>;

export class RequestError extends Error {}

const TRANSIENT =
  /receiving end does not exist|could not establish connection|message (port|channel) closed|extension context|no reply/i;

export interface RetryOptions {
  attempts?: number;
  firstDelayMs?: number;
}

export async function request<T>(send: Send, message: Request, options: RetryOptions = {}): Promise<T> {
  // 8 attempts wait up to 6.35 s in all: a stopped worker restarting on a loaded machine took longer than the
  // 1.55 s of 6 (an edit sent as the worker stopped was rolled back in CI, lifecycle.spec.ts).
  const attempts = options.attempts ?? 8;
  let delay = options.firstDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    let reply: unknown;
    try {
      reply = await send(message);
      if (reply === undefined) throw new Error('no reply');
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      // An invalidated context (extension reloaded) never comes back: do not retry that one.
      if (attempt >= attempts || !TRANSIENT.test(text) || /context invalidated/i.test(text)) {
        throw new RequestError(`Margins could not reach its background: ${text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
      continue;
    }
    const answer = reply as Reply<T>;
    if (answer.ok) return answer.value;
    throw new RequestError(answer.error);
  }
}
