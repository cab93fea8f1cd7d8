/**
 * A workbook's kind decides its file name and media type: Excel refuses a macro workbook under
 * .xlsx and a workbook without macros under .xlsm (the content type must match the extension).
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** The name a changed workbook is offered under: the input's name, " (opdateret)", its kind's extension. */
export function updatedFileName(input: string, macro: boolean): string {
  return `${input.replace(/\.xls[xm]$/i, '')} (opdateret).${macro ? 'xlsm' : 'xlsx'}`;
}
