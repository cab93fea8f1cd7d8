import { WorkbookError, type XlsxWriteCode } from '../../core/model/adapter';

/** A write the .xlsx writer refuses or cannot do: one of the codes the command line has text for. */
export const refuse = (code: XlsxWriteCode, params: Record<string, string> = {}) => new WorkbookError(code, params);
