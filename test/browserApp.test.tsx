/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbookSnapshot } from '../src/core/model/grid';
import { BrowserApp, type FileReading } from '../src/taskpane/browser/BrowserApp';
import { ReadCancelled, readWithProgress, type ReadProgress } from '../src/xlsx/readProgress';
import { nodeInflate } from '../src/cli/zlib';

const EXAMPLE = new Uint8Array(readFileSync(join(__dirname, '../examples/handleplan-slagelse-2021.xlsx')));

/** A file as the chooser gives it (jsdom's File has no arrayBuffer). */
function fileOf(name: string, data: Uint8Array): File {
  const f = new File([data as Uint8Array<ArrayBuffer>], name);
  Object.defineProperty(f, 'arrayBuffer', { value: async () => data.slice().buffer });
  return f;
}

const choose = (f: File) => {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [f] } });
};

/** Reads on this thread, as the worker would, the way the tests can wait on. */
const readHere: FileReading = (data, onProgress, signal) =>
  readWithProgress(data, nodeInflate, onProgress, () => Date.now(), signal, 0);

test('a read shows how far it has come, and "Annuller" stops it with a word and nothing opened', async () => {
  let tell!: (p: ReadProgress) => void;
  let aborted = false;
  const slow: FileReading = (_data, onProgress, signal) =>
    new Promise<WorkbookSnapshot>((_resolve, reject) => {
      tell = onProgress;
      signal.addEventListener('abort', () => {
        aborted = true;
        reject(new ReadCancelled());
      });
    });
  render(<BrowserApp readFile={slow} />);
  choose(fileOf('stor.xlsx', EXAMPLE));
  await screen.findByText('Læser projektmappen …');
  act(() => tell({ done: 25, total: 100 }));
  expect(screen.getByText('Læser projektmappen … 25 %')).toBeInTheDocument();
  act(() => tell({ done: 60, total: 100 }));
  expect(screen.getByText('Læser projektmappen … 60 %')).toBeInTheDocument();
  expect(screen.getByRole('progressbar')).toHaveAttribute('value', '60');
  await userEvent.click(screen.getByRole('button', { name: 'Annuller' }));
  expect(aborted).toBe(true);
  expect(await screen.findByText(/Læsningen af "stor\.xlsx" er annulleret/)).toBeInTheDocument();
  expect(screen.queryByText(/Åbnet:/)).toBeNull();
  expect(document.querySelector('[data-verdict]')).toBeNull();
});

test('a corrupt file after a good one: the good one’s verdict is gone, the reason is told', async () => {
  render(<BrowserApp readFile={readHere} />);
  choose(fileOf('plan.xlsx', EXAMPLE));
  expect(await screen.findByText('Handleplanen hænger sammen: ingen fejl.')).toBeInTheDocument();
  choose(fileOf('beskadiget.xlsx', new Uint8Array([80, 75, 3, 4, 1, 2, 3])));
  expect(await screen.findByText(/"beskadiget\.xlsx"/)).toBeInTheDocument();
  expect(document.querySelector('[data-verdict]')).toBeNull();
  expect(screen.queryByText('Åbnet: plan.xlsx')).toBeNull();
});

test('after a write: leaving is guarded, another file is asked about, and fetching the workbook ends both', async () => {
  const created: string[] = [];
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    created.push(this.download);
  });
  render(<BrowserApp readFile={readHere} />);
  choose(fileOf('plan.xlsx', EXAMPLE));
  await screen.findByText('Handleplanen hænger sammen: ingen fejl.');
  const leaving = () => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  };
  expect(leaving()).toBe(false);
  await userEvent.click(await screen.findByRole('button', { name: 'Skriv fremskrivning' }));
  const projection = document.querySelector('[data-action="projection"]') as HTMLElement;
  await userEvent.click(projection.querySelector('button:not([aria-expanded])') as HTMLElement);
  await userEvent.click(await screen.findByRole('button', { name: 'Skriv ændringerne' }));
  await screen.findByText(/Fremskrivningen er skrevet/);
  await waitFor(() => expect(leaving()).toBe(true));
  // "Åbn .xlsx-fil" now asks first, naming what would be lost.
  await userEvent.click(screen.getByRole('button', { name: 'Åbn .xlsx-fil' }));
  expect(document.querySelector('[data-unsaved]')).toHaveTextContent('Ændringerne i "plan.xlsx" er ikke hentet endnu');
  await userEvent.click(screen.getByRole('button', { name: 'Hent projektmappen først' }));
  await waitFor(() => expect(created).toEqual(['plan (opdateret).xlsx']));
  expect(leaving()).toBe(false);
  expect(document.querySelector('[data-unsaved]')).toBeNull();
  click.mockRestore();
});

