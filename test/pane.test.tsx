/**
 * @jest-environment jsdom
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { slagelse2021 } from '../examples/slagelse-2021';
import { WorkbookError, type WorkbookAdapter } from '../src/core/model/adapter';
import type { WorkbookSnapshot } from '../src/core/model/grid';
import type { WritePlan } from '../src/core/build/writePlan';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { Pane } from '../src/taskpane/Pane';
import { themeFor } from '../src/taskpane/theme';
import { modelWithPlan } from './support/excelFixtures';
import { BALLERUP } from './support/published';
import { ExcelModel } from './support/fakeExcel';
import { planWorkbook, roundTrip } from './support/workbooks';
import { buildPlanSheet } from '../src/core/build/template';
import { buildForecastSheet } from '../src/core/build/forecastSheet';
import { parseA1 } from '../src/core/model/a1';
import { isoToSerial } from '../src/core/text/dates';

type Fake = WorkbookAdapter & { selected: string[]; written: WritePlan[] };

function fakeAdapter(read: () => Promise<WorkbookSnapshot>, caps: Partial<WorkbookAdapter['capabilities']> = {}): Fake {
  const selected: string[] = [];
  const written: WritePlan[] = [];
  return {
    capabilities: {
      canCopySheets: false,
      canWatchChanges: false,
      canDownload: false,
      canSaveFiles: false,
      readsWholeWorkbook: false,
      ...caps,
    },
    selected,
    written,
    readActiveSheet: read,
    readSheet: read,
    readSheets: read,
    readAllSheets: read,
    selectCell: async (sheet, address) => {
      selected.push(`${sheet}!${address}`);
    },
    applyWritePlan: async (p) => {
      written.push(p);
      return { sheetNames: {}, notes: [] };
    },
  };
}

/** The Office adapter on the in-memory Excel model, with every requirement set supported. */
const officeAdapter = (model: ExcelModel) =>
  new OfficeWorkbookAdapter(
    (batch) => model.run(batch),
    () => true,
  );

const renderPane = (adapter: WorkbookAdapter | null, props: Partial<Parameters<typeof Pane>[0]> = {}) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <Pane adapter={adapter} {...props} />
    </FluentProvider>,
  );

const validateButton = () => screen.getByRole('button', { name: /^Valider (handleplan|igen)$/ });
const clean = 'Handleplanen hænger sammen: ingen fejl.';

/** Opens an accordion part (an action, Status) by its heading, as a click would. */
async function expand(name: string) {
  const toggle = await screen.findByRole('button', { name });
  if (toggle.getAttribute('aria-expanded') === 'false') await userEvent.click(toggle);
  return toggle;
}

/** An action's card, opened. */
async function action(name: string) {
  await expand(name);
  return screen.getByRole('region', { name });
}

/** The Slagelse plan with a forecast sheet beside it, as Excel would hold them. */
function modelWithForecast(
  rows = [
    { measure: 'Aflastning', budgetPersons: 95, budgetPrice: 130_000, forecastPersons: 114, forecastPrice: 160_000 },
  ],
) {
  const { model } = modelWithPlan();
  const forecast = buildForecastSheet(2021, { sheets: [] }, rows);
  const s = model.addSheet(forecast.sheet);
  for (const w of forecast.plan.cells) {
    const { row, col } = parseA1(w.address);
    s.set(row, col, { value: w.value ?? '', formula: w.formula });
  }
  return model;
}

/** A second plan on its own sheet, as Excel would hold it. */
function addPlan(model: ExcelModel, name: string, year: number) {
  const sheet = model.addSheet(name);
  for (const w of buildPlanSheet(name, { ...slagelse2021, year }).cells) {
    if (w.value === null && !w.formula) continue;
    const { row, col } = parseA1(w.address);
    sheet.set(row, col, { value: w.value ?? '', formula: w.formula, numberFormat: w.numberFormat });
  }
}

test('nothing run yet: the button and a hint, no results; the pane title is not repeated visibly', async () => {
  renderPane(fakeAdapter(() => roundTrip(planWorkbook())));
  expect(validateButton()).toBeEnabled();
  expect(screen.getByText(/Tryk på "Valider handleplan"/)).toBeInTheDocument();
  expect(screen.queryByText('Overblik', { exact: false })).toBeNull();
  const h1 = screen.getByRole('heading', { level: 1 });
  expect(h1.className).not.toBe('');
});

test('the pane validates as soon as it is asked to (opening, the ribbon), and again on each request', async () => {
  let reads = 0;
  const adapter = fakeAdapter(async () => {
    reads++;
    return roundTrip(planWorkbook());
  });
  const view = renderPane(adapter, { validateRequest: 1 });
  expect(await screen.findByText(clean)).toBeInTheDocument();
  view.rerender(
    <FluentProvider theme={webLightTheme}>
      <Pane adapter={adapter} validateRequest={2} />
    </FluentProvider>,
  );
  await waitFor(() => expect(reads).toBe(2));
});

test('working: progress is shown and the button waits', async () => {
  let release!: (s: WorkbookSnapshot) => void;
  const pending = new Promise<WorkbookSnapshot>((resolve) => (release = resolve));
  renderPane(fakeAdapter(() => pending));
  await userEvent.click(validateButton());
  expect(screen.getByText('Validerer handleplanen …')).toBeInTheDocument();
  expect(validateButton()).toBeDisabled();
  expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');
  const snapshot = await roundTrip(planWorkbook());
  await act(async () => release(snapshot));
  expect(await screen.findByText(clean)).toBeInTheDocument();
});

