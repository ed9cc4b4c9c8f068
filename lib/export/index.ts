// The export formats the library page offers, by id. Each renders a list of records to the text of a file;
// none touches the network or the database (metadata completion runs before, in `lib/arxiv-api.ts`).

import { renderBackup } from '../backup';
import { DEFAULT_SETTINGS, type PaperRecord, type Settings, type TagInfo } from '../types';
import { toBibtex } from './bibtex';
import { toCslJson } from './csljson';
import { toCsv } from './csv';
import { toMarkdown } from './markdown';
import { toRis } from './ris';

export type ExportFormatId = 'bibtex' | 'ris' | 'csljson' | 'csv' | 'markdown' | 'backup';

export interface ExportContext {
  /** The tag table: colours and first spellings (Markdown, backup). */
  tags?: readonly TagInfo[];
  /** Saved in the backup. */
  settings?: Settings;
  /** ms since epoch; the backup's `exportedAt` and the file name's date. */
  now?: number;
}

export interface ExportFormat {
  id: ExportFormatId;
  /** Button label; the UI names its buttons by these. */
  label: 'BibTeX' | 'RIS' | 'CSL-JSON' | 'CSV' | 'Markdown' | 'JSON backup';
  /** Without the dot. */
  extension: string;
  mime: string;
  render(records: readonly PaperRecord[], ctx?: ExportContext): string;
}

export const exportFormats: Record<ExportFormatId, ExportFormat> = {
  bibtex: {
    id: 'bibtex',
    label: 'BibTeX',
    extension: 'bib',
    mime: 'application/x-bibtex',
    render: (records) => toBibtex(records),
  },
  ris: {
    id: 'ris',
    label: 'RIS',
    extension: 'ris',
    mime: 'application/x-research-info-systems',
    render: (records) => toRis(records),
  },
  csljson: {
    id: 'csljson',
    label: 'CSL-JSON',
    extension: 'json',
    mime: 'application/vnd.citationstyles.csl+json',
    render: (records) => toCslJson(records),
  },
  csv: { id: 'csv', label: 'CSV', extension: 'csv', mime: 'text/csv', render: (records) => toCsv(records) },
  markdown: {
    id: 'markdown',
    label: 'Markdown',
    extension: 'md',
    mime: 'text/markdown',
    render: (records, ctx) => toMarkdown(records, ctx?.tags),
  },
  backup: {
    id: 'backup',
    label: 'JSON backup',
    extension: 'json',
    mime: 'application/json',
    render: (records, ctx) =>
      renderBackup(records, ctx?.tags ?? [], ctx?.settings ?? DEFAULT_SETTINGS, ctx?.now ?? Date.now()),
  },
};

export const EXPORT_FORMAT_IDS = Object.keys(exportFormats) as ExportFormatId[];

/** `margins-2026-07-31.bib`; the backup is `margins-backup-2026-07-31.json` so the two JSON files differ. */
export function exportFileName(format: ExportFormatId, now = Date.now()): string {
  const date = new Date(now).toISOString().slice(0, 10);
  const stem = format === 'backup' ? 'margins-backup' : format === 'csljson' ? 'margins-csl' : 'margins';
  return `${stem}-${date}.${exportFormats[format].extension}`;
}
