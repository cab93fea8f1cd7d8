import { useCallback, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { WorkbookError, type WorkbookAdapter } from '../../core/model/adapter';
import { userMessage } from '../../addin/text';
import { planKey, validateActiveWorkbook, validateAllSheets, type ValidationRun } from '../../addin/validation';

export type PaneState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; run: ValidationRun }
  | { status: 'failed'; message: string };

/**
 * The pane's reading of the workbook: its state, the plan chosen, whether it went stale, and the
 * two ways to get a new one (validate; show a run read after a write).
 */
export function useReading(
  adapter: WorkbookAdapter | null,
  focusNext: RefObject<'result' | 'banner' | null>,
  setSelectError: Dispatch<SetStateAction<string | null>>,
) {
  const [state, setState] = useState<PaneState>({ status: 'idle' });
  const [selected, setSelected] = useState('');
  const [stale, setStale] = useState(false);

  const show = useCallback((next: ValidationRun, prefer?: string) => {
    const keys = next.result.plans.map(planKey);
    const active = next.snapshot.activeSheet;
    setSelected((old) => {
      const onPreferred = prefer ? next.result.plans.find((p) => p.plan.sheet === prefer) : undefined;
      if (onPreferred) return planKey(onPreferred);
      if (keys.includes(old)) return old;
      const first = next.result.plans.find((p) => p.plan.sheet === active) ?? next.result.plans[0];
      return first ? planKey(first) : '';
    });
    setStale(false);
    setState({ status: 'done', run: next });
  }, []);

  const validate = useCallback(
    async (all = false) => {
      if (!adapter) return;
      setState({ status: 'working' });
      setSelectError(null);
      focusNext.current = 'result';
      try {
        show(all ? await validateAllSheets(adapter) : await validateActiveWorkbook(adapter));
      } catch (e) {
        console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
        setState({ status: 'failed', message: userMessage(e) });
      }
    },
    [adapter, show],
  );

  return { state, setState, selected, setSelected, stale, setStale, show, validate };
}