test('results clean: "Forventet merforbrug" in the summary, amounts unbroken, the time of the read', async () => {
  renderPane(fakeAdapter(() => roundTrip(planWorkbook())));
  await userEvent.click(validateButton());
  await screen.findByText(clean);
  const summary = screen.getByRole('region', { name: /Overblik: Handleplan 2021/ });
  expect(within(summary).getByRole('heading')).toHaveTextContent(/^Overblik – Handleplan 2021$/);
  const value = (term: string) => within(summary).getByText(term).nextSibling?.textContent;
  expect(value('Forventet merforbrug')).toBe('9.400.000\u00a0kr.');
  expect(value('Planlagt effekt')).toBe('9.400.000\u00a0kr.');
  expect(value('Mangler at dække')).toBe('0\u00a0kr.');
  expect(screen.getByText('Planen dækker det forventede merforbrug.')).toBeInTheDocument();
  expect(screen.getByText(/^Læst kl\. \d\d[.:]\d\d[.:]\d\d$/)).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: /Fejl/ })).toBeNull();
});

test('results with errors: grouped, the code only as secondary text, a click selects the cell', async () => {
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
  await userEvent.click(validateButton());
  await screen.findByText('2 fejl skal rettes: 2 i handleplanen.');
  // The shortfall in words, beside the figure.
  expect(screen.getByText('Planen mangler 600.000 kr. for at dække det forventede merforbrug.')).toBeInTheDocument();
  const errors = screen.getByRole('region', { name: /Handleplanen i "Handleplan 2021"/ });
  expect(within(errors).getByRole('heading')).toHaveTextContent('2 fejl · 1 advarsel');
  const buttons = within(errors)
    .getAllByRole('button')
    .filter((b) => b.hasAttribute('data-cell'));
  // Errors first, then the warning; each finding with its fix where it has one.
  expect(buttons.map((b) => b.getAttribute('data-cell'))).toEqual([
    'Handleplan 2021!N23',
    'Handleplan 2021!N28',
    'Handleplan 2021!F22',
  ]);
  expect(await within(errors).findByRole('button', { name: 'Ret til 800.000 kr.' })).toBeInTheDocument();
  // The finding names its initiative by its text, not only by its number.
  expect(buttons[0]).toHaveTextContent('Indsats 2: Nedbringelse af antallet af familiebehandlingsforløb');
  expect(within(errors).getByRole('button', { name: 'Indsæt =SUM(B23:M23)' })).toBeInTheDocument();
  expect(within(errors).getByRole('button', { name: 'Lav det om til et tal' })).toBeInTheDocument();
  // The reference does not break; the code comes last, small, after the Danish message.
  expect(buttons[0].textContent).toContain('Handleplan\u00a02021!N23');
  const code = within(buttons[0]).getByText(/^Kode: /);
  expect(code.previousSibling?.textContent).not.toMatch(/^Kode/);
  expect(within(errors).queryByText(/^[A-Z_]+$/)).toBeNull();
  expect(screen.getByText('Mangler at dække').nextSibling?.textContent).toBe('600.000\u00a0kr.');
  await userEvent.click(buttons[0]);
  expect(adapter.selected).toEqual(['Handleplan 2021!N23']);
});

test('keyboard: Enter validates, Tab reaches the findings, Enter selects', async () => {
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
  expect(validateButton()).toHaveFocus();
  await userEvent.keyboard('{Enter}');
  await screen.findByText('1 fejl skal rettes: 1 i handleplanen.');
  // Focus went to the verdict; the next Tab reaches the first finding.
  await userEvent.tab();
  expect(document.activeElement).toHaveAttribute('data-cell', 'Handleplan 2021!N23');
  await userEvent.keyboard('{Enter}');
  expect(adapter.selected).toEqual(['Handleplan 2021!N23']);
});

test('failure: a clear Danish message and a retry, never a blank pane', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  let calls = 0;
  const adapter = fakeAdapter(async () => {
    calls++;
    throw new WorkbookError('AccessDenied');
  });
  renderPane(adapter);
  await userEvent.click(validateButton());
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
  await userEvent.click(validateButton());
  expect(await screen.findByText(/uventet fejl/)).toBeInTheDocument();
  expect(screen.queryByText(/x is undefined/)).toBeNull();
});

test('without a workbook (browser mode before a file) the button is disabled and not the primary one', () => {
  renderPane(null);
  expect(validateButton()).toBeDisabled();
  expect(validateButton().className).not.toMatch(/primary/);
});

