import { describe, expect, it } from 'vitest';
import { parseBroadcast, parseTabRequest } from '../../lib/broadcasts';
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
});

describe('broadcasts and tab requests (checked by hand, without a schema library)', () => {
  const record = { id: 'arxiv:2307.14549', status: 'read', tags: ['x'], updatedAt: 5 };

  it.each([
    ['changed', { type: 'changed', records: [record] }, { type: 'changed', records: [record] }],
    ['changed, no records', { type: 'changed', records: [] }, { type: 'changed', records: [] }],
    ['tagsChanged', { type: 'tagsChanged' }, { type: 'tagsChanged' }],
    [
      'settingsChanged',
      { type: 'settingsChanged', settings: { readAppearance: 'hide' } },
      { type: 'settingsChanged', settings: { readAppearance: 'hide' } },
    ],
    ['unknown fields dropped', { type: 'tagsChanged', evil: '<img>' }, { type: 'tagsChanged' }],
  ])('takes the broadcast %s', (_name, message, expected) => {
    expect(parseBroadcast(message)).toEqual(expected);
  });

  it.each([
    ['not an object', 'changed'],
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ type: 'tagsChanged' }]],
    ['no type', { records: [record] }],
    ['unknown type', { type: 'evil' }],
    ['type of another case', { type: 'Changed', records: [record] }],
    ['a request', { type: 'setStatus', ids: ['arxiv:1'], status: 'read' }],
    ['records not an array', { type: 'changed', records: 'x' }],
    ['records missing', { type: 'changed' }],
    ['a record not an object', { type: 'changed', records: [record, 'arxiv:1'] }],
    ['a null record', { type: 'changed', records: [null] }],
    ['a record without id', { type: 'changed', records: [{ status: 'read' }] }],
    ['an id without scheme', { type: 'changed', records: [{ id: '2307.14549' }] }],
    ['an id with a space', { type: 'changed', records: [{ id: 'arxiv:1 2' }] }],
    ['an id too long', { type: 'changed', records: [{ id: `arxiv:${'1'.repeat(201)}` }] }],
    ['an id not a string', { type: 'changed', records: [{ id: 42 }] }],
    ['settings missing', { type: 'settingsChanged' }],
    ['settings null', { type: 'settingsChanged', settings: null }],
    ['settings a string', { type: 'settingsChanged', settings: 'hide' }],
  ])('ignores the broadcast: %s', (_name, message) => {
    expect(parseBroadcast(message)).toBeUndefined();
  });

  it.each([
    ['tabPapers', { type: 'tabPapers' }, { type: 'tabPapers' }],
    [
      'focusPaper',
      { type: 'focusPaper', id: 'arxiv:2307.14549' },
      { type: 'focusPaper', id: 'arxiv:2307.14549' },
    ],
    [
      'unknown fields dropped',
      { type: 'focusPaper', id: 'arxiv:1', scroll: true },
      { type: 'focusPaper', id: 'arxiv:1' },
    ],
  ])('takes the tab request %s', (_name, message, expected) => {
    expect(parseTabRequest(message)).toEqual(expected);
  });

  it.each([
    ['not an object', 'tabPapers'],
    ['null', null],
    ['unknown type', { type: 'dropDatabase' }],
    ['a broadcast', { type: 'tagsChanged' }],
    ['focusPaper without id', { type: 'focusPaper' }],
    ['focusPaper with a bad id', { type: 'focusPaper', id: 'javascript:alert(1) ' }],
    ['focusPaper with an id not a string', { type: 'focusPaper', id: ['arxiv:1'] }],
  ])('ignores the tab request: %s', (_name, message) => {
    expect(parseTabRequest(message)).toBeUndefined();
  });
});

describe('request with retry', () => {
  const msg = { type: 'listTags' } as const;

  // Chrome's words for a worker that is not there yet, and for one stopped while it handled the message.
  it.each([
    'Could not establish connection. Receiving end does not exist.',
    'The message port closed before a response was received.',
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
  ])('retries "%s", then delivers', async (text) => {
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls < 3) throw new Error(text);
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
