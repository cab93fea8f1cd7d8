/** How long to wait for Office.onReady; it never resolves when office.js is blocked. */
export const OFFICE_READY_TIMEOUT_MS = 3000;

export type Host = { kind: 'excel'; theme?: { bodyBackgroundColor?: string } } | { kind: 'browser' };

/** Excel when office.js loaded and Office says the host is Excel; otherwise a plain browser. */
export async function detectHost(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<Host> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return { kind: 'browser' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const info = await Promise.race([Office.onReady().catch(() => null), timeout]);
  if (info?.host !== Office.HostType.Excel) return { kind: 'browser' };
  return { kind: 'excel', theme: Office.context?.officeTheme ?? undefined };
}
