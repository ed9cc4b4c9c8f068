// Import and export on the library page. Exports take the papers in view (the selection, else what the search
// and filters show, else the whole library), optionally completed from the arXiv API first, and download them
// or copy them. Imports are previewed (what would be added, changed, skipped) before anything is written; the
// page writes the import in one transaction on its own database and then asks the background to tell every
// tab and page what changed.

import { useRef, useState } from 'preact/hooks';
import { EXPORT_FORMAT_IDS, exportFileName, exportFormats, type ExportFormatId } from '../../lib/export';
import type { ImportPlan, ImportResult } from '../../lib/import';
import type { PaperId, PaperRecord } from '../../lib/types';
import { copyText, downloadText } from '../export-actions';
import type { PagesStore, SendRequest } from './pages-store';
import './import-export.css';

/** What the Papers view shows, for its Export button. */
export interface ExportView {
  selected: readonly PaperRecord[];
  shown: readonly PaperRecord[];
  /** A search or a filter narrows what is shown. */
  filtered: boolean;
}

interface ExportScope {
  records: readonly PaperRecord[];
  /** "Export 12 selected papers". */
  label: string;
}

/** Incomplete papers named after an export; the rest are counted. */
const LISTED_INCOMPLETE = 20;
/** The message contract takes at most 5,000 ids at once. */
const ID_BATCH = 5_000;

const papers = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'}`;

export function scopeOf(view: ExportView): ExportScope {
  const [records, which] = view.selected.length
    ? [view.selected, 'selected ']
    : [view.shown, view.filtered ? 'matching ' : ''];
  return {
    records,
    label: `Export ${which ? '' : 'all '}${records.length.toLocaleString('en')} ${which}${records.length === 1 ? 'paper' : 'papers'}`,
  };
}

/** Tell the background which papers this page wrote itself, so every tab and page hears of them. */
async function announce(send: SendRequest, ids: PaperId[]): Promise<void> {
  for (let i = 0; i < ids.length; i += ID_BATCH)
    await send({ type: 'imported', ids: ids.slice(i, i + ID_BATCH) });
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

interface ExportProps {
  store: PagesStore;
  send: SendRequest;
  scope: ExportScope;
}

interface ExportOutcome {
  text: string;
  error?: boolean;
  /** arXiv could not complete these. */
  incomplete?: PaperRecord[];
}

/** The export choices for one scope: completion, a button per format (download), and copy. */
export function ExportPanel({ store, send, scope }: ExportProps) {
  const [complete, setComplete] = useState(false);
  const [copyFormat, setCopyFormat] = useState<ExportFormatId>('bibtex');
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ExportOutcome | undefined>();

  const run = async (format: ExportFormatId, deliver: 'download' | 'copy') => {
    setBusy(true);
    setOutcome(undefined);
    try {
      let records = scope.records;
      let incomplete: PaperRecord[] | undefined;
      let apiError: string | undefined;
      // A backup restores what the library holds; completing it is the other formats' business.
      if (complete && format !== 'backup') {
        const { completeMetadata } = await import('../../lib/arxiv-api');
        const result = await completeMetadata(store.db, records, { onProgress: setProgress });
        const completed = result.records.filter((r, i) => r !== records[i]).map((r) => r.id);
        if (completed.length) await announce(send, completed);
        ({ records, error: apiError } = result);
        incomplete = result.incomplete;
      }
      const now = Date.now();
      const spec = exportFormats[format];
      const text = spec.render(records, { tags: store.tags, settings: store.settings, now });
      let done: string;
      if (deliver === 'download') {
        const fileName = exportFileName(format, now);
        downloadText(text, fileName, spec.mime);
        done = `Saved ${papers(records.length)} as ${fileName}.`;
      } else {
        await copyText(text);
        done = `Copied ${papers(records.length)} as ${spec.label}.`;
      }
      setOutcome({
        text: apiError ? `${done} ${apiError}` : done,
        ...(incomplete?.length && { incomplete }),
      });
    } catch (e) {
      setOutcome({ text: errorText(e), error: true });
    } finally {
      setProgress(undefined);
      setBusy(false);
    }
  };

  const empty = scope.records.length === 0;
  return (
    <div class="export-choices" role="group" aria-label={scope.label}>
      <p class="export-scope">{scope.label}</p>
      <label class="complete-meta">
        <input type="checkbox" checked={complete} onChange={(e) => setComplete(e.currentTarget.checked)} />{' '}
        Complete metadata from arXiv
        <span class="hint"> (full author lists, dates, categories; not for the JSON backup)</span>
      </label>
      <div class="export-formats">
        {EXPORT_FORMAT_IDS.map((id) => (
          <button key={id} type="button" disabled={busy || empty} onClick={() => void run(id, 'download')}>
            {exportFormats[id].label}
          </button>
        ))}
      </div>
      <div class="export-copy">
        <select
          aria-label="Format to copy"
          value={copyFormat}
          onChange={(e) => setCopyFormat(e.currentTarget.value as ExportFormatId)}
        >
          {EXPORT_FORMAT_IDS.map((id) => (
            <option key={id} value={id}>
              {exportFormats[id].label}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || empty} onClick={() => void run(copyFormat, 'copy')}>
          Copy to clipboard
        </button>
      </div>
      {progress && (
        <p role="status">
          Asking arXiv: {progress.done.toLocaleString('en')} of {papers(progress.total)}{' '}
          <progress max={progress.total || 1} value={progress.done} aria-label="Metadata from arXiv" />
        </p>
      )}
      {outcome && (
        <div class={outcome.error ? 'error' : 'done'} role={outcome.error ? 'alert' : 'status'}>
          <p>{outcome.text}</p>
          {outcome.incomplete && <IncompleteList records={outcome.incomplete} />}
        </div>
      )}
    </div>
  );
}

function IncompleteList({ records }: { records: readonly PaperRecord[] }) {
  const rest = records.length - LISTED_INCOMPLETE;
  return (
    <details class="incomplete">
      <summary>
        {papers(records.length)} still {records.length === 1 ? 'lacks' : 'lack'} a title, the full author list
        or a date
      </summary>
      <ul>
        {records.slice(0, LISTED_INCOMPLETE).map((r) => (
          <li key={r.id}>
            {r.title || 'Untitled'} ({r.id})
          </li>
        ))}
        {rest > 0 && <li>and {papers(rest)} more</li>}
      </ul>
    </details>
  );
}

/** The Papers view's Export button: the panel opens below it, for what the view shows. */
export function ExportButton({ store, send, view }: Omit<ExportProps, 'scope'> & { view: ExportView }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <div
      class="export-menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="library-export"
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div id="library-export" class="export-popover">
          <ExportPanel store={store} send={send} scope={scopeOf(view)} />
        </div>
      )}
    </div>
  );
}

