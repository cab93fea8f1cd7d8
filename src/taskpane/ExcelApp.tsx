import { FluentProvider } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { excelRun, OfficeWorkbookAdapter } from '../excel/officeAdapter';
import { Pane } from './Pane';
import { answerRibbon, browserTransport, workbookIdentity } from '../addin/channel';
import { themeFor } from './theme';

/** The pane inside Excel: validates when it opens and whenever the ribbon's button asks. */
export function ExcelApp({ theme }: { theme?: { bodyBackgroundColor?: string } }) {
  const adapter = useMemo(
    () =>
      new OfficeWorkbookAdapter(
        excelRun,
        (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
        String(Office.context.platform),
      ),
    [],
  );
  const [request, setRequest] = useState(1);
  useEffect(
    () =>
      answerRibbon(browserTransport(), () => setRequest((n) => n + 1), workbookIdentity(Office.context.document?.url)),
    [],
  );
  return (
    <FluentProvider theme={themeFor(theme)} style={{ minHeight: '100vh' }}>
      <Pane adapter={adapter} validateRequest={request} />
    </FluentProvider>
  );
}
