import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { hasTag, TAG_MAX_LENGTH } from '../lib/tags';
import type { TagInfo } from '../lib/types';

const MAX_SUGGESTIONS = 6;

/** Existing tags that match what was typed (prefix matches first), minus those already applied. */
export function suggestTags(existing: TagInfo[], applied: string[], typed: string): TagInfo[] {
  const q = typed.trim().toLocaleLowerCase();
  const candidates = existing.filter((t) => !hasTag(applied, t.name));
  if (!q) return candidates.slice(0, MAX_SUGGESTIONS);
  const prefix = candidates.filter((t) => t.key.startsWith(q));
  const inner = candidates.filter((t) => !t.key.startsWith(q) && t.key.includes(q));
  return [...prefix, ...inner].slice(0, MAX_SUGGESTIONS);
}

let instances = 0;

export function TagInput({
  existing,
  applied,
  onAdd,
  onClose,
}: {
  existing: TagInfo[];
  applied: string[];
  onAdd: (name: string) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState('');
  const [active, setActive] = useState(-1);
  const [listId] = useState(() => `margins-tags-${++instances}`);
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  const suggestions = suggestTags(existing, applied, value);

  const add = (name: string) => {
    if (!name.trim()) return;
    onAdd(name);
    setValue('');
    setActive(-1);
  };

  return (
    <div class="tag-editor">
      <input
        ref={ref}
        type="text"
        aria-label="New tag"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={suggestions.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        maxLength={TAG_MAX_LENGTH}
        placeholder="tag, Enter to add"
        value={value}
        onInput={(e) => {
          // Only what the user types counts: the page's scripts can set the value and fire events too.
          if (!e.isTrusted) return;
          setValue((e.target as HTMLInputElement).value);
          setActive(-1);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (!e.isTrusted) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, suggestions.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, -1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            add(active >= 0 ? (suggestions[active]?.name ?? value) : value);
          } else if (e.key === 'Tab' && suggestions.length && value) {
            e.preventDefault();
            setValue(suggestions[Math.max(active, 0)]!.name);
          } else if (e.key === 'Escape') {
            onClose();
          }
        }}
      />
      {suggestions.length > 0 && (
        <ul class="suggestions" role="listbox" id={listId} aria-label="Your tags">
          {suggestions.map((t, i) => (
            <li
              key={t.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                if (e.isTrusted) add(t.name);
              }}
            >
              <span class="swatch" style={{ background: t.color }} />
              {t.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
