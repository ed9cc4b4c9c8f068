// The controls in a paper card's margin: read status, library, tags, note and code badge.
// Rendered into the card's own shadow root; everything shown is text from data, never HTML.

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TagInfo } from '../lib/types';
import type { PaperRecord, ReadStatus } from '../lib/types';
import { normaliseGithubRepo } from '../lib/github';
import { formatStars } from '../lib/stars';
import { TagChip } from './TagChip';
import { TagInput } from './TagInput';

export interface WidgetActions {
  toggleStatus(status: ReadStatus): void;
  setInLibrary(inLibrary: boolean): void;
  addTag(name: string): void;
  removeTag(name: string): void;
  setNote(note: string): void;
  /** A hand-set code link, or null to clear the link for good. */
  setCode(url: string | null): void;
}

export type Editor = 'tag' | 'note' | 'code';
export interface OpenRequest {
  editor: Editor;
  seq: number;
}

export interface WidgetProps {
  record: PaperRecord | undefined;
  tags: TagInfo[];
  actions: WidgetActions;
  /** Which editor the keyboard asked to open ('t' or 'n'), with a counter so the same key reopens it. */
  openRequest?: OpenRequest;
}

const NOTE_SAVE_DELAY_MS = 400;

/** Events from the page's scripts are untrusted: only a real user's input may change the library. */
function trusted(handler: () => void) {
  return (event: Event) => {
    if (event.isTrusted) handler();
  };
}

export function Widget({ record, tags, actions, openRequest }: WidgetProps) {
  const status = record?.status ?? 'unread';
  const inLibrary = record?.inLibrary === 1;
  const [editor, setEditor] = useState<Editor | undefined>();

  // Layout effects run in the same task as the key press, so the editor has focus before the next key.
  useLayoutEffect(() => {
    if (openRequest) setEditor(openRequest.editor);
  }, [openRequest]);

  const colors = new Map(tags.map((t) => [t.key, t.color]));
  return (
    <div class={`margins ${status}`} part="widget">
      <div class="row">
        <button
          type="button"
          class="status read"
          aria-pressed={status === 'read'}
          aria-label={status === 'read' ? 'Mark as unread' : 'Mark as read'}
          title={status === 'read' ? 'Read — mark as unread (r)' : 'Mark as read (r)'}
          onClick={trusted(() => actions.toggleStatus('read'))}
        >
          <span aria-hidden="true">✓</span>
          <span class="label">Read</span>
        </button>
        <button
          type="button"
          class="status reading"
          aria-pressed={status === 'reading'}
          aria-label="Mark as reading"
          title={status === 'reading' ? 'Reading — mark as unread (e)' : 'Mark as reading (e)'}
          onClick={trusted(() => actions.toggleStatus('reading'))}
        >
          <span aria-hidden="true">◐</span>
        </button>
        <button
          type="button"
          class="save"
          aria-pressed={inLibrary}
          aria-label={inLibrary ? 'Remove from library' : 'Save to library'}
          title={inLibrary ? 'In your library — remove (s)' : 'Save to library (s)'}
          onClick={trusted(() => actions.setInLibrary(!inLibrary))}
        >
          <span aria-hidden="true">{inLibrary ? '★' : '☆'}</span>
        </button>
        <button
          type="button"
          class="tag-add"
          aria-label="Add tag"
          aria-expanded={editor === 'tag'}
          title="Add tag (t)"
          onClick={trusted(() => setEditor(editor === 'tag' ? undefined : 'tag'))}
        >
          <span aria-hidden="true">#</span>
        </button>
        <button
          type="button"
          class={`note-toggle${record?.note ? ' has-note' : ''}`}
          aria-label="Note"
          aria-expanded={editor === 'note'}
          title="Note (n)"
          onClick={trusted(() => setEditor(editor === 'note' ? undefined : 'note'))}
        >
          <span aria-hidden="true">✎</span>
        </button>
        {record?.code && <CodeBadge code={record.code} projectPage={record.projectPage} />}
        <button
          type="button"
          class="code-edit"
          aria-label={record?.code ? 'Edit code link' : 'Add code link'}
          aria-expanded={editor === 'code'}
          title={record?.code ? 'Correct or clear the code link' : 'Add a link to the code'}
          onClick={trusted(() => setEditor(editor === 'code' ? undefined : 'code'))}
        >
          <span aria-hidden="true">{'</>'}</span>
        </button>
        {record?.tags.map((t) => (
          <TagChip
            key={t}
            name={t}
            color={colors.get(t.toLocaleLowerCase())}
            onRemove={trusted(() => actions.removeTag(t))}
          />
        ))}
      </div>
      {editor === 'tag' && (
        <TagInput
          existing={tags}
          applied={record?.tags ?? []}
          onAdd={(name) => actions.addTag(name)}
          onClose={() => setEditor(undefined)}
        />
      )}
      {editor === 'code' && (
        <CodeEditor
          current={record?.code?.url ?? ''}
          onSave={(url) => {
            actions.setCode(url);
            setEditor(undefined);
          }}
          onClose={() => setEditor(undefined)}
        />
      )}
      {editor === 'note' ? (
        <NoteEditor
          initial={record?.note ?? ''}
          onSave={actions.setNote}
          onClose={() => setEditor(undefined)}
        />
      ) : (
        record?.note && (
          <p class="note-preview" title={record.note}>
            {record.note.split('\n')[0]}
          </p>
        )
      )}
    </div>
  );
}

