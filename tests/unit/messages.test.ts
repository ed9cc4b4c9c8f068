import { describe, expect, it } from 'vitest';
import { parseBroadcast } from '../../lib/broadcasts';
import { parseRequest } from '../../lib/messages';
import { request, RequestError } from '../../lib/messenger';

describe('message contract', () => {
  it('accepts a well-formed request', () => {
    const parsed = parseRequest({ type: 'setStatus', ids: ['arxiv:2307.14549'], status: 'read' });
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['unknown type', { type: 'dropDatabase' }],
    ['missing field', { type: 'setStatus', ids: ['arxiv:1'] }],
    ['bad status', { type: 'setStatus', ids: ['arxiv:1'], status: 'done' }],
    ['id without scheme', { type: 'get', ids: ['2307.14549'] }],
    ['tag too long', { type: 'addTag', ids: ['arxiv:1'], tag: 'x'.repeat(3000) }],
    ['too many ids', { type: 'get', ids: Array.from({ length: 5001 }, (_, i) => `arxiv:${i}`) }],
    ['number where a string goes', { type: 'setNote', id: 'arxiv:1', note: 42 }],
  ])('rejects %s with an error message', (_name, message) => {
    const parsed = parseRequest(message);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/^Rejected message/);
  });

  it('ignores broadcasts of unknown shape', () => {
    expect(parseBroadcast({ type: 'changed', records: [{ id: 'arxiv:1' }] })).toBeDefined();
    expect(parseBroadcast({ type: 'changed', records: 'x' })).toBeUndefined();
    expect(parseBroadcast({ type: 'evil' })).toBeUndefined();
  });
});

describe('request with retry', () => {
  const msg = { type: 'listTags' } as const;

  it('retries while the service worker is not there yet, then delivers', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls < 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { ok: true, value: 'tags' };
    };
    await expect(request(send, msg, { firstDelayMs: 1 })).resolves.toBe('tags');
    expect(calls).toBe(3);
  });

  it('retries a missing reply (worker stopped mid-message)', async () => {
    let calls = 0;
    const send = async () => (++calls === 1 ? undefined : { ok: true, value: 1 });
    await expect(request(send, msg, { firstDelayMs: 1 })).resolves.toBe(1);
  });

  it('does not retry a rejected request, and says why', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      return { ok: false, error: 'Rejected message "x": invalid' };
    };
    await expect(request(send, msg)).rejects.toThrow(RequestError);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with a clear message', async () => {
    const send = async () => {
      throw new Error('Receiving end does not exist.');
    };
    await expect(request(send, msg, { attempts: 3, firstDelayMs: 1 })).rejects.toThrow(
      /could not reach its background/,
    );
  });
});
