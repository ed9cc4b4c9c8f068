// A saved paper as a result row, and the small pieces the library table reuses: status control, code link,
// tag chips. Text only: titles, tags and notes are rendered as text, never as HTML.

import { shortAuthors } from '../lib/open-paper';
import { formatStars } from '../lib/stars';
import { READ_STATUSES, type PaperRecord, type ReadStatus } from '../lib/types';
import { TagChip } from './TagChip';

const STATUS_LABEL: Record<ReadStatus, string> = { unread: 'Unread', reading: 'Reading', read: 'Read' };

export function StatusSelect({
  record,
  onChange,
}: {
  record: PaperRecord;
  onChange: (status: ReadStatus) => void;
}) {
  return (
    <select
      class={`status-select ${record.status}`}
      aria-label={`Status of ${record.title || record.id}`}
      value={record.status}
      onChange={(e) => onChange(e.currentTarget.value as ReadStatus)}
    >
      {READ_STATUSES.map((s) => (
        <option key={s} value={s}>
          {STATUS_LABEL[s]}
        </option>
      ))}
    </select>
  );
}

export function CodeLink({ code }: { code: PaperRecord['code'] }) {
  if (!code) return null;
  const repo = code.url.replace('https://github.com/', '');
  return (
    <a
      class="code-link"
      href={code.url}
      target="_blank"
      rel="noopener noreferrer"
      title={code.url}
      aria-label={`Code: ${repo}${code.stars === undefined ? '' : `, ${code.stars} stars`}`}
    >
      <span aria-hidden="true">{'</>'}</span> {repo.split('/')[1]}
      {code.stars !== undefined && <span class="stars"> ★ {formatStars(code.stars)}</span>}
    </a>
  );
}

/** Tag chips; with `onPick`, each chip is a button that filters by its tag. */
export function TagChips({
  tags,
  colorOf,
  onPick,
}: {
  tags: string[];
  colorOf: (name: string) => string | undefined;
  onPick?: (name: string) => void;
}) {
  if (!tags.length) return null;
  return (
    <span class="tags">
      {tags.map((t) =>
        onPick ? (
          <button
            key={t}
            type="button"
            class="chip-button"
            title={`Show papers tagged ${t}`}
            onClick={() => onPick(t)}
          >
            <TagChip name={t} color={colorOf(t)} />
          </button>
        ) : (
          <TagChip key={t} name={t} color={colorOf(t)} />
        ),
      )}
    </span>
  );
}

export interface PaperRowProps {
  record: PaperRecord;
  url: string | undefined;
  /** The row the arrow keys are on. */
  active: boolean;
  domId: string;
  colorOf: (name: string) => string | undefined;
  onStatus: (status: ReadStatus) => void;
  onTag: (name: string) => void;
  onHover: () => void;
}

export function PaperRow({ record, url, active, domId, colorOf, onStatus, onTag, onHover }: PaperRowProps) {
  const year = record.published?.slice(0, 4);
  const byline = shortAuthors(record.authors, record.authorsTruncated);
  return (
    <li
      class={`paper-row ${record.status}${active ? ' active' : ''}`}
      data-paper-id={record.id}
      onMouseEnter={onHover}
    >
      <div class="row-main">
        <a id={domId} class="title" href={url} target="_blank" rel="noopener noreferrer">
          {record.title || record.id}
        </a>
        <div class="meta">
          {byline && <span class="authors">{byline}</span>}
          {year && <span class="year">{year}</span>}
          <CodeLink code={record.code} />
        </div>
        <TagChips tags={record.tags} colorOf={colorOf} onPick={onTag} />
        {record.note && (
          <p class="note-preview" title={record.note}>
            {record.note.split('\n')[0]}
          </p>
        )}
      </div>
      <StatusSelect record={record} onChange={onStatus} />
    </li>
  );
}
