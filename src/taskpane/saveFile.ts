/** Saves bytes as a file through the browser's download (Windows, the web, browser mode). */
export function saveFile(data: Uint8Array, name: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type }));
  link.download = name;
  link.click();
  // Revoked later: a download that starts after the click still finds its bytes.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
