/**
 * A text or a byte array cut at the given positions (taken modulo its length + 1), for the
 * tokenizers' tests that every chunking reads the same.
 */
export function cut<T extends { length: number; slice(from: number, to?: number): T }>(whole: T, at: number[]): T[] {
  const points = [...new Set(at.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const p of points) {
    out.push(whole.slice(from, p));
    from = p;
  }
  out.push(whole.slice(from));
  return out;
}