test('the theme follows Office: dark body background, dark theme', () => {
  expect(themeFor({ bodyBackgroundColor: '#262626' }).colorNeutralBackground1).not.toBe(
    webLightTheme.colorNeutralBackground1,
  );
  expect(themeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
});

describe('plan picker', () => {
  test('several plans: a picker, the summary and findings follow it, other plans’ errors are mentioned', async () => {
    const { model } = modelWithPlan();
    addPlan(model, 'HANDLEPLAN 2022', 2022);
    model.sheet('HANDLEPLAN 2022').set(22, 13, { value: 1 }); // N23: a month that breaks the row total
    const shown: string[] = [];
    renderPane(officeAdapter(model), { validateRequest: 1, onPlanShown: (sheet) => shown.push(sheet) });
    // The active sheet's plan is read first; the others are found on request.
    await screen.findByText(clean);
    expect(screen.queryByRole('combobox', { name: 'Handleplan' })).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    const picker = await screen.findByRole('combobox', { name: 'Handleplan' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Handleplan 2021', 'HANDLEPLAN 2022 · 1 fejl']);
    expect(screen.getByText(/Der er også 1 fejl i andre handleplaner/)).toBeInTheDocument();
    await userEvent.selectOptions(picker, 'HANDLEPLAN 2022!A1');
    expect(await screen.findByText('1 fejl skal rettes: 1 i handleplanen.')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Overblik: HANDLEPLAN 2022' })).toBeInTheDocument();
    expect(shown.at(-1)).toBe('HANDLEPLAN 2022');
    expect(screen.queryByRole('button', { name: 'Søg i alle ark' })).toBeNull();
  });

  test('"Alle planer": every plan with its figures and verdict, the totals, and a click shows the plan', async () => {
    const { model } = modelWithPlan();
    addPlan(model, 'HANDLEPLAN 2022', 2022);
    model.sheet('HANDLEPLAN 2022').set(22, 13, { value: 1 }); // N23: a month that breaks the row total
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    expect(screen.queryByRole('button', { name: 'Alle planer' })).toBeNull(); // one plan read so far
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Alle planer' }));
    const list = document.querySelector('[data-all-plans]') as HTMLElement;
    const items = within(list).getAllByRole('button');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Handleplan 2021');
    expect(items[0]).toHaveTextContent('Forventet merforbrug 9.400.000 kr.');
    expect(items[0]).toHaveTextContent('ingen fejl');
    expect(items[1]).toHaveTextContent('HANDLEPLAN 2022');
    expect(items[1]).toHaveTextContent('1 fejl');
    // Both plans' targets and effects (the broken month leaves the plan's own total as it was).
    expect(document.querySelector('[data-all-plans-total]')).toHaveTextContent(
      'I alt 2 planer: forventet merforbrug 18.800.000 kr., planlagt effekt 18.800.000 kr., difference 0 kr.',
    );
    await userEvent.click(items[1]);
    expect(await screen.findByRole('region', { name: 'Overblik: HANDLEPLAN 2022' })).toBeInTheDocument();
  });

  test('"Skriv overblik": preview → confirm writes the owned "Overblik" sheet; the next write replaces it', async () => {
    const { model } = modelWithPlan();
    addPlan(model, 'HANDLEPLAN 2022', 2022);
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Alle planer' }));
    const flow = await action('Skriv overblik');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(screen.getByText('Arket "Overblik" oprettes med 2 planer.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Skriv ændringerne' }));
    await screen.findByText('Overblikket er skrevet i arket "Overblik".');
    const sheet = model.sheet('Overblik');
    expect(sheet.get(3, 1)?.value).toBe('Handleplan 2021');
    expect(sheet.get(4, 1)?.value).toBe('HANDLEPLAN 2022');
    expect(sheet.get(5, 0)?.value).toBe('I alt');
    expect(sheet.get(5, 7)?.formula).toBe('=SUM(H4:H5)');
    // A click in the link column goes to the plan's sheet in this workbook.
    expect(sheet.get(4, 15)?.formula).toBe(`=HYPERLINK("#'HANDLEPLAN 2022'!A1","Åbn")`);
    expect(sheet.frozenRows).toBe(3);
    expect(sheet.autoFilter).toBe('A3:P5');
    expect(sheet.charts.map((c) => [c.type, c.source])).toEqual([['ColumnClustered', 'R3:S5']]);
    // Written again: the add-in's own sheet is replaced, not a second one made beside it.
    await expand('Alle planer');
    const again = await action('Skriv overblik');
    await userEvent.click(within(again).getByRole('button', { name: 'Se ændringerne' }));
    expect(
      screen.getByText('Arket "Overblik" (oprettet af tilføjelsesprogrammet) erstattes med 2 planer.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Skriv ændringerne' }));
    await screen.findByText('Overblikket er skrevet i arket "Overblik".');
    expect(model.sheets.filter((s) => /^Overblik/.test(s.name)).map((s) => s.name)).toEqual(['Overblik']);
    // Read again with the plans, the overview is no plan and no table: still two plans, no finding more.
    await expand('Alle planer');
    expect(within(document.querySelector('[data-all-plans]') as HTMLElement).getAllByRole('button')).toHaveLength(2);
    expect(screen.getByText(clean)).toBeInTheDocument();
  });

  test('one plan and every sheet read: no picker', async () => {
    renderPane(
      fakeAdapter(() => roundTrip(planWorkbook()), { readsWholeWorkbook: true }),
      { validateRequest: 1 },
    );
    await screen.findByText(clean);
    expect(screen.queryByRole('combobox', { name: 'Handleplan' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Søg i alle ark' })).toBeNull();
  });
});

describe('stale results', () => {
  test('an edit in the plan’s sheet marks the results stale, refuses writes, and "Valider igen" clears it', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    // The watch is registered in its own sync after the read.
    await waitFor(() => expect(model.sheet('Handleplan 2021').changeHandlers.size).toBe(1));
    const flow = await action('Opdater forventet merforbrug');
    expect(within(flow).getByRole('button', { name: 'Se ændringerne' })).toBeEnabled();
    act(() => model.userEdit('Handleplan 2021', 'N23', 1));
    expect(
      await screen.findByText(/Arket er ændret, siden det blev læst\. Resultatet kan være forældet/),
    ).toBeInTheDocument();
    expect(within(flow).getByRole('button', { name: 'Se ændringerne' })).toBeDisabled();
    expect(within(flow).getByText(/Valider igen, før du skriver/)).toBeInTheDocument();
    const stale = document.querySelector('[data-stale]') as HTMLElement;
    await userEvent.click(within(stale).getByRole('button', { name: 'Valider igen' }));
    expect(await screen.findByText('1 fejl skal rettes: 1 i handleplanen.')).toBeInTheDocument();
    expect(document.querySelector('[data-stale]')).toBeNull();
    expect(
      within(await action('Opdater forventet merforbrug')).getByRole('button', { name: 'Se ændringerne' }),
    ).toBeEnabled();
  });

  test('the add-in’s own write does not make its results stale', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await waitFor(() => expect(model.sheet('Handleplan 2021').changeHandlers.size).toBe(1));
    await action('Opdater forventet merforbrug');
    await userEvent.type(await screen.findByRole('textbox', { name: /Nyt forventet merforbrug/ }), '9,8 mio.');
    await userEvent.click(screen.getByRole('button', { name: 'Se ændringerne' }));
    await userEvent.click(screen.getByRole('button', { name: 'Skriv ændringerne' }));
    expect(await screen.findByText(/opdateret til 9\.800\.000\skr\./)).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 20)); // let Excel's change events arrive
    expect(document.querySelector('[data-stale]')).toBeNull();
    // Only one watch is left on the sheet after reading again.
    await waitFor(() => expect(model.sheet('Handleplan 2021').changeHandlers.size).toBe(1));
  });
});

describe('flows that write', () => {
  test('update: preview next to the form, focused and announced; confirm; a success that stays with "Gå til"', async () => {
    const { model } = modelWithPlan();
    const adapter = officeAdapter(model);
    renderPane(adapter, { validateRequest: 1 });
    await screen.findByText(clean);
    await action('Opdater forventet merforbrug');
    const box = await screen.findByRole('textbox', { name: /Nyt forventet merforbrug/ });
    await userEvent.type(box, 'mange penge');
    await userEvent.click(screen.getByRole('button', { name: 'Se ændringerne' }));
    expect(screen.getByText(/Skriv et beløb over 0 kr\./)).toBeInTheDocument();
    await userEvent.clear(box);
    await userEvent.type(box, '9,8 mio.');
    await userEvent.click(screen.getByRole('button', { name: 'Se ændringerne' }));
    const preview = screen.getByRole('region', { name: 'Det her bliver ændret: Opdater forventet merforbrug' });
    expect(preview).toHaveFocus();
    expect(within(preview).getByText(/Forhåndsvisning klar: \d+ ændringer/)).toHaveAttribute('role', 'status');
    const items = within(preview)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain('F34Forventet merforbrug efter denne opdatering9.400.000\u00a0kr. → 9.800.000\u00a0kr.');
    expect(model.sheet('Handleplan 2021').get(33, 5)?.value).toBe(9_400_000);
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    const banner = await screen.findByText(/opdateret til 9\.800\.000/);
    expect(model.sheet('Handleplan 2021').get(33, 5)?.value).toBe(9_800_000);
    const bar = banner.closest('[data-banner]') as HTMLElement;
    expect(bar).toHaveFocus();
    // It stays while the user goes elsewhere, until closed.
    await userEvent.click(within(bar).getByRole('button', { name: 'Gå til Handleplan 2021' }));
    expect(model.selection).toEqual({ sheet: 'Handleplan 2021', address: 'F34' });
    expect(screen.getByText(/opdateret til 9\.800\.000/)).toBeInTheDocument();
    await userEvent.click(within(bar).getByRole('button', { name: 'Luk beskeden' }));
    expect(screen.queryByText(/opdateret til 9\.800\.000/)).toBeNull();
  });

  test('projection: preview names the sheet; cancel closes it; a plan without target cannot start it', async () => {
    renderPane(
      fakeAdapter(() => roundTrip(planWorkbook())),
      { validateRequest: 1 },
    );
    await screen.findByText(clean);
    const flow = await action('Skriv fremskrivning');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(screen.getByText('Arket "Fremskrivning 2021" oprettes.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Annuller' }));
    expect(screen.queryByText('Arket "Fremskrivning 2021" oprettes.')).toBeNull();
  });

  test('new year: preview, confirm, success with the next step, the new plan shown in the picker, NO_TARGET explained', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    const flow = await action('Ny årsplan');
    expect(within(flow).getByRole('textbox', { name: 'År' })).toHaveValue('2022');
    // As on the command line: empty months by default.
    expect(within(flow).getByRole('radio', { name: 'Lad dem være tomme' })).toBeChecked();
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    const preview = within(flow).getByRole('region', { name: /Det her bliver ændret: Ny årsplan/ });
    expect(preview).toHaveFocus();
    expect(preview).toHaveTextContent('Arket "Handleplan 2021" kopieres til "Handleplan 2022"');
    expect(preview).toHaveTextContent('De månedlige effekter er tomme.');
    expect(preview).toHaveTextContent('Planlagt effekt i den nye årsplan: 9.400.000 kr. → 0 kr.');
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    const banner = (await screen.findByText(/Arket "Handleplan 2022" er oprettet\./)).closest(
      '[data-banner]',
    ) as HTMLElement;
    expect(banner).toHaveTextContent(
      /Næste skridt i "Handleplan 2022": skriv det forventede merforbrug ved opstart \(celle F32\)/,
    );
    expect(within(banner).getByRole('button', { name: 'Gå til Handleplan 2022' })).toBeInTheDocument();
    expect(model.sheets.map((s) => s.name)).toContain('Handleplan 2022');
    const picker = screen.getByRole('combobox', { name: 'Handleplan' });
    expect((picker as HTMLSelectElement).value).toBe('Handleplan 2022!A1');
    // Not a red failure: the new plan is not filled in yet, and the pane says so.
    expect(screen.getByText(/"Handleplan 2022" er ny og endnu ikke udfyldt/)).toBeInTheDocument();
    expect(screen.queryByText(/fejl skal rettes/)).toBeNull();
    expect(screen.getByRole('region', { name: /Handleplanen i "Handleplan 2022"/ })).toHaveTextContent(
      'Kode: NO_TARGET',
    );
    // The next step's form is open: the new plan has no expected overrun yet.
    expect(screen.getByRole('button', { name: 'Opdater forventet merforbrug' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    // The actions follow the shown plan: the projection explains why it waits.
    await action('Skriv fremskrivning');
    expect(screen.getByText('Der er intet forventet merforbrug at fremskrive. Opdater det først.')).toBeInTheDocument();
    await userEvent.selectOptions(picker, 'Handleplan 2021!A1');
    expect(await screen.findByText(clean)).toBeInTheDocument();
  });

  test('new year where Excel cannot copy sheets: the reason instead of a failure', async () => {
    renderPane(
      fakeAdapter(() => roundTrip(planWorkbook())),
      { validateRequest: 1 },
    );
    await screen.findByText(clean);
    const flow = await action('Ny årsplan');
    expect(within(flow).getByText(/kræver ExcelApi 1.7/)).toBeInTheDocument();
    expect(within(flow).getByRole('button', { name: 'Se ændringerne' })).toBeDisabled();
  });

  test('a failed write says so, changes nothing, and the form stays', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    const before = model.dump();
    model.sheet('Handleplan 2021').protected = true;
    await action('Opdater forventet merforbrug');
    await userEvent.type(await screen.findByRole('textbox', { name: /Nyt forventet merforbrug/ }), '9.800.000');
    await userEvent.click(screen.getByRole('button', { name: 'Se ændringerne' }));
    await userEvent.click(screen.getByRole('button', { name: 'Skriv ændringerne' }));
    expect(await screen.findByText(/er beskyttet.*Intet i projektmappen er ændret\./)).toBeInTheDocument();
    model.sheet('Handleplan 2021').protected = false;
    expect(model.dump()).toBe(before);
    expect(document.querySelector('[data-banner]')).toBeNull();
  });
});

describe('no plan found', () => {
  test('says why and offers "Indsæt tom handleplan" with a preview; afterwards the new plan is shown', async () => {
    const model = new ExcelModel();
    model.addSheet('Budget').fill('A1', [['Budget 2025'], [1000]]);
    renderPane(officeAdapter(model), { validateRequest: 1 });
    expect(await screen.findByText('Ingen handleplan fundet.')).toBeInTheDocument();
    expect(screen.getByText(/ingen tabel med månederne JAN–DEC/)).toBeInTheDocument();
    const flow = await screen.findByRole('region', { name: 'Indsæt tom handleplan' });
    // No plan: this is the next step, so its form is open.
    expect(screen.getByRole('button', { name: 'Indsæt tom handleplan' })).toHaveAttribute('aria-expanded', 'true');
    await userEvent.clear(within(flow).getByRole('textbox', { name: 'År' }));
    await userEvent.type(within(flow).getByRole('textbox', { name: 'År' }), '2026');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    const preview = within(flow).getByRole('region', { name: /Det her bliver ændret/ });
    expect(preview).toHaveTextContent('Arket "HANDLEPLAN 2026" oprettes med en tom handleplan for året.');
    expect(model.sheets).toHaveLength(1);
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    const banner = (await screen.findByText(/Arket "HANDLEPLAN 2026" med en tom handleplan er oprettet\./)).closest(
      '[data-banner]',
    ) as HTMLElement;
    expect(banner).toHaveTextContent(/Næste skridt i "HANDLEPLAN 2026": udfyld/);
    expect(model.sheets.map((s) => s.name)).toEqual(['Budget', 'HANDLEPLAN 2026']);
    expect(await screen.findByRole('region', { name: 'Overblik: HANDLEPLAN 2026' })).toBeInTheDocument();
    expect(screen.getByText(/"HANDLEPLAN 2026" er ny og endnu ikke udfyldt/)).toBeInTheDocument();
    // The budget sheet is untouched.
    expect(model.sheet('Budget').get(0, 0)?.value).toBe('Budget 2025');
  });

  test('a bad year is told at the field, and nothing is previewed', async () => {
    const model = new ExcelModel();
    model.addSheet('Ark1');
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText('Ingen handleplan fundet.');
    const flow = await screen.findByRole('region', { name: 'Indsæt tom handleplan' });
    // No plan: this is the next step, so its form is open.
    expect(screen.getByRole('button', { name: 'Indsæt tom handleplan' })).toHaveAttribute('aria-expanded', 'true');
    await userEvent.clear(within(flow).getByRole('textbox', { name: 'År' }));
    await userEvent.type(within(flow).getByRole('textbox', { name: 'År' }), '26');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByText(/Skriv et årstal mellem 1900 og 2200/)).toBeInTheDocument();
    expect(within(flow).queryByRole('region')).toBeNull();
  });
});

