// Export from the popup: the whole library in one of the export formats, downloaded as a file (a blob and an
// anchor: no downloads permission needed) or copied to the clipboard.

import { useState } from 'preact/hooks';
import { EXPORT_FORMAT_IDS, exportFileName, exportFormats, type ExportFormatId } from '../../lib/export';
import type { PagesStore } from '../library/pages-store';

export function ExportMenu({ store }: { store: PagesStore }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormatId>('bibtex');
  const [status, setStatus] = useState<{ text: string; error?: boolean } | undefined>();

  const render = async () => {
    const records = await store.libraryRecords();
    const now = Date.now();
    const text = exportFormats[format].render(records, { tags: store.tags, settings: store.settings, now });
    return { text, count: records.length, now };
  };

  const run = (work: () => Promise<string>) =>
    work().then(
      (text) => setStatus({ text }),
      (e: unknown) => setStatus({ text: e instanceof Error ? e.message : String(e), error: true }),
    );

  const download = () =>
    run(async () => {
      const { text, count, now } = await render();
      const url = URL.createObjectURL(new Blob([text], { type: exportFormats[format].mime }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = exportFileName(format, now);
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Saved ${count} papers as ${anchor.download}.`;
    });

  const copy = () =>
    run(async () => {
      const { text, count } = await render();
      await navigator.clipboard.writeText(text);
      return `Copied ${count} papers as ${exportFormats[format].label}.`;
    });

  return (
    <div class="export">
      <button type="button" aria-expanded={open} aria-controls="export-panel" onClick={() => setOpen(!open)}>
        Export
      </button>
      {open && (
        <div id="export-panel" class="export-panel" role="group" aria-label="Export your library">
          <select
            aria-label="Export format"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ExportFormatId)}
          >
            {EXPORT_FORMAT_IDS.map((id) => (
              <option key={id} value={id}>
                {exportFormats[id].label}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void download()}>
            Download
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
          {status && (
            <p class={status.error ? 'error' : 'done'} role={status.error ? 'alert' : 'status'}>
              {status.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
