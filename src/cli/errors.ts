import { WorkbookError, XLSX_WRITE_CODES, type XlsxWriteCode } from '../core/model/adapter';
import { formatDanishAmount } from '../core/amounts/money';
import { XlsxError } from '../xlsx/errors';
import { cliText, writeRefusalText } from './text';

/** A problem with the input that the user must fix: exit 2 with one Danish line. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const fail = (message: string): never => {
  throw new UserError(message);
};

const bytes = (n: number) =>
  n >= 1024 ** 3 ? `${formatDanishAmount(n / 1024 ** 3, 1)} GB` : `${formatDanishAmount(n / 1024 ** 2, 0)} MB`;

/** The one Danish line for a failure, naming the file where it helps. */
export function userMessage(error: unknown, file = ''): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof XlsxError) {
    switch (error.code) {
      case 'NotZip':
        return cliText.notXlsx(file);
      case 'Encrypted':
        return cliText.oldXlsOrEncrypted(file);
      case 'NoWorkbook':
        return cliText.noWorkbook(file);
      case 'TooLarge': {
        const what = String(error.params.what);
        const limit = Number(error.params.limit);
        const shown =
          what === 'cells' || what === 'sharedStrings'
            ? formatDanishAmount(limit)
            : what === 'token' || what === 'cellText'
              ? `${formatDanishAmount(limit)} tegn`
              : bytes(limit);
        return cliText.tooLarge(file, cliText.tooLargeWhat[what] ?? what, shown);
      }
      case 'Corrupt':
      case 'Locked':
        if (error.params.what === 'outsideSheet') return cliText.outsideSheet(file, String(error.params.ref));
        if (error.params.what === 'ambiguous') return cliText.ambiguousPackage(file, String(error.params.part ?? ''));
        return cliText.corrupt(file);
    }
    // Every code has its line above: a new code without one does not compile.
    const unworded: never = error.code;
    return unworded;
  }
  if (error instanceof WorkbookError && (XLSX_WRITE_CODES as readonly string[]).includes(error.code))
    return writeRefusalText[error.code as XlsxWriteCode](file, error.params);
  return cliText.unexpected;
}