function CodeBadge({ code, projectPage }: { code: NonNullable<PaperRecord['code']>; projectPage?: string }) {
  const repo = code.url.replace('https://github.com/', '');
  const source = {
    user: 'set by you',
    page: 'from the page',
    text: 'from the paper text',
    api: 'from Hugging Face',
  }[code.source];
  const stars = code.stars === undefined ? '' : ` ★ ${formatStars(code.stars)}`;
  return (
    <>
      <a
        class="code"
        href={code.url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`GitHub ${repo}${stars ? `, ${code.stars} stars` : ''}`}
        title={`${code.url} (${source})`}
      >
        <span aria-hidden="true">⌥</span> {repo.split('/')[1]}
        {stars && <span class="stars">{stars}</span>}
      </a>
      {projectPage?.startsWith('https://') && (
        <a class="project" href={projectPage} target="_blank" rel="noopener noreferrer" title={projectPage}>
          Project page
        </a>
      )}
    </>
  );
}

function CodeEditor({
  current,
  onSave,
  onClose,
}: {
  current: string;
  onSave: (url: string | null) => void;
  onClose: () => void;
}) {
  const [value, setValue] = useState(current);
  const [error, setError] = useState('');
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => ref.current?.focus(), []);
  const save = () => {
    const repo = normaliseGithubRepo(value.trim());
    if (!repo) setError('Only links to a GitHub repository: https://github.com/owner/repo');
    else onSave(repo);
  };
  return (
    <div class="code-editor">
      <input
        ref={ref}
        type="url"
        aria-label="GitHub repository"
        placeholder="https://github.com/owner/repo"
        value={value}
        onInput={(e) => e.isTrusted && setValue((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (!e.isTrusted) return;
          if (e.key === 'Enter') save();
          if (e.key === 'Escape') onClose();
        }}
      />
      <button type="button" onClick={trusted(save)}>
        Save link
      </button>
      {current && (
        <button type="button" onClick={trusted(() => onSave(null))}>
          Clear link
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function NoteEditor({
  initial,
  onSave,
  onClose,
}: {
  initial: string;
  onSave: (note: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const saved = useRef(initial);
  // The text as the user typed it: the page's scripts can rewrite the textarea, not this.
  const typed = useRef(initial);
  const flush = () => {
    clearTimeout(timer.current);
    if (typed.current !== saved.current) {
      saved.current = typed.current;
      onSave(typed.current);
    }
  };
  useLayoutEffect(() => {
    ref.current?.focus();
    return flush;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <textarea
      ref={ref}
      class="note"
      aria-label="Note"
      rows={3}
      maxLength={10_000}
      placeholder="A short note… (saved as you type, Esc closes)"
      defaultValue={initial}
      onInput={(e) => {
        if (!e.isTrusted) return;
        typed.current = e.currentTarget.value;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, NOTE_SAVE_DELAY_MS);
      }}
      onBlur={flush}
      onKeyDown={(e) => {
        if (e.isTrusted && e.key === 'Escape') {
          e.stopPropagation();
          flush();
          onClose();
        }
      }}
    />
  );
}
