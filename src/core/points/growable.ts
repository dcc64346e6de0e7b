/** Typed arrays that double when full (validate-rows.ts has the same for its columns; one can go at integration). */
type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export class Growable<T extends Typed> {
  array: T;
  constructor(private readonly make: (n: number) => T) {
    this.array = make(1024);
  }
  set(i: number, v: number): void {
    if (i >= this.array.length) {
      const bigger = this.make(Math.max(this.array.length * 2, i + 1));
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[i] = v;
  }
  /** An exact-length copy, so that a transferred buffer carries no slack. */
  take(length: number): T {
    return this.array.slice(0, length) as T;
  }
}