describe('Prognose', () => {
  /** The Slagelse plan, a case list on "Sager" and an activity forecast for 2021 beside it. */
  function modelWithCases() {
    const model = modelWithForecast([
      { measure: 'Aflastning', budgetPersons: 10, budgetPrice: 100_000, forecastPersons: 9, forecastPrice: 90_000 },
    ]);
    const s = model.addSheet('Sager');
    const rows: (string | number | null)[][] = [
      ['Sags-id', 'Indsats', 'Startdato', 'Slutdato', 'Døgnpris', 'Årspris'],
      ['S-1', 'Aflastning', isoToSerial('2020-06-01'), null, 1000, null], // the whole year: 365 days
      ['S-2', 'Aflastning', isoToSerial('2021-07-01'), isoToSerial('2021-07-31'), 2000, null], // 31 days
      ['S-3', 'Dagbehandling', isoToSerial('2021-01-01'), isoToSerial('2021-06-30'), null, 365_000], // 181 days
    ];
    rows.forEach((row, r) => row.forEach((v, c) => v !== null && s.set(r, c, { value: v })));
    return model;
  }

  test('the year from the known cases, "Skriv prognose" and "Brug i aktivitetsprognosen" through preview → confirm', async () => {
    const model = modelWithCases();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    const section = await screen.findByRole('region', { name: 'Prognose' });
    await userEvent.clear(within(section).getByRole('textbox', { name: 'Sagerne er opgjort pr. (dd-mm-åååå)' }));
    await userEvent.type(
      within(section).getByRole('textbox', { name: 'Sagerne er opgjort pr. (dd-mm-åååå)' }),
      '30-06-2021',
    );
    const list = section.querySelector('[data-prognosis]') as HTMLElement;
    // Aflastning: 365 + 31 days = 1,0849 helårsborgere, 365.000 + 62.000 kr.; Dagbehandling 181/365 of 365.000.
    expect(list).toHaveTextContent(/Aflastning: 1,08 helårsborgere, 427\.000\skr\./);
    expect(list).toHaveTextContent(/Dagbehandling: 0,5 helårsborgere, 181\.000\skr\./);
    expect(section.querySelector('[data-prognosis-total]')).toHaveTextContent(
      /I alt 608\.000\skr\. for året: 362\.000\skr\. afholdt til dato, 246\.000\skr\. resten af året\./,
    );
    const flow = await action('Skriv prognose');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByRole('region', { name: /Det her bliver ændret/ })).toHaveTextContent(
      'Arket "Prognose 2021" oprettes.',
    );
    await userEvent.click(within(flow).getByRole('button', { name: 'Skriv ændringerne' }));
    await screen.findByText('Prognosen er skrevet i arket "Prognose 2021".');
    const sheet = model.sheet('Prognose 2021');
    expect(sheet.get(9, 0)?.value).toBe('Aflastning');
    expect(sheet.get(9, 3)?.formula).toMatch(/^=SUMPRODUCT\(\(Sager!\$B\$2:\$B\$4=\$A10\)\*/);

    const use = await action('Brug i aktivitetsprognosen');
    await userEvent.click(within(use).getByRole('button', { name: 'Se ændringerne' }));
    const preview = within(use).getByRole('region', { name: /Det her bliver ændret/ });
    expect(preview).toHaveTextContent('Aflastning: prognose, helårsborgere');
    expect(preview).toHaveTextContent(
      'Disse indsatser findes ikke i "Aktivitetsprognose 2021" og skrives ikke: Dagbehandling.',
    );
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    await screen.findByText('Prognosen er skrevet i "Aktivitetsprognose 2021".');
    const forecast = model.sheet('Aktivitetsprognose 2021');
    // 396 days ÷ 365 helårsborgere at 427.000 kr. ÷ that each: persons × price is the prognosis's 427.000 kr.
    const [persons, price] = [forecast.get(6, 4)?.value as number, forecast.get(6, 5)?.value as number];
    expect([persons, price]).toEqual([396 / 365, 393_573.23]);
    expect(Math.abs(persons * price - 427_000)).toBeLessThan(0.01);
    // Only the two input cells changed: the budget figures and the formulas are as they were.
    expect(forecast.get(6, 1)?.value).toBe(10);
    expect(forecast.get(6, 6)?.formula).toBe('=E7*F7');
    // Next month's extract has one case more: read again, the bridge says what changed since.
    const cases = model.sheet('Sager');
    ['S-4', 'Aflastning', isoToSerial('2021-09-01'), isoToSerial('2021-09-30'), 1000].forEach((v, c) =>
      cases.set(4, c, { value: v }),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Valider (handleplan|igen)$/ }));
    // (The model does not recalculate the forecast's formulas, so its verdict is not awaited here.)
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Søg i alle ark' }) ?? document.querySelector('[data-prognosis]'),
      ).toBeTruthy(),
    );
    // Read again as before: every sheet, when the pane read the active one first.
    const searchAll = screen.queryByRole('button', { name: 'Søg i alle ark' });
    if (searchAll) await userEvent.click(searchAll);
    const bridge = await waitFor(() => {
      const b = document.querySelector('[data-prognosis-bridge]');
      if (!b) throw new Error('no bridge yet');
      return b as HTMLElement;
    });
    expect(bridge).toHaveTextContent(
      /Siden prognosen pr\. 30-06-2021: tilgang 30\.000\skr\., afgang 0\skr\., ændringer 0\skr\./,
    );
    expect(bridge).toHaveTextContent(/Aflastning: tilgang 30\.000\skr\., afgang 0\skr\., ændringer 0\skr\./);
  });
});

