/**
 * Positions by initiative number. Numbers are mostly 1, 2, 3, …: those are kept in a typed array
 * (no hash table of a hundred thousand entries for the garbage collector to copy); an odd large
 * number goes in a Map beside it.
 */
const DENSE_LIMIT = 1 << 21;

export class NumberIndex {
  /** Position + 1 by number; 0 for none. */
  private dense = new Int32Array(64);
  private sparse: Map<number, number> | null = null;

  get(n: number): number | undefined {
    if (Number.isInteger(n) && n >= 0 && n < DENSE_LIMIT) {
      const v = n < this.dense.length ? this.dense[n] : 0;
      return v === 0 ? undefined : v - 1;
    }
    return this.sparse?.get(n);
  }

  has(n: number): boolean {
    return this.get(n) !== undefined;
  }

  /** Keeps the first position given for a number; later ones are ignored. */
  setFirst(n: number, position: number): void {
    if (this.has(n)) return;
    if (Number.isInteger(n) && n >= 0 && n < DENSE_LIMIT) {
      if (n >= this.dense.length) {
        const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(n + 1, this.dense.length * 2)));
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[n] = position + 1;
    } else (this.sparse ??= new Map()).set(n, position);
  }
}
