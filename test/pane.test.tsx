/**
 * @jest-environment jsdom
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkbookError, type WorkbookAdapter } from '../src/core/adapter';
import type { WorkbookSnapshot } from '../src/core/grid';
import { ValidatePane } from '../src/taskpane/ValidatePane';
import { themeFor } from '../src/taskpane/theme';
import { planWorkbook, roundTrip } from './support/workbooks';

function fakeAdapter(read: () => Promise<WorkbookSnapshot>): WorkbookAdapter & { selected: string[] } {
  const selected: string[] = [];
  return {
    capabilities: { canCopySheets: false, canWatchChanges: false, canDownload: false, readsWholeWorkbook: false },
    selected,
    readActiveSheet: read,
    readSheet: read,
    readAllSheets: read,
    selectCell: async (sheet, address) => {
      selected.push(`${sheet}!${address}`);
    },
    applyWritePlan: async () => ({ sheetNames: {}, notes: [] }),
  };
}

const renderPane = (adapter: WorkbookAdapter | null) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <ValidatePane adapter={adapter} />
    </FluentProvider>,
  );

const button = () => screen.getByRole('button', { name: 'Valider handleplan' });

test('nothing run yet: the button and a hint, no results', async () => {
  renderPane(fakeAdapter(() => roundTrip(planWorkbook())));
  expect(button()).toBeEnabled();
  expect(screen.getByRole('status')).toHaveTextContent('Tryk på "Valider handleplan"');
  expect(screen.queryByText('Overblik', { exact: false })).toBeNull();
});

test('working: progress is shown and the button waits', async () => {
  let release!: (s: WorkbookSnapshot) => void;
  const pending = new Promise<WorkbookSnapshot>((resolve) => (release = resolve));
  renderPane(fakeAdapter(() => pending));
  await userEvent.click(button());
  expect(screen.getByRole('status')).toHaveTextContent('Validerer handleplanen');
  expect(button()).toBeDisabled();
  expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
  const snapshot = await roundTrip(planWorkbook());
  await act(async () => release(snapshot));
  expect(await screen.findByText('Handleplanen hænger sammen: ingen fejl.')).toBeInTheDocument();
});

test('results clean: the summary in Danish number format', async () => {
  renderPane(fakeAdapter(() => roundTrip(planWorkbook())));
  await userEvent.click(button());
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  const summary = screen.getByRole('region', { name: /Overblik: Handleplan 2021/ });
  expect(within(summary).getByText('Mål').nextSibling).toHaveTextContent('9.400.000 kr.');
  expect(within(summary).getByText('Planlagt effekt').nextSibling).toHaveTextContent('9.400.000 kr.');
  expect(within(summary).getByText('Difference').nextSibling).toHaveTextContent('0 kr.');
  expect(screen.queryByRole('heading', { name: /Fejl/ })).toBeNull();
});

test('results with errors: grouped by severity, a click selects the cell', async () => {
  const adapter = fakeAdapter(() =>
    roundTrip(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('N23').value = 900000;
          at('F22').value = '310.000';
          at('F34').value = 10_000_000;
        },
      }),
    ),
  );
  renderPane(adapter);
  await userEvent.click(button());
  await screen.findByText('2 fejl skal rettes.');
  const errors = screen.getByRole('region', { name: /Fejl/ });
  const warnings = screen.getByRole('region', { name: /Advarsler/ });
  expect(
    within(errors)
      .getAllByRole('button')
      .map((b) => b.getAttribute('data-cell')),
  ).toEqual(['Handleplan 2021!N23', 'Handleplan 2021!N28']);
  expect(within(warnings).getByRole('button')).toHaveTextContent('gemt som tekst');
  expect(screen.getByText('Difference').nextSibling).toHaveTextContent('-600.000 kr.');
  await userEvent.click(within(errors).getAllByRole('button')[0]);
  expect(adapter.selected).toEqual(['Handleplan 2021!N23']);
});

test('keyboard: Enter on the button validates, Tab reaches the findings', async () => {
  const adapter = fakeAdapter(() =>
    roundTrip(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('N23').value = 1;
        },
      }),
    ),
  );
  renderPane(adapter);
  await userEvent.tab();
  expect(button()).toHaveFocus();
  await userEvent.keyboard('{Enter}');
  await screen.findByText('1 fejl skal rettes.');
  await userEvent.tab();
  expect(document.activeElement).toHaveAttribute('data-cell', 'Handleplan 2021!N23');
  await userEvent.keyboard('{Enter}');
  expect(adapter.selected).toEqual(['Handleplan 2021!N23']);
});

test('failure: a clear Danish message and a retry, never a blank pane', async () => {
  let calls = 0;
  const adapter = fakeAdapter(async () => {
    calls++;
    throw new WorkbookError('AccessDenied');
  });
  renderPane(adapter);
  await userEvent.click(button());
  expect(await screen.findByText('Det lykkedes ikke')).toBeInTheDocument();
  expect(screen.getByText(/arket eller projektmappen er beskyttet/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Prøv igen' }));
  expect(calls).toBe(2);
});

test('an unexpected error is not shown raw', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  renderPane(
    fakeAdapter(async () => {
      throw new TypeError('x is undefined');
    }),
  );
  await userEvent.click(button());
  expect(await screen.findByText(/uventet fejl/)).toBeInTheDocument();
  expect(screen.queryByText(/x is undefined/)).toBeNull();
});

test('no plan in the workbook: says so', async () => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Ark1').getCell('A1').value = 'Budget';
  renderPane(fakeAdapter(() => roundTrip(wb)));
  await userEvent.click(button());
  expect(await screen.findByText('Ingen handleplan fundet')).toBeInTheDocument();
});

test('without a workbook (browser mode before a file) the button is disabled', () => {
  renderPane(null);
  expect(button()).toBeDisabled();
});

test('the theme follows Office: dark body background, dark theme', () => {
  expect(themeFor({ bodyBackgroundColor: '#262626' }).colorNeutralBackground1).not.toBe(
    webLightTheme.colorNeutralBackground1,
  );
  expect(themeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
});

test('write back: preview the block update, confirm, and the adapter gets the plan', async () => {
  const snapshot = await roundTrip(planWorkbook());
  const written: import('../src/core/writePlan').WritePlan[] = [];
  const adapter = {
    ...fakeAdapter(async () => snapshot),
    applyWritePlan: async (p: import('../src/core/writePlan').WritePlan) => {
      written.push(p);
      return { sheetNames: {}, notes: [] };
    },
  };
  renderPane(adapter);
  await userEvent.click(button());
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  await userEvent.type(screen.getByRole('textbox', { name: /Nyt forventet merforbrug/ }), 'mange penge');
  await userEvent.click(screen.getByRole('button', { name: 'Opdater forventet merforbrug' }));
  expect(screen.getByText(/Skriv et beløb/)).toBeInTheDocument();
  await userEvent.clear(screen.getByRole('textbox', { name: /Nyt forventet merforbrug/ }));
  await userEvent.type(screen.getByRole('textbox', { name: /Nyt forventet merforbrug/ }), '9,8 mio.');
  await userEvent.click(screen.getByRole('button', { name: 'Opdater forventet merforbrug' }));
  const preview = screen.getByRole('region', { name: 'Det her bliver ændret' });
  const rows = within(preview)
    .getAllByRole('row')
    .map((r) => r.textContent);
  expect(rows).toContain('F34Forventet merforbrug efter denne opdatering9.400.0009.800.000');
  expect(rows).toContain('F33Forventet merforbrug ved sidste opdatering09.400.000');
  expect(written).toEqual([]);
  await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
  expect(await screen.findByText('Ændringerne er skrevet.')).toBeInTheDocument();
  expect(written).toHaveLength(1);
  expect(written[0].cells.find((c) => c.address === 'F34')?.value).toBe(9_800_000);
  expect(written[0].appends?.[0].sheet).toBe('Historik');
});

test('write back: the projection preview names the sheet it creates', async () => {
  const snapshot = await roundTrip(planWorkbook());
  renderPane(fakeAdapter(async () => snapshot));
  await userEvent.click(button());
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  await userEvent.click(screen.getByRole('button', { name: 'Skriv fremskrivning' }));
  expect(screen.getByText('Arket "Fremskrivning 2021" oprettes.')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Annuller' }));
  expect(screen.queryByText('Arket "Fremskrivning 2021" oprettes.')).toBeNull();
});

test("Ny årsplan: creates next year's sheet in one write, with the chosen options", async () => {
  const snapshot = await roundTrip(planWorkbook());
  const written: import('../src/core/writePlan').WritePlan[] = [];
  const adapter = {
    ...fakeAdapter(async () => snapshot),
    capabilities: { canCopySheets: true, canWatchChanges: false, canDownload: true, readsWholeWorkbook: true },
    applyWritePlan: async (p: import('../src/core/writePlan').WritePlan) => {
      written.push(p);
      return { sheetNames: {}, notes: [] };
    },
  };
  renderPane(adapter);
  await userEvent.click(button());
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  expect(screen.getByRole('textbox', { name: 'År' })).toHaveValue('2022');
  await userEvent.click(screen.getByRole('radio', { name: 'Lad dem være tomme' }));
  await userEvent.click(screen.getByRole('button', { name: 'Opret ny årsplan' }));
  expect(await screen.findByText('Ændringerne er skrevet.')).toBeInTheDocument();
  expect(written[0].sheets[0]).toMatchObject({ name: 'HANDLEPLAN 2022', copyOf: 'Handleplan 2021', activate: true });
  expect(written[0].cells.find((c) => c.address === 'F22')?.value).toBeNull();
  expect(screen.getByRole('button', { name: 'Gå til HANDLEPLAN 2022!A1' })).toBeInTheDocument();
});

test('Ny årsplan in an Excel without ExcelApi 1.7 says so instead of failing', async () => {
  const snapshot = await roundTrip(planWorkbook());
  renderPane(fakeAdapter(async () => snapshot));
  await userEvent.click(button());
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  await userEvent.click(screen.getByRole('button', { name: 'Opret ny årsplan' }));
  expect(await screen.findByText(/kræver ExcelApi 1.7/)).toBeInTheDocument();
});
