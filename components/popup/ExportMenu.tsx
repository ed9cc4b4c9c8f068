// Export from the popup: the whole library in one of the export formats, downloaded as a file (a blob and an
// anchor: no downloads permission needed) or copied to the clipboard.

import { useState } from 'preact/hooks';
import type { ExportFormatId } from '../../lib/export';
import { copyText, downloadText } from '../export-actions';
import type { PagesStore } from '../library/pages-store';

export function ExportMenu({ store }: { store: PagesStore }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormatId>('bibtex');
  // The formats are loaded when the menu is first opened: the popup's first paint does not wait for them.
  const [formats, setFormats] = useState<typeof import('../../lib/export') | undefined>();
  const [status, setStatus] = useState<{ text: string; error?: boolean } | undefined>();

  const toggle = () => {
    if (!formats) void import('../../lib/export').then(setFormats);
    setOpen(!open);
  };

  const render = async () => {
    const { exportFormats, exportFileName } = formats ?? (await import('../../lib/export'));
    const records = await store.libraryRecords();
    const now = Date.now();
    const text = exportFormats[format].render(records, { tags: store.tags, settings: store.settings, now });
    return {
      text,
      count: records.length,
      now,
      fileName: exportFileName(format, now),
      mime: exportFormats[format].mime,
      label: exportFormats[format].label,
    };
  };

  const run = (work: () => Promise<string>) =>
    work().then(
      (text) => setStatus({ text }),
      (e: unknown) => setStatus({ text: e instanceof Error ? e.message : String(e), error: true }),
    );

  const download = () =>
    run(async () => {
      const { text, count, fileName, mime } = await render();
      downloadText(text, fileName, mime);
      return `Saved ${count} papers as ${fileName}.`;
    });

  const copy = () =>
    run(async () => {
      const { text, count, label } = await render();
      await copyText(text);
      return `Copied ${count} papers as ${label}.`;
    });

  return (
    <div class="export">
      <button type="button" aria-expanded={open} aria-controls="export-panel" onClick={toggle}>
        Export
      </button>
      {open && formats && (
        <div id="export-panel" class="export-panel" role="group" aria-label="Export your library">
          <select
            aria-label="Export format"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as ExportFormatId)}
          >
            {formats.EXPORT_FORMAT_IDS.map((id) => (
              <option key={id} value={id}>
                {formats.exportFormats[id].label}
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
