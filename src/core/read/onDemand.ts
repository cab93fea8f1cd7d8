/** Objects by index, made when first asked for and the same one each time after. */
export class OnDemand<T> {
  private readonly made = new Map<number, T>();
  private all: T[] | undefined;

  constructor(private readonly make: (i: number) => T) {}

  get(i: number): T {
    if (this.all) return this.all[i];
    let it = this.made.get(i);
    if (it === undefined) this.made.set(i, (it = this.make(i)));
    return it;
  }

  /** All `count` of them as one list (made once). */
  list(count: number): T[] {
    if (!this.all) {
      const all: T[] = new Array(count);
      for (let i = 0; i < count; i++) all[i] = this.get(i);
      this.all = all;
    }
    return this.all;
  }
}
