// Turning a file the user picked into text of a known format, or a clear refusal. Everything here runs before
// any parsing: absurd sizes, binary files and web pages are turned away by their first bytes.

export class ImportError extends Error {
  /** `message` is a sentence for the user. */
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ENTRIES = 200_000;

export type ImportFormat = 'backup' | 'bibtex' | 'csljson';

/** What `planImport` accepts: a picked file, or text already read (tests, drag-and-drop of text). */
export type ImportSource = Blob | string;

const MB = 1024 * 1024;

function tooBig(bytes: number): ImportError {
  return new ImportError(
    `This file is ${Math.round(bytes / MB)} MB; Margins imports files up to ${MAX_IMPORT_BYTES / MB} MB.`,
  );
}

function sniffBinary(bytes: Uint8Array): void {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) throw new ImportError('This is a PNG image, not a library file.');
  if (starts(0xff, 0xd8, 0xff)) throw new ImportError('This is a JPEG image, not a library file.');
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new ImportError('This is a PDF, not a library file.');
  if (starts(0x50, 0x4b, 0x03, 0x04))
    throw new ImportError('This is a ZIP archive. Unpack it and import the file inside.');
  if (starts(0x1f, 0x8b))
    throw new ImportError('This file is compressed (gzip). Unpack it and import the file inside.');
  if (bytes.subarray(0, 8192).includes(0))
    throw new ImportError('This is a binary file, not a BibTeX, CSL-JSON or Margins backup file.');
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Older .bib files are often Latin-1/Windows-1252; every byte sequence is valid there.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export async function readSource(source: ImportSource): Promise<string> {
  if (typeof source === 'string') {
    if (source.length > MAX_IMPORT_BYTES) throw tooBig(source.length);
    return source;
  }
  if (source.size > MAX_IMPORT_BYTES) throw tooBig(source.size);
  if (source.size === 0) throw new ImportError('This file is empty.');
  const bytes = new Uint8Array(await source.arrayBuffer());
  sniffBinary(bytes);
  return decode(bytes);
}

/** The format of a file's text, from its content (file names lie as often as not). */
export function detectFormat(text: string): ImportFormat {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 4096);
  if (!head) throw new ImportError('This file is empty.');
  if (/^<(?:!doctype\s+html|html|head|body)\b/i.test(head) || (/^</.test(head) && /<html\b/i.test(head)))
    throw new ImportError(
      'This is a web page (HTML), not a library file. Save the exported file itself, not the page that links to it.',
    );
  if (/^<\?xml|^</.test(head))
    throw new ImportError('This is an XML file; Margins imports BibTeX, CSL-JSON and its own backups.');
  if (/^TY {2}- /m.test(head.slice(0, 200)))
    throw new ImportError(
      'This is a RIS file. Export BibTeX or CSL-JSON from your reference manager and import that.',
    );
  if (head.startsWith('{')) {
    return /^\{\s*"format"\s*:\s*"margins-backup"/.test(head) || /"format"\s*:\s*"margins-backup"/.test(head)
      ? 'backup'
      : 'csljson';
  }
  if (head.startsWith('[')) return 'csljson';
  if (/@\s*[a-z]+\s*[{(]/i.test(text.slice(0, 1_000_000))) return 'bibtex';
  throw new ImportError('This file is not BibTeX, CSL-JSON or a Margins backup.');
}

/** A rough count of entries, read before parsing so a 200 000-entry file is refused cheaply. */
export function countEntries(text: string, format: ImportFormat): number {
  const pattern = format === 'bibtex' ? /@/g : /"id"\s*:/g;
  let count = 0;
  while (pattern.exec(text)) count++;
  return count;
}

export function checkEntryCount(text: string, format: ImportFormat): void {
  const count = countEntries(text, format);
  if (count > MAX_IMPORT_ENTRIES)
    throw new ImportError(
      `This file holds about ${count.toLocaleString('en')} entries; Margins imports up to ${MAX_IMPORT_ENTRIES.toLocaleString('en')} at a time.`,
    );
}

/** JSON.parse with a sentence a user can act on. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportError(`This ${what} is damaged or cut short: it is not valid JSON.`);
  }
}
