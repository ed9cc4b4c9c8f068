// Getting an export out of an extension page: a download through a blob and an anchor (no downloads permission
// needed) or the clipboard. Shared by the popup's Export menu and the library page.

/** Offer `text` as a file named `fileName`. */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  // The browser reads the blob after the click returns; revoke it once the download surely started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function copyText(text: string): Promise<void> {
  return navigator.clipboard.writeText(text);
}
