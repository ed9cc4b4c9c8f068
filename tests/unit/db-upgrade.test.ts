// Every saved database of an earlier schema version (tests/fixtures/db/v<N>.json, written by make-fixture.ts
// with the real MarginsDB of that version) opens with today's MarginsDB with nothing lost: every row of every
// table is still there with every field, the indexes answer queries, and the library can write to it.
// A new schema version adds a fixture file (made before the version changes), not a test.

import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { MarginsDB } from '../../lib/db';
import * as library from '../../lib/library';
import { getSettings } from '../../lib/settings';
import type { PaperRecord } from '../../lib/types';
import type { DbFixture } from '../fixtures/db/make-fixture';

const DIR = path.resolve(import.meta.dirname, '../fixtures/db');
const fixtures = readdirSync(DIR).filter((f) => /^v\d+\.json$/.test(f));

it('has a saved database for every schema version up to the current one', async () => {
  const db = new MarginsDB(`versions-${Math.random()}`);
  await db.open();
  const versions = fixtures.map((f) => Number(/\d+/.exec(f)![0])).sort((a, b) => a - b);
  expect(versions).toEqual(Array.from({ length: db.verno }, (_, i) => i + 1));
  db.close();
});

describe.each(fixtures)('a database saved at %s', (file) => {
  const fixture = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as DbFixture;

  async function upgraded(): Promise<MarginsDB> {
    const name = `upgrade-${file}-${Math.random()}`;
    const old = new Dexie(name);
    old.version(fixture.version).stores(fixture.schema);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
    });
    old.close();
    const db = new MarginsDB(name);
    await db.open();
    return db;
  }

  it('keeps every row of every table, field for field', async () => {
    const db = await upgraded();
    expect(db.verno).toBeGreaterThanOrEqual(fixture.version);
    for (const [table, rows] of Object.entries(fixture.tables)) {
      const now = await db.table(table).toArray();
      expect(now, table).toHaveLength(rows.length);
      expect(now, table).toEqual(rows.map((row) => expect.objectContaining(row as object)));
    }
  });

  it('answers queries through every index and accepts writes', async () => {
    const db = await upgraded();
    const papers = fixture.tables['papers'] as PaperRecord[];
    const tagged = (tag: string) => papers.filter((p) => p.tags.includes(tag)).map((p) => p.id);
    for (const tag of new Set(papers.flatMap((p) => p.tags))) {
      expect(await db.papers.where('tags').equals(tag).primaryKeys(), tag).toEqual(tagged(tag).sort());
    }
    const inLibrary = papers.filter((p) => p.inLibrary === 1);
    expect(await db.papers.where('inLibrary').equals(1).count()).toBe(inLibrary.length);
    // Newest first among library papers: recently touched (the popup), and (indexes added in v2) newly added,
    // `savedAt` or else `createdAt` (the library page). Equal times come in descending id order, as IndexedDB
    // walks an index backwards.
    for (const field of ['touchedAt', 'savedAt', 'createdAt'] as const) {
      const newest = await db.papers
        .where(`[inLibrary+${field}]`)
        .between([1, Dexie.minKey], [1, Dexie.maxKey])
        .reverse()
        .primaryKeys();
      expect(newest, field).toEqual(
        inLibrary
          .filter((p) => p[field] !== undefined)
          .sort((a, b) => b[field]! - a[field]! || (a.id < b.id ? 1 : -1))
          .map((p) => p.id),
      );
    }
    const tags = await library.listTags(db);
    expect(tags.map((t) => t.key).sort()).toEqual(
      (fixture.tables['tags'] as { key: string }[]).map((t) => t.key).sort(),
    );
    const settings = Object.fromEntries(
      (fixture.tables['settings'] as { key: string; value: unknown }[]).map((s) => [s.key, s.value]),
    );
    expect(await getSettings(db)).toMatchObject(settings);

    const first = papers[0]!;
    const [changed] = await library.setStatus(db, [first.id], first.status === 'read' ? 'unread' : 'read');
    expect(changed).toMatchObject({ id: first.id, tags: first.tags, note: first.note, title: first.title });
  });
});