test('several files at once: every plan of them all, the files that cannot be used, and overblik.xlsx to download', async () => {
  const { bigWorkbook } = await import('./support/bigWorkbooks');
  const { Package } = await import('../src/xlsx/package');
  const { readWorkbook } = await import('../src/xlsx/read');
  const { Grid } = await import('../src/core/model/grid');
  const blobs: Blob[] = [];
  Object.assign(URL, {
    createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'),
    revokeObjectURL: () => undefined,
  });
  const names: string[] = [];
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  render(<BrowserApp readFile={readHere} />);
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  expect(input.multiple).toBe(true);
  const small = await bigWorkbook({ initiatives: 3 });
  fireEvent.change(input, {
    target: {
      files: [
        fileOf('Center B.xlsx', small),
        fileOf('Center A.xlsx', EXAMPLE),
        fileOf('beskadiget.xlsx', new Uint8Array([80, 75, 3, 4, 1, 2, 3])),
        fileOf('noter.txt', new Uint8Array([104, 101, 106])),
      ],
    },
  });
  await screen.findByRole('heading', { name: 'Overblik over 4 filer' });
  const rows = [...document.querySelectorAll('[data-overview-plan]')].map((li) => li.textContent);
  // In file order (Danish collation), each plan with its figures and verdict.
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatch(/^Center A\.xlsx · Handleplan 2021/);
  expect(rows[0]).toContain('Forventet merforbrug 9.400.000 kr.');
  expect(rows[0]).toContain('ingen fejl');
  expect(rows[1]).toMatch(/^Center B\.xlsx · Handleplan 2021/);
  const failed = [...document.querySelectorAll('[data-overview-failed]')].map((li) => li.textContent);
  expect(failed).toEqual([expect.stringContaining('"beskadiget.xlsx"'), '"noter.txt" er ikke en .xlsx-fil.']);
  expect(document.querySelector('[data-files-overview-total]')).toHaveTextContent(/^I alt 2 planer: /);
  expect(document.querySelector('[data-verdict]')).toBeNull(); // no single workbook is open

  await userEvent.click(screen.getByRole('button', { name: 'Hent overblik.xlsx' }));
  await screen.findByText('Overblikket er hentet som overblik.xlsx.');
  expect(names).toEqual(['overblik.xlsx']);
  // jsdom's Blob has no arrayBuffer: its bytes read through a FileReader.
  const data = await new Promise<Uint8Array>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(blobs[0]);
  });
  const sheet = (await readWorkbook(new Package(data, nodeInflate), { all: true })).sheets.find(
    (s) => s.name === 'Overblik',
  )!;
  const g = new Grid(sheet);
  expect([g.text(3, 0), g.text(4, 0), g.text(5, 0)]).toEqual(['Center A.xlsx', 'Center B.xlsx', 'I alt']);
  expect(g.value(3, 7)).toBe(9_400_000);
  expect(sheet.formulas?.[3 - sheet.origin.row]?.[15]).toBe(`=HYPERLINK("[Center A.xlsx]'Handleplan 2021'!A1","Åbn")`);
  expect(g.text(7, 0)).toBe('Filer der ikke kunne bruges');
  expect(g.text(9, 0)).toBe('beskadiget.xlsx');
});