describe('Aktivitetsprognose', () => {
  test('its total, split in volume and price, and "Brug som forventet merforbrug" through the block update', async () => {
    const model = modelWithForecast();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    // The forecast is on another sheet: found when every sheet is read.
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    const summary = await screen.findByText(/"Aktivitetsprognose 2021": mer-\/mindreforbrug i alt 5\.890\.000\skr\./);
    expect(summary).toBeInTheDocument();
    // 19 more persons at the budget price, and 114 persons at 30.000 kr. more each.
    expect(
      screen.getByText(/Heraf mængdeeffekt 2\.470\.000\skr\. og priseffekt 3\.420\.000\skr\./),
    ).toBeInTheDocument();
    const flow = await action('Brug som forventet merforbrug');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    const preview = within(flow).getByRole('region', { name: /Det her bliver ændret/ });
    expect(preview).toHaveTextContent('9.400.000 kr. → 5.890.000 kr.');
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    expect(await screen.findByText(/opdateret til 5\.890\.000\skr\./)).toBeInTheDocument();
    expect(model.sheet('Handleplan 2021').get(33, 5)?.value).toBe(5_890_000);
    expect(model.sheets.map((x) => x.name)).toContain('Historik');
  });

  test('an underspend cannot become the expected overrun: the reason instead of the button', async () => {
    const model = modelWithForecast([
      {
        measure: 'Dagbehandling',
        budgetPersons: 54,
        budgetPrice: 300_000,
        forecastPersons: 50,
        forecastPrice: 300_000,
      },
    ]);
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    const flow = await action('Brug som forventet merforbrug');
    expect(within(flow).getByText(/viser intet merforbrug/)).toBeInTheDocument();
    expect(within(flow).getByRole('button', { name: 'Se ændringerne' })).toBeDisabled();
  });

  test('"Opret aktivitetsprognose": preview, write, the next step, and the new sheet read', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    const flow = await action('Opret aktivitetsprognose');
    expect(within(flow).getByRole('textbox', { name: 'År' })).toHaveValue('2021');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByRole('region', { name: /Det her bliver ændret/ })).toHaveTextContent(
      'Arket "Aktivitetsprognose 2021" oprettes',
    );
    await userEvent.click(within(flow).getByRole('button', { name: 'Skriv ændringerne' }));
    const banner = (await screen.findByText(/Arket "Aktivitetsprognose 2021" er oprettet\./)).closest('[data-banner]');
    expect(banner).toHaveTextContent(/udfyld helårsborgere og gennemsnitspris/);
    expect(model.sheet('Aktivitetsprognose 2021').get(5, 1)?.value).toBe('Helårsborgere');
    expect(await screen.findByText(/"Aktivitetsprognose 2021": mer-\/mindreforbrug i alt 0\skr\./)).toBeInTheDocument();
    // The plan is still the one shown.
    expect(screen.getByRole('region', { name: 'Overblik: Handleplan 2021' })).toBeInTheDocument();
  });
});

