// Tags: rename (onto an existing name merges), merge, delete, colour; with the number of papers per tag.

import { useState } from 'preact/hooks';
import type { TagInfo } from '../../lib/types';
import { TagChip } from '../TagChip';
import type { PagesStore } from './pages-store';

export interface TagManagerProps {
  store: PagesStore;
  counts: Record<string, number>;
}

export function TagManager({ store, counts }: TagManagerProps) {
  const [error, setError] = useState<string | undefined>();
  const run = (work: Promise<unknown>) =>
    work.then(
      () => setError(undefined),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  const tags = [...store.tags].sort(
    (a, b) => (counts[b.key] ?? 0) - (counts[a.key] ?? 0) || a.name.localeCompare(b.name),
  );

  return (
    <section class="tag-manager" aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <p class="hint">
        Renaming a tag to the name of another tag merges the two. Changes reach open listings at once.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {tags.length === 0 ? (
        <p class="empty">
          No tags yet. Press <kbd>t</kbd> on a paper to tag it.
        </p>
      ) : (
        <table class="tags-table">
          <thead>
            <tr>
              <th scope="col">Tag</th>
              <th scope="col">Papers</th>
              <th scope="col">Colour</th>
              <th scope="col">Rename or merge</th>
              <th scope="col">
                <span class="sr-only">Delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((tag) => (
              <TagRow
                key={tag.key}
                tag={tag}
                count={counts[tag.key] ?? 0}
                others={tags}
                store={store}
                run={run}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TagRow({
  tag,
  count,
  others,
  store,
  run,
}: {
  tag: TagInfo;
  count: number;
  others: TagInfo[];
  store: PagesStore;
  run: (work: Promise<unknown>) => void;
}) {
  const [name, setName] = useState(tag.name);
  const [confirming, setConfirming] = useState(false);
  const target = others.find((t) => t.key === name.trim().toLocaleLowerCase() && t.key !== tag.key);
  return (
    <tr data-tag={tag.key}>
      <td>
        <TagChip name={tag.name} color={tag.color} />
      </td>
      <td class="count">{count}</td>
      <td>
        <input
          type="color"
          aria-label={`Colour of ${tag.name}`}
          value={tag.color}
          onChange={(e) => run(store.setTagColor(tag.name, e.currentTarget.value))}
        />
      </td>
      <td>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() && name.trim() !== tag.name) run(store.renameTag(tag.name, name));
          }}
        >
          <input
            type="text"
            aria-label={`New name for ${tag.name}`}
            list="library-tags"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" disabled={!name.trim() || name.trim() === tag.name}>
            {target ? `Merge into ${target.name}` : 'Rename'}
          </button>
        </form>
      </td>
      <td>
        {confirming ? (
          <span class="confirm">
            Remove from {count} {count === 1 ? 'paper' : 'papers'}?{' '}
            <button type="button" class="danger" onClick={() => run(store.deleteTag(tag.name))}>
              Delete {tag.name}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            class="danger"
            aria-label={`Delete tag ${tag.name}`}
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