type ImportState =
  | { step: 'idle' }
  | { step: 'reading' }
  /** `tag`: the batch tag the plan was made with. */
  | { step: 'preview'; plan: ImportPlan; file: File; tag: string }
  | { step: 'writing' };

const FORMAT_NAMES: Record<ImportPlan['format'], string> = {
  backup: 'Margins backup',
  bibtex: 'BibTeX',
  csljson: 'CSL-JSON',
};

/** Pick a file, see what importing it would do, then import it. */
export function ImportPanel({ store, send }: { store: PagesStore; send: SendRequest }) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [tag, setTag] = useState('');
  const [result, setResult] = useState<{ text: string; error?: boolean } | undefined>();
  const fileInput = useRef<HTMLInputElement>(null);

  const preview = async (file: File | undefined, batchTag: string) => {
    setResult(undefined);
    if (!file) return setState({ step: 'idle' });
    setState({ step: 'reading' });
    try {
      const { planImport } = await import('../../lib/import');
      const plan = await planImport(store.db, file, batchTag.trim() ? { tag: batchTag } : {});
      setState({ step: 'preview', plan, file, tag: batchTag.trim() });
    } catch (e) {
      setState({ step: 'idle' });
      setResult({ text: errorText(e), error: true });
    }
  };

  const reset = () => {
    setState({ step: 'idle' });
    if (fileInput.current) fileInput.current.value = '';
  };

  const apply = async (planned: Extract<ImportState, { step: 'preview' }>) => {
    const { plan } = planned;
    setState({ step: 'writing' });
    let written: ImportResult;
    try {
      const { applyImport } = await import('../../lib/import');
      written = await applyImport(store.db, plan);
    } catch (e) {
      // One transaction: a failure writes nothing.
      setState(planned);
      return setResult({ text: `Nothing was imported. ${errorText(e)}`, error: true });
    }
    reset();
    const done = `Imported: ${papers(written.added)} added, ${written.changed.toLocaleString('en')} changed, ${written.unchanged.toLocaleString('en')} unchanged.`;
    try {
      await announce(
        send,
        written.records.map((r) => r.id),
      );
      setResult({ text: done });
    } catch (e) {
      setResult({ text: `${done} Other open pages show it after a reload (${errorText(e)}).`, error: true });
    }
  };

  return (
    <section class="import" aria-labelledby="import-heading">
      <h3 id="import-heading">Import</h3>
      <p class="hint">
        A Margins JSON backup, or BibTeX or CSL-JSON from Zotero, JabRef or Google Scholar (arXiv papers
        only). You see what would change before anything is written.
      </p>
      <div class="import-inputs">
        <label>
          File to import{' '}
          <input
            ref={fileInput}
            type="file"
            accept=".json,.bib,.bibtex,.csl.json"
            disabled={state.step === 'writing'}
            onChange={(e) => void preview(e.currentTarget.files?.[0], tag)}
          />
        </label>
        <label>
          Tag imported papers{' '}
          <input
            type="text"
            placeholder="optional, e.g. from zotero"
            value={tag}
            onInput={(e) => setTag(e.currentTarget.value)}
            // The tag changes the preview: plan again when a different one is committed.
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (state.step === 'preview' && value.trim() !== state.tag) void preview(state.file, value);
            }}
          />
        </label>
      </div>
      {state.step === 'reading' && <p role="status">Reading the file…</p>}
      {state.step === 'writing' && <p role="status">Importing…</p>}
      {state.step === 'preview' && (
        <ImportPreview plan={state.plan} onImport={() => void apply(state)} onCancel={reset} />
      )}
      {result && (
        <p class={result.error ? 'error' : 'done'} role={result.error ? 'alert' : 'status'}>
          {result.text}
        </p>
      )}
    </section>
  );
}

