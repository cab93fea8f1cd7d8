/**
 * The ribbon's "Valider handleplan" is a function command (ExecuteFunction). It runs in its own
 * runtime, so it asks an open task pane to validate by message: a BroadcastChannel and, where
 * the two runtimes do not share one, the `storage` event of localStorage (same origin, other
 * document). The pane answers; without an answer the command validates by itself and shows the
 * result in a dialog. No Office and no DOM beyond these two standard channels.
 */

export const RIBBON_CHANNEL = 'handleplan-ribbon';
const STORAGE_KEY = 'handleplan.ribbon';

/**
 * `workbook` says which workbook the click was in (its URL, Office.context.document.url): every
 * runtime of the origin hears the channel, and with two workbooks open only the pane of the
 * one clicked in may answer.
 */
export type RibbonMessage = { type: 'validate'; id: string; workbook?: string } | { type: 'ack'; id: string };

export interface Transport {
  post(message: RibbonMessage): void;
  /** Returns a function that stops listening. */
  listen(onMessage: (message: RibbonMessage) => void): () => void;
  /** Lets go of the channel. */
  close(): void;
}

/** The identity of the workbook a runtime belongs to (its address; "" for one never saved). */
export function workbookIdentity(url: string | null | undefined): string {
  return url ?? '';
}

const isMessage = (m: unknown): m is RibbonMessage =>
  typeof m === 'object' &&
  m !== null &&
  ((m as RibbonMessage).type === 'validate' || (m as RibbonMessage).type === 'ack') &&
  typeof (m as RibbonMessage).id === 'string';

/** BroadcastChannel and localStorage together; a message seen on both is delivered once. */
export function browserTransport(scope: typeof globalThis = globalThis): Transport {
  const channel = typeof scope.BroadcastChannel === 'function' ? new scope.BroadcastChannel(RIBBON_CHANNEL) : null;
  let storage: Storage | null = null;
  try {
    storage = scope.localStorage ?? null;
  } catch {
    storage = null; // blocked (private mode, policy)
  }
  return {
    post(message) {
      channel?.postMessage(message);
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify({ ...message, at: Date.now() }));
      } catch {
        // full or blocked: the channel alone carries it
      }
    },
    listen(onMessage) {
      const seen = new Set<string>();
      const deliver = (m: unknown) => {
        if (!isMessage(m)) return;
        const key = `${m.type}:${m.id}`;
        if (seen.has(key)) return;
        seen.add(key);
        onMessage(m);
      };
      const onChannel = (e: MessageEvent) => deliver(e.data);
      const onStorage = (e: StorageEvent) => {
        if (e.key !== STORAGE_KEY || !e.newValue) return;
        try {
          deliver(JSON.parse(e.newValue));
        } catch {
          // not ours
        }
      };
      channel?.addEventListener('message', onChannel);
      scope.addEventListener?.('storage', onStorage);
      return () => {
        channel?.removeEventListener('message', onChannel);
        scope.removeEventListener?.('storage', onStorage);
      };
    },
    close() {
      channel?.close();
    },
  };
}

/**
 * The pane: validate when the ribbon asks about this pane's workbook, and say so. A message for
 * another workbook is left to that workbook's pane (or to the command itself).
 */
export function answerRibbon(transport: Transport, onValidate: () => void, workbook?: string): () => void {
  const stop = transport.listen((m) => {
    if (m.type !== 'validate') return;
    if (m.workbook !== undefined && workbook !== undefined && m.workbook !== workbook) return;
    if ((m.workbook === undefined) !== (workbook === undefined)) return;
    transport.post({ type: 'ack', id: m.id });
    onValidate();
  });
  return () => {
    stop();
    transport.close();
  };
}

/** How long the command waits for an open pane to answer. */
export const PANE_ANSWER_MS = 1500;

/** The command: ask an open pane to validate; true when one answered in time. */
export function askPaneToValidate(
  transport: Transport,
  timeoutMs = PANE_ANSWER_MS,
  workbook?: string,
): Promise<boolean> {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve) => {
    const stop = transport.listen((m) => {
      if (m.type === 'ack' && m.id === id) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(answered: boolean) {
      clearTimeout(timer);
      stop();
      transport.close();
      resolve(answered);
    }
    transport.post({ type: 'validate', id, ...(workbook !== undefined ? { workbook } : {}) });
  });
}