describe('Status', () => {
  test('the month’s status sheet: preview, write, the next step; made again it keeps what was typed', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await expand('Status');
    const section = await screen.findByRole('region', { name: 'Status' });
    const month = await within(section).findByRole('combobox', { name: 'Måned' });
    await userEvent.selectOptions(month, '9');
    const flow = await within(section).findByRole('region', { name: 'Lav status' });
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByRole('region', { name: /Det her bliver ændret/ })).toHaveTextContent(
      'Arket "Status september 2021" oprettes efter handleplanen.',
    );
    await userEvent.click(within(flow).getByRole('button', { name: 'Skriv ændringerne' }));
    const banner = (await screen.findByText(/Arket "Status september 2021" er skrevet\./)).closest('[data-banner]');
    expect(banner).toHaveTextContent(/skriv realiseret effekt til dato og en status/);
    expect(model.sheet('Status september 2021').get(7, 3)?.formula).toBe("=SUM('Handleplan 2021'!$B$22:$J$22)");
    // The controller types; the status is made again.
    model.userEdit('Status september 2021', 'E8', 1_600_000);
    model.userEdit('Status september 2021', 'H8', 'Akutpladserne er i brug.');
    const again = await screen.findByRole('region', { name: 'Lav status' });
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Måned' }), '9');
    await waitFor(() => expect(within(again).getByRole('button', { name: 'Se ændringerne' })).toBeEnabled());
    await userEvent.click(within(again).getByRole('button', { name: 'Se ændringerne' }));
    const preview = within(again).getByRole('region', { name: /Det her bliver ændret/ });
    expect(preview).toHaveTextContent('laves igen; det, du har skrevet i det, bevares');
    expect(preview).toHaveTextContent('1 indsats beholder realiseret effekt og statustekst.');
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    await screen.findByText(/Arket "Status september 2021" er skrevet\./);
    await waitFor(() => expect(model.sheet('Status september 2021').get(7, 7)?.value).toBe('Akutpladserne er i brug.'));
    expect(model.sheet('Status september 2021').get(7, 4)?.value).toBe(1_600_000);
  });

  test('where Excel cannot save files (Mac), the report button says why and points to the command line', async () => {
    const { model } = modelWithPlan();
    renderPane(
      new OfficeWorkbookAdapter(
        (batch) => model.run(batch),
        () => true,
        'Mac',
      ),
      { validateRequest: 1 },
    );
    await screen.findByText(clean);
    await expand('Status');
    const button = await screen.findByRole('button', { name: 'Hent statusrapport (.docx)' });
    expect(button).toBeDisabled();
    expect(screen.getByText(/Excel på Mac kan ikke hente filer.*handleplan report/)).toBeInTheDocument();
  });
});