function ImportPreview({
  plan,
  onImport,
  onCancel,
}: {
  plan: ImportPlan;
  onImport: () => void;
  onCancel: () => void;
}) {
  const settings = Object.keys(plan.settings);
  const writes = plan.add + plan.change > 0 || plan.newTags.length > 0 || settings.length > 0;
  return (
    <div class="import-preview" role="region" aria-label="Import preview">
      <p>
        {FORMAT_NAMES[plan.format]}: <strong>{papers(plan.add)}</strong> to add,{' '}
        <strong>{plan.change.toLocaleString('en')}</strong> to change,{' '}
        <strong>{plan.unchanged.toLocaleString('en')}</strong> unchanged,{' '}
        <strong>{plan.skipped.length.toLocaleString('en')}</strong> skipped.
      </p>
      {plan.batchTag && <p>Every imported paper gets the tag “{plan.batchTag}”.</p>}
      {plan.newTags.length > 0 && <p>New tags: {plan.newTags.join(', ')}</p>}
      {settings.length > 0 && (
        <p>Settings this browser never set are taken from the backup: {settings.join(', ')}</p>
      )}
      {plan.sample.length > 0 && (
        <details>
          <summary>
            Papers to add or change{plan.sample.length < plan.add + plan.change ? ' (first 50)' : ''}
          </summary>
          <ul>
            {plan.sample.map((s) => (
              <li key={s.id}>
                {s.kind === 'add' ? 'Add' : 'Change'}: {s.title || s.id} ({s.id})
              </li>
            ))}
          </ul>
        </details>
      )}
      {plan.skipped.length > 0 && (
        <details open={plan.skipped.length <= 10}>
          <summary>Skipped</summary>
          <ul>
            {plan.skipped.map((s, i) => (
              <li key={i}>
                {s.label}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="import-actions">
        <button type="button" class="primary" disabled={!writes} onClick={onImport}>
          Import
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The Import & export section: the whole library's export, and import. */
export function ImportExport({
  store,
  send,
  library,
}: {
  store: PagesStore;
  send: SendRequest;
  library: ReadonlyMap<PaperId, PaperRecord>;
}) {
  const all = [...library.values()];
  return (
    <>
      <section class="export" aria-labelledby="export-heading">
        <h3 id="export-heading">Export</h3>
        <p class="hint">To export a search, a filter or a selection, use Export on the Papers page.</p>
        <ExportPanel
          store={store}
          send={send}
          scope={scopeOf({ selected: [], shown: all, filtered: false })}
        />
      </section>
      <ImportPanel store={store} send={send} />
    </>
  );
}
