/**
 * The hard limits of reading an .xlsx package, documented in the README. They are checked
 * before inflating (against the sizes the zip declares) and again while inflating (a zip can
 * lie), and they count cells that exist, never the box around them.
 */
export const LIMITS = {
  /** The file itself. */
  fileBytes: 1024 * 1024 * 1024,
  /** One part, inflated (a sheet of a million rows is about 100 MB). */
  partBytes: 2 * 1024 * 1024 * 1024 - 1,
  /** All parts that are read, inflated. */
  totalBytes: 4 * 1024 * 1024 * 1024,
  /** Cells held in memory over all sheets parsed into snapshots (a 100,000-initiative plan is about 2 million). */
  cells: 4_000_000,
  /**
   * A part read whole as a tree (workbook, styles, relationships, content types): these are
   * small in any sound file (styles of 60.000 cell formats are about 10 MB).
   */
  treePartBytes: 64 * 1024 * 1024,
  /** Shared strings. */
  sharedStrings: 5_000_000,
  /**
   * Below this many inflated bytes of worksheets in all, every sheet is parsed at once; above it,
   * a sheet is first scanned for a label that can anchor a table and parsed only if it has one.
   */
  scanAboveBytes: 4 * 1024 * 1024,
};

export type Limits = typeof LIMITS;
