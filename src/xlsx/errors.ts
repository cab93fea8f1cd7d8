/**
 * Why an .xlsx package could not be used. The command line and the pane word these in Danish;
 * `params` names what was too big and the limit, so the message can say so.
 */
export type XlsxErrorCode =
  /** Not a zip archive at all. */
  | 'NotZip'
  /** An OLE compound file: an old .xls, or an .xlsx encrypted with a password. */
  | 'Encrypted'
  /** A zip, but not a sound one, or its XML cannot be read. */
  | 'Corrupt'
  /** A sound zip without a workbook part: not a spreadsheet. */
  | 'NoWorkbook'
  /** Beyond one of the documented limits (limits.ts). */
  | 'TooLarge'
  /** A write the package does not allow: a locked structure or a protected sheet. */
  | 'Locked';

export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}