describe('the whole truth', () => {
  test('no plan but a broken table: the table’s errors in the verdict and listed at their cells', async () => {
    const model = new ExcelModel();
    model.addSheet('Økonomi').fill('B3', BALLERUP);
    const adapter = officeAdapter(model);
    renderPane(adapter, { validateRequest: 1 });
    expect(await screen.findByText('Ingen handleplan fundet.')).toBeInTheDocument();
    expect(
      screen.getByText(/^Tabellerne i projektmappen har (\d+) fejl: \1 i budgetstatussen i "Økonomi"\.$/),
    ).toBeInTheDocument();
    const place = screen.getByRole('region', { name: /^Budgetstatus i "Økonomi"/ });
    for (const more of within(place).queryAllByRole('button', { name: /^Vis alle/ })) await userEvent.click(more);
    const cells = within(place)
      .getAllByRole('button')
      .filter((b) => b.hasAttribute('data-cell'))
      .map((b) => b.getAttribute('data-cell'));
    expect(cells.length).toBeGreaterThanOrEqual(2);
    expect(cells.every((c) => c!.startsWith('Økonomi!'))).toBe(true);
    // The next step, a blank plan, is open; the table's findings come first.
    expect(screen.getByRole('button', { name: 'Indsæt tom handleplan' })).toHaveAttribute('aria-expanded', 'true');
  });

  test('a forecast with errors cannot become the target, and the verdict says where the errors are', async () => {
    const model = modelWithForecast();
    // D7 is no longer 95 × 130.000.
    model.sheet('Aktivitetsprognose 2021').set(6, 3, { value: 12_000_000, formula: undefined });
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    expect(
      await screen.findByText(/^\d fejl skal rettes: \d i aktivitetsprognosen i "Aktivitetsprognose 2021"\.$/),
    ).toBeInTheDocument();
    // The plan itself covers the overrun: that is said too, so the errors are not taken for the plan's.
    expect(screen.getByText('Planen dækker det forventede merforbrug.')).toBeInTheDocument();
    const flow = await action('Brug som forventet merforbrug');
    expect(
      within(flow).getByText(/har \d fejl \(se fundene ovenfor\), så dens total kan ikke bruges/),
    ).toBeInTheDocument();
    expect(within(flow).getByRole('button', { name: 'Se ændringerne' })).toBeDisabled();
  });

  test('warnings are named in the verdict, grouped, and fixed in one step through the preview', async () => {
    const { model } = modelWithPlan();
    const sheet = model.sheet('Handleplan 2021');
    for (const col of [5, 6, 7]) sheet.set(21, col, { value: '310.000' }); // F22:H22 as text
    renderPane(officeAdapter(model), { validateRequest: 1 });
    expect(await screen.findByText('Handleplanen hænger sammen: ingen fejl · 3 advarsler.')).toBeInTheDocument();
    const group = document.querySelector('[data-group="TEXT_NUMBER"]') as HTMLElement;
    expect(group).toHaveTextContent('3 beløb er gemt som tekst (F22:H22)');
    // The cells are behind "Vis alle 3".
    expect(
      within(group)
        .queryAllByRole('button')
        .filter((b) => b.hasAttribute('data-cell')),
    ).toHaveLength(0);
    await userEvent.click(within(group).getByRole('button', { name: 'Vis alle 3' }));
    expect(
      within(group)
        .getAllByRole('button')
        .filter((b) => b.hasAttribute('data-cell')),
    ).toHaveLength(3);
    await userEvent.click(within(group).getByRole('button', { name: 'Lav dem om til tal' }));
    const preview = within(group).getByRole('region', { name: /Det her bliver ændret: Ret: 3 beløb/ });
    expect(preview).toHaveFocus();
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'F22Beløb gemt som tekst"310.000" → 310.000\u00a0kr.',
      'G22Beløb gemt som tekst"310.000" → 310.000\u00a0kr.',
      'H22Beløb gemt som tekst"310.000" → 310.000\u00a0kr.',
    ]);
    await userEvent.click(within(preview).getByRole('button', { name: 'Skriv ændringerne' }));
    expect(await screen.findByText('3 celler er rettet.')).toBeInTheDocument();
    expect([5, 6, 7].map((c) => sheet.get(21, c)?.value)).toEqual([310_000, 310_000, 310_000]);
    expect(await screen.findByText(clean)).toBeInTheDocument();
  });

  test('an implausible amount is asked about before anything is previewed: "Mente du 9,38 mio. kr.?"', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    const flow = await action('Opdater forventet merforbrug');
    await userEvent.type(within(flow).getByRole('textbox', { name: /Nyt forventet merforbrug/ }), '9,38');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    const question = within(flow).getByRole('group', { name: /^Mente du 9,38 mio\. kr\.\?/ });
    expect(question).toHaveFocus();
    expect(within(flow).queryByRole('region', { name: /Det her bliver ændret/ })).toBeNull();
    await userEvent.click(within(question).getByRole('button', { name: 'Brug 9.380.000 kr.' }));
    const preview = within(flow).getByRole('region', { name: /Det her bliver ændret/ });
    expect(preview).toHaveTextContent('9.400.000 kr. → 9.380.000 kr.');
    // What was typed can still be chosen.
    await userEvent.click(within(preview).getByRole('button', { name: 'Annuller' }));
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    await userEvent.click(within(flow).getByRole('button', { name: 'Brug 9,38 kr.' }));
    expect(within(flow).getByRole('region', { name: /Det her bliver ændret/ })).toHaveTextContent(
      '9.400.000 kr. → 9,38 kr.',
    );
  });

  test('Ny årsplan refuses the plan’s own year, and shows the new total of an even spread', async () => {
    const { model } = modelWithPlan();
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    const flow = await action('Ny årsplan');
    const year = within(flow).getByRole('textbox', { name: 'År' });
    await userEvent.clear(year);
    await userEvent.type(year, '2021');
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByText('Handleplanen er for 2021: skriv 2022 eller et senere år.')).toBeInTheDocument();
    expect(within(flow).queryByRole('region')).toBeNull();
    await userEvent.clear(year);
    await userEvent.type(year, '2022');
    await userEvent.click(within(flow).getByRole('radio', { name: /Fordel helårseffekten jævnt/ }));
    await userEvent.click(within(flow).getByRole('button', { name: 'Se ændringerne' }));
    expect(within(flow).getByRole('region', { name: /Det her bliver ændret/ })).toHaveTextContent(
      /Planlagt effekt i den nye årsplan: 9\.400\.000 kr\. → [\d.]+ kr\./,
    );
  });

  test('Status: the latest status month is chosen; a report without realised effect is asked about', async () => {
    const { model } = modelWithPlan();
    const adapter = officeAdapter(model);
    renderPane(adapter, { validateRequest: 1 });
    await screen.findByText(clean);
    // No status sheet yet: the report would have no realised amounts.
    await expand('Status');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Hent statusrapport (.docx)' })).toBeEnabled());
    await userEvent.click(screen.getByRole('button', { name: 'Hent statusrapport (.docx)' }));
    const asked = document.querySelector('[data-report-empty]') as HTMLElement;
    expect(asked).toHaveTextContent(/Der er intet statusark for \w+ 2021/);
    expect(within(asked).getByRole('button', { name: 'Hent alligevel' })).toBeInTheDocument();
    expect(screen.queryByText(/er hentet/)).toBeNull();
    await userEvent.click(within(asked).getByRole('button', { name: 'Annuller' }));
    expect(document.querySelector('[data-report-empty]')).toBeNull();
  });

  test('Status: with "Status september 2021" in the workbook, September is the month shown', async () => {
    const { model } = modelWithPlan();
    model.addSheet('Status september 2021').fill('A1', [['Status']]);
    renderPane(officeAdapter(model), { validateRequest: 1 });
    await screen.findByText(clean);
    await userEvent.click(await screen.findByRole('button', { name: 'Søg i alle ark' }));
    await expand('Status');
    expect(await screen.findByRole('combobox', { name: 'Måned' })).toHaveValue('9');
  });
});

