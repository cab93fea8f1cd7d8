import { XlsxError } from '../../xlsx/errors';
import { paneText } from '../../addin/text';

/** Why a file chosen in browser mode could not be opened. */
export function fileMessage(e: unknown, name: string): string {
  if (!(e instanceof XlsxError)) return paneText.fileFailed(name);
  if (e.code === 'Encrypted') return paneText.fileEncrypted(name);
  if (e.code === 'NotZip' || e.code === 'NoWorkbook') return paneText.fileNotWorkbook(name);
  if (e.code === 'TooLarge') return paneText.fileTooLarge(name);
  return paneText.fileFailed(name);
}
