/**
 * The function file of the ribbon's "Valider handleplan" (ExecuteFunction). An open pane is
 * asked to validate; when none answers, the command validates the active sheet itself and shows
 * the verdict in a small dialog that points to the pane.
 */
import { excelRun, OfficeWorkbookAdapter } from '../excel/officeAdapter';
import { askPaneToValidate, browserTransport, workbookIdentity } from '../addin/channel';
import { ribbonText, userMessage } from '../addin/text';
import { validateActiveWorkbook } from '../addin/validation';

async function verdict(): Promise<{ title: string; message: string }> {
  try {
    const adapter = new OfficeWorkbookAdapter(
      excelRun,
      (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
      String(Office.context.platform),
    );
    const { result } = await validateActiveWorkbook(adapter);
    const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
    if (result.plans.length === 0) return { title: ribbonText.noPlanTitle, message: ribbonText.openPane };
    return ribbonText.verdict(
      result.plans.map((p) => p.plan.sheet),
      count('error'),
      count('warning'),
    );
  } catch (e) {
    return { title: ribbonText.failedTitle, message: userMessage(e) };
  }
}

function showDialog(title: string, message: string): Promise<void> {
  const url = new URL('dialog.html', window.location.href);
  url.searchParams.set('t', title);
  url.searchParams.set('m', message);
  url.searchParams.set('c', ribbonText.close);
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 30, displayInIframe: true }, (r) => {
      if (r.status !== Office.AsyncResultStatus.Succeeded) return resolve();
      const dialog = r.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
        dialog.close();
        resolve();
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

async function validateFromRibbon(event: Office.AddinCommands.Event) {
  try {
    // Only the pane of the workbook clicked in may answer (two workbooks share the channel).
    const workbook = workbookIdentity(Office.context.document?.url);
    if (await askPaneToValidate(browserTransport(), undefined, workbook)) return;
    const { title, message } = await verdict();
    await showDialog(title, message);
  } finally {
    event.completed();
  }
}

// Older hosts look the function up by its global name; newer ones through Office.actions,
// associated at the top level as Microsoft's sample does (not inside onReady).
(globalThis as Record<string, unknown>).validateFromRibbon = validateFromRibbon;
Office.actions?.associate('validateFromRibbon', validateFromRibbon);
void Office.onReady();
