/**
 * Browser mode's reader timed in Debian's Chromium on one file, beside the floor there: fflate's
 * bare inflate of every entry (nothing parsed). Both run in a Web Worker, as the pane reads, on
 * the same bytes, interleaved; medians of the rounds, the spread kept.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(__dirname, '..');

/** The worker's script: the pane's reader and the bare inflate, each timed inside the worker. */
async function workerScript(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `
        import { inflateSync } from 'fflate';
        import { browserInflate } from './src/xlsx/browserZlib';
        import { readWithProgress } from './src/xlsx/readProgress';
        import { readZip } from './src/xlsx/zip';
        self.onmessage = async (e) => {
          const { data, what } = e.data;
          const t = performance.now();
          if (what === 'read') {
            const s = await readWithProgress(data, browserInflate, () => {}, () => performance.now());
            self.postMessage({ ms: performance.now() - t, sheets: s.sheets.length });
          } else {
            let bytes = 0;
            for (const entry of readZip(data)) {
              if (entry.method !== 8) continue;
              const start = entry.dataOffset;
              bytes += inflateSync(data.subarray(start, start + entry.compressedSize)).length;
            }
            self.postMessage({ ms: performance.now() - t, bytes });
          }
        };`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** In the page: the file's bytes to each worker in turn, the reader and the floor interleaved. */
const PAGE = `
window.runBench = async (base64, rounds) => {
  const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([window.workerScript], { type: 'text/javascript' }));
  const once = (what) => new Promise((resolve, reject) => {
    const w = new Worker(url);
    w.onmessage = (e) => { w.terminate(); resolve(e.data); };
    w.onerror = (e) => { w.terminate(); reject(new Error(e.message)); };
    w.postMessage({ data: data.slice(), what });
  });
  await once('read'); // the first read warms the browser's caches; not counted
  const out = [];
  for (let i = 0; i < rounds; i++) {
    const r = await once('read');
    const f = await once('floor');
    out.push({ read: r.ms, floor: f.ms, sheets: r.sheets });
  }
  return out;
};`;

export interface BrowserTiming {
  readMs: number;
  floorMs: number;
  ratio: number;
  spread: string;
  sheets: number;
}

export async function browserRead(file: string, rounds = 5): Promise<BrowserTiming> {
  const script = await workerScript();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    const base64 = readFileSync(file).toString('base64');
    // The page's part as text: a function handed to evaluate would be transformed by tsx on the way.
    await page.addScriptTag({ content: PAGE });
    await page.evaluate(`window.workerScript = ${JSON.stringify(script)}`);
    const runs = (await page.evaluate(`runBench(${JSON.stringify(base64)}, ${rounds})`)) as {
      read: number;
      floor: number;
      sheets: number;
    }[];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const ratios = runs.map((r) => r.read / r.floor);
    return {
      readMs: median(runs.map((r) => r.read)),
      floorMs: median(runs.map((r) => r.floor)),
      ratio: median(ratios),
      spread: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
      sheets: runs[0].sheets,
    };
  } finally {
    await browser.close();
  }
}

if (require.main === module) void browserRead(process.argv[2]).then((r) => console.log(JSON.stringify(r)));
