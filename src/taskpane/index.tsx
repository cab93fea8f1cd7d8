import { FluentProvider, Spinner, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { paneText } from '../addin/text';
import { ExcelApp } from './ExcelApp';
import { detectHost } from './host';
import { loadValidator } from '../addin/validation';

const root = createRoot(document.getElementById('root')!);
// Never a blank pane: something shows while Office is asked who hosts us.
root.render(
  <FluentProvider theme={webLightTheme}>
    <Spinner style={{ marginTop: 48 }} label={paneText.title} />
  </FluentProvider>,
);

// The validator is fetched at once, beside Office's start-up (it is needed for the first reading).
void loadValidator();

void detectHost().then(async (host) => {
  if (host.kind === 'excel') {
    root.render(<ExcelApp theme={host.theme} />);
    return;
  }
  // Browser mode (the .xlsx reader and writer) comes in its own chunk, loaded only outside Excel.
  const { BrowserApp } = await import(/* webpackChunkName: "browser" */ './browser/BrowserApp');
  root.render(<BrowserApp />);
});
