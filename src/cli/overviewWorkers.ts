/**
 * The overview's workbooks read on every core: worker threads of the bundled command line
 * (lib/cli.js starts as a worker when it is not the main thread), each reading one workbook at a
 * time, so that no more workbooks are open at once than there are workers. Run from source (the
 * tests, in-process) the workbooks are read one after the other, with the same result.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { OverviewFailure, OverviewPlan } from '../core/overview';
import { OVERVIEW_WORKER_ARG } from './args';
import { readOne, type Workbook } from './overviewRead';

type Result = OverviewPlan[] | OverviewFailure;

/** Only the bundle can start itself as a worker; from TypeScript source there is no loader. */
const bundled = () => __filename.endsWith('.js');

/** Reads every workbook; results in the workbooks' order. `onRead` is told as each one is done. */
export async function readAll(workbooks: Workbook[], onRead: (w: Workbook) => void): Promise<Result[]> {
  const count = Math.min(availableParallelism(), workbooks.length);
  if (!bundled() || count <= 1 || !isMainThread) {
    const out: Result[] = [];
    for (const w of workbooks) {
      out.push(await readOne(w));
      onRead(w);
    }
    return out;
  }
  const results: Result[] = new Array(workbooks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      let worker: Worker | null = new Worker(__filename, {
        argv: [OVERVIEW_WORKER_ARG],
        workerData: { overviewWorker: true },
      });
      try {
        while (next < workbooks.length) {
          const i = next++;
          const answer = worker ? await ask(worker, workbooks[i]) : null;
          // A worker that went away leaves its share to be read here, never a wait without end.
          if (answer === null) worker = null;
          results[i] = answer ?? (await readOne(workbooks[i]));
          onRead(workbooks[i]);
        }
      } finally {
        await worker?.terminate();
      }
    }),
  );
  return results;
}

/** One workbook read by a worker; null when the worker failed or exited before it answered. */
function ask(worker: Worker, w: Workbook): Promise<Result | null> {
  return new Promise((resolve) => {
    const done = (r: Result | null) => {
      worker.off('message', done);
      worker.off('error', gone);
      worker.off('exit', gone);
      resolve(r);
    };
    const gone = () => done(null);
    worker.on('message', done);
    worker.on('error', gone);
    worker.on('exit', gone);
    worker.postMessage(w);
  });
}

/** This thread was started by readAll to read workbooks (not a command typed with the argument). */
export function isOverviewWorker(): boolean {
  return !isMainThread && (workerData as { overviewWorker?: boolean } | null)?.overviewWorker === true;
}

/** The worker's side: read each workbook it is sent and answer with its rows. */
export function serveOverviewWorker(): void {
  parentPort?.on('message', (w: Workbook) => {
    void readOne(w).then((r) => parentPort!.postMessage(r));
  });
}
