/**
 * Step 1 of a write: the workbook as it is now, where the plan depends on it. The sheets the
 * plan changes or replaces are read afresh and the core's one write-refusal policy decides.
 */
import { Grid, type WorkbookSnapshot } from '../../core/model/grid';
import { resolveSheetActions } from '../../core/build/sheetNames';
import { cellState, guardedCells, type FreshSheet } from '../../core/build/writeGuard';
import { writeRefusal } from '../../core/build/writeRefusal';
import { ownedSheets, type WritePlan } from '../../core/build/writePlan';
import type { Package, WorkbookInfo } from '../package';
import { readSheet, type SheetContext } from '../read/sheet';

export type ParsedSheet = Awaited<ReturnType<typeof readSheet>>;

export interface CheckedWrite {
  resolved: ReturnType<typeof resolveSheetActions>;
  /** Sheets the plan makes (new or replacing). */
  made: Set<string>;
  /** Existing sheets whose cells the plan changes. */
  touched: Set<string>;
  /** The existing sheets read for the check, by name. */
  parsed: Map<string, ParsedSheet>;
  /** Names of the sheets being replaced. */
  replaced: string[];
}

export async function checkWrite(
  pkg: Package,
  info: WorkbookInfo,
  plan: WritePlan,
  before: WorkbookSnapshot,
  ctx: SheetContext,
): Promise<CheckedWrite> {
  const owned = ownedSheets(info.definedNames);
  const entryOf = (name: string) => info.sheets.find((s) => s.name === name);
  const resolved = resolveSheetActions(
    plan,
    info.sheets.map((s) => ({ name: s.name, ownedByAddin: owned.has(s.name) })),
  );
  const made = new Set(plan.sheets.map((s) => s.name));
  const guarded = guardedCells(plan, before);
  const touched = new Set<string>([
    ...guarded.keys(),
    ...plan.cells.filter((c) => !made.has(c.sheet)).map((c) => c.sheet),
    ...(plan.appends ?? []).filter((a) => !made.has(a.sheet)).map((a) => a.sheet),
  ]);
  const fresh = new Map<string, FreshSheet | null>();
  const parsed = new Map<string, ParsedSheet>();
  for (const name of touched) {
    const entry = entryOf(name);
    if (!entry?.part) {
      fresh.set(name, null);
      continue;
    }
    const sheet = await readSheet(pkg, entry.part, name, ctx);
    parsed.set(name, sheet);
    const cells = new Map<string, ReturnType<typeof cellState>>();
    const grid = new Grid(sheet);
    for (const address of guarded.get(name) ?? []) cells.set(address, cellState(grid, address));
    fresh.set(name, { usedRange: sheet.usedRange ?? null, cells });
  }
  // The sheets to be replaced are read too: the policy asks whether they are protected.
  for (const a of resolved.actions)
    if (a.action === 'replace' && !parsed.has(a.name)) {
      const entry = entryOf(a.name);
      if (entry?.part) parsed.set(a.name, await readSheet(pkg, entry.part, a.name, ctx));
    }
  const unlocked = new Map([...parsed].map(([name, s]) => [name, new Set(s.unlockedCells ?? [])]));
  const refusal = writeRefusal(
    plan,
    before,
    {
      fresh,
      structureProtected: info.structureLocked,
      sheets: [...parsed].map(([name, s]) => ({ name, protected: !!s.protected })),
      locked: (sheet, address) => !unlocked.get(sheet)?.has(address),
    },
    resolved.actions,
  );
  if (refusal) throw refusal;
  const replaced = resolved.actions.filter((a) => a.action === 'replace').map((a) => a.name);
  return { resolved, made, touched, parsed, replaced };
}
