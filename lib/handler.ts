// The background's answer to each request: one switch over the validated contract, calling library
// operations and saying which broadcasts the change needs. No browser API here: the entrypoint wires it.

import { needsCodeLookup, type CodeLookupService } from './code-lookup';
import type { MarginsDB } from './db';
import * as library from './library';
import type { Broadcast } from './broadcasts';
import type { Reply, Request } from './messages';
import { getSettings, updateSettings } from './settings';
import type { PaperRecord } from './types';

export interface Handled {
  value: unknown;
  broadcasts: Broadcast[];
  /** The count to show on the toolbar button of the sender's tab. */
  badge?: number;
}

const changed = (records: PaperRecord[]): Broadcast[] =>
  records.length ? [{ type: 'changed', records }] : [];
const withTags = (records: PaperRecord[]): Broadcast[] => [...changed(records), { type: 'tagsChanged' }];

export interface Services {
  codeLookup?: CodeLookupService;
}

export async function handleRequest(db: MarginsDB, req: Request, services: Services = {}): Promise<Handled> {
  switch (req.type) {
    case 'seen': {
      const records = await library.recordSeen(db, req.papers, { site: req.site, url: req.url });
      return { value: records, broadcasts: [] };
    }
    case 'get':
      return { value: await library.getMany(db, req.ids), broadcasts: [] };
    case 'setStatus': {
      const records = await library.setStatus(db, req.ids, req.status, req.metas);
      return { value: records, broadcasts: changed(records) };
    }
    case 'addTag': {
      const records = await library.addTag(db, req.ids, req.tag, req.metas);
      return { value: records, broadcasts: withTags(records) };
    }
    case 'removeTag': {
      const records = await library.removeTag(db, req.ids, req.tag);
      return { value: records, broadcasts: withTags(records) };
    }
    case 'setNote': {
      const records = await library.setNote(db, req.id, req.note, req.metas);
      return { value: records, broadcasts: changed(records) };
    }
    case 'setInLibrary': {
      // One transaction, begun as the request arrives: a save sent right after a removal is written after it.
      const [previous, records] = await db.transaction('rw', db.papers, db.tags, async () => [
        (await library.getMany(db, req.ids)).filter((r): r is PaperRecord => !!r),
        await library.setInLibrary(db, req.ids, req.inLibrary, req.metas),
      ]);
      const changedIds = new Set(records.map((r) => r.id));
      // The previous state of what changed is the undo.
      return {
        value: { records, previous: previous.filter((r) => changedIds.has(r.id)) },
        broadcasts: changed(records),
      };
    }
    case 'restore': {
      const records = await library.restore(db, req.records);
      return { value: records, broadcasts: withTags(records) };
    }
    case 'setCode': {
      const records = await library.setCode(db, req.id, req.code);
      return { value: records, broadcasts: changed(records) };
    }
    case 'pageCount':
      return { value: null, broadcasts: [], badge: req.count };
    case 'lookupCode': {
      const records = await library.getMany(db, req.ids);
      // A paper not stored yet (its 'seen' still in flight) is asked too; the answer is cached either way.
      const wanted = req.ids.filter((id, i) => needsCodeLookup(records[i] ?? { id }));
      // Answers arrive later, as broadcasts of the changed records: the request returns at once.
      if (wanted.length && services.codeLookup) void services.codeLookup.lookup(wanted, { priority: wanted });
      return { value: wanted.length, broadcasts: [] };
    }
    case 'listTags':
      return { value: await library.listTags(db), broadcasts: [] };
    case 'renameTag':
      return { value: null, broadcasts: withTags(await library.renameTag(db, req.from, req.to)) };
    case 'deleteTag':
      return { value: null, broadcasts: withTags(await library.deleteTag(db, req.tag)) };
    case 'setTagColor':
      await library.setTagColor(db, req.tag, req.color);
      return { value: null, broadcasts: [{ type: 'tagsChanged' }] };
    case 'imported': {
      const records = (await library.getMany(db, req.ids)).filter((r): r is PaperRecord => !!r);
      // A backup may also have filled settings this browser never set.
      const settings: Broadcast = { type: 'settingsChanged', settings: await getSettings(db) };
      return { value: records.length, broadcasts: [...withTags(records), settings] };
    }
    case 'getSettings':
      return { value: await getSettings(db), broadcasts: [] };
    case 'setSettings': {
      const settings = await updateSettings(db, req.patch);
      return { value: settings, broadcasts: [{ type: 'settingsChanged', settings }] };
    }
  }
}

/** A failed request's reply, in words the user can act on: a full disk says so, whatever wrapped it. */
export function failureReply(error: unknown): Reply<never> {
  // Dexie wraps the browser's DOMException (in `inner`, an aborted transaction's error too).
  for (let e = error; e instanceof Error; e = (e as { inner?: unknown }).inner) {
    if (e.name === 'QuotaExceededError') {
      return {
        ok: false,
        error:
          'the disk is full, or the browser gives Margins no more room. Free some space and try again; ' +
          'what was saved before is kept.',
      };
    }
  }
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}
