/**
 * A growing column of numbers, kept in blocks of 4,096: it never copies what it holds as it grows
 * (one long array pushed to a hundred thousand times is copied again and again, in the heap's
 * large-object space), and it keeps nothing outside the heap (memory there, grown run after run,
 * makes the engine collect the whole heap far more often).
 */
const SHIFT = 12;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

export class NumberColumn {
  private readonly blocks: Float64Array[] = [];
  private block = new Float64Array(0);
  length = 0;

  push(v: number): void {
    const at = this.length & MASK;
    if (at === 0) this.blocks.push((this.block = new Float64Array(BLOCK)));
    this.block[at] = v;
    this.length++;
  }

  at(i: number): number {
    return this.blocks[i >>> SHIFT][i & MASK];
  }
}
