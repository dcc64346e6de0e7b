/**
 * The typed columns the validators keep valid rows in (about 14 bytes a flow
 * instead of a few hundred for an object), so a million rows fit and move
 * between threads without copying; text cells are dictionary-encoded.
 */

/** Distinct values of a text column kept (periods, measures, sources, notes). */
export const MAX_DISTINCT_VALUES = 65_535;
/** The longest text kept in a cell (names, periods, measures). */
export const MAX_TEXT_LENGTH = 200;

/** Dictionary-encoded text: values[index[i]]; values[0] is ''. index null means every row is ''. */
export interface DictColumn {
  values: string[];
  index: Uint16Array | Uint32Array | null;
}

export interface FlowColumns {
  kind: 'flows';
  length: number;
  /** Unit index -> code (the matcher's order). */
  unitCodes: string[];
  year: Uint16Array;
  origin: Uint16Array;
  destination: Uint16Array;
  migrants: Float64Array;
  period: DictColumn;
  /** The file's own source and note cells, kept as text beside the dataset's source id. */
  source: DictColumn;
  note: DictColumn;
  /** Boundary version of each year's rows (see geographyFor). */
  geographyByYear: Record<number, string>;
}

export interface FigureColumns {
  kind: 'figures';
  length: number;
  unitCodes: string[];
  unit: Uint16Array;
  year: Uint16Array;
  value: Float64Array;
  measure: DictColumn;
  unitOfMeasure: DictColumn;
  /** The period of each value (months of a regions × months table); absent in datasets stored before periods. */
  period?: DictColumn;
  /** Boundary version of each year's rows (see geographyFor); absent in datasets stored before it. */
  geographyByYear?: Record<number, string>;
}

/** Texts to ids, the empty text first. */
export class Dict {
  readonly values: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  /** The id of a text, or -1 when the dictionary is full. */
  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      if (this.values.length > MAX_DISTINCT_VALUES) return -1;
      id = this.values.length;
      this.values.push(text);
      this.ids.set(text, id);
    }
    return id;
  }
}

/** Typed arrays that double when full. */
export class Growable<T extends Uint16Array | Uint32Array | Float64Array> {
  array: T;
  constructor(private readonly make: (n: number) => T) {
    this.array = make(1024);
  }
  set(i: number, v: number) {
    if (i >= this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[i] = v;
  }
  /** An exact-length copy, so the transferred buffer carries no slack. */
  take(length: number): T {
    return this.array.slice(0, length) as T;
  }
}