describe('the verdict (pure)', () => {
  const Decimal = jest.requireActual('decimal.js').default;
  test('initiatives behind plan and their shortfall in words; the warnings counted', async () => {
    const { verdictOf } = await import('../src/taskpane/verdict');
    const snapshot = await roundTrip(planWorkbook());
    const { validateWorkbook } = await import('../src/core/validate');
    const result = validateWorkbook(snapshot);
    const behind = (cell: string, planned: number, realised: number) => ({
      severity: 'warning' as const,
      code: 'STATUS_BEHIND' as const,
      sheet: 'Status september 2021',
      cell,
      message: '',
      expected: new Decimal(planned),
      actual: new Decimal(realised),
    });
    result.tables.push({
      kind: 'status',
      sheet: 'Status september 2021',
      range: 'A7:H12',
      summary: {},
      findings: [behind('E8', 1_000_000, 500_000), behind('E9', 900_000, 600_000), behind('E10', 500_000, 275_000)],
    });
    const v = verdictOf({ snapshot, result, readAt: new Date(), whole: true }, result.plans[0]);
    expect(v).toEqual({
      intent: 'warning',
      title: 'Handleplanen hænger sammen: ingen fejl · 3 advarsler.',
      lines: [
        'Planen dækker det forventede merforbrug.',
        '3 indsatser er bagud med i alt 1.025.000 kr. ("Status september 2021").',
      ],
    });
  });
});
