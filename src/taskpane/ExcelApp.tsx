import { FluentProvider } from '@fluentui/react-components';
import { useMemo } from 'react';
import { OfficeWorkbookAdapter } from '../excel/officeAdapter';
import { themeFor } from './theme';
import { ValidatePane } from './ValidatePane';

export function ExcelApp({ theme, autoValidate }: { theme?: { bodyBackgroundColor?: string }; autoValidate: boolean }) {
  const adapter = useMemo(
    () =>
      new OfficeWorkbookAdapter(
        (batch) => Excel.run(batch),
        (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
      ),
    [],
  );
  return (
    <FluentProvider theme={themeFor(theme)} style={{ minHeight: '100vh' }}>
      <ValidatePane adapter={adapter} autoValidate={autoValidate} />
    </FluentProvider>
  );
}
