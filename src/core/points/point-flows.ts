/**
 * Flows between places (or between clusters of places) as columns, and the
 * one summing step every level of the pipeline uses: flows grouped by
 * (origin group, destination group, year) are added up, and flows whose two
 * ends fall in one group are kept apart as that group's moves "within"
 * (a cluster's own moves, or moves inside one region) rather than dropped.
 *
 * The sum runs over an open-addressing hash table in typed arrays: about
 * 30 bytes a flow while it runs, no object per flow, so a million flows sum
 * in tens of milliseconds in the worker.
 */
import type { FlowTable } from '../flow-columns';

export interface PointFlowTable {
  length: number;
  /** Place (or cluster) index of the origin. */
  origin: Uint32Array;
  destination: Uint32Array;
  year: Uint16Array;
  /** Exact counts: sums of many flows pass Float32's exact integers (2^24). */
  count: Float64Array;
}

export interface SummedFlows {
  /** Between different groups, each (origin, destination, year) once, in the order first met. */
  flows: PointFlowTable;
  /** Inside one group: origin equals destination, each (group, year) once. */
  within: PointFlowTable;
}

const EMPTY = -1;

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b ^ 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Adds counts by (origin, destination, year), keeping the keys in the order first met. */
export class FlowSummer {
  private slots: Int32Array;
  private mask: number;
  private origin: Uint32Array;
  private destination: Uint32Array;
  private year: Uint16Array;
  private count: Float64Array;
  length = 0;

  constructor(expected: number) {
    const capacity = Math.max(16, expected);
    this.origin = new Uint32Array(capacity);
    this.destination = new Uint32Array(capacity);
    this.year = new Uint16Array(capacity);
    this.count = new Float64Array(capacity);
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  add(o: number, d: number, y: number, c: number): void {
    let slot = hash(o, d, y) & this.mask;
    for (;;) {
      const at = this.slots[slot]!;
      if (at === EMPTY) break;
      if (this.origin[at] === o && this.destination[at] === d && this.year[at] === y) {
        this.count[at]! += c;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.length === this.origin.length) this.grow();
    const at = this.length++;
    this.origin[at] = o;
    this.destination[at] = d;
    this.year[at] = y;
    this.count[at] = c;
    this.slots[slot] = at;
    if (this.length * 2 > this.slots.length) this.rehash();
  }

  /** The sums, in arrays of exactly their length (the table's own memory is let go). */
  take(): PointFlowTable {
    const n = this.length;
    return {
      length: n,
      origin: this.origin.slice(0, n),
      destination: this.destination.slice(0, n),
      year: this.year.slice(0, n),
      count: this.count.slice(0, n),
    };
  }

  private grow() {
    const size = this.origin.length * 2;
    const copy = <T extends Uint32Array | Uint16Array | Float64Array>(a: T, make: (n: number) => T) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.origin = copy(this.origin, (n) => new Uint32Array(n));
    this.destination = copy(this.destination, (n) => new Uint32Array(n));
    this.year = copy(this.year, (n) => new Uint16Array(n));
    this.count = copy(this.count, (n) => new Float64Array(n));
  }

  private rehash() {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let at = 0; at < this.length; at++) {
      let slot = hash(this.origin[at]!, this.destination[at]!, this.year[at]!) & this.mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.slots[slot] = at;
    }
  }
}

/**
 * Sums flows by the groups of their ends (groupOf: index -> group; null keeps
 * the indices). `within` of a finer level, if given, is carried into the
 * groups too, so that a coarse level's moves within a cluster include those of
 * its parts.
 */
export function sumFlows(table: PointFlowTable, groupOf: Uint32Array | null, within?: PointFlowTable): SummedFlows {
  const between = new FlowSummer(table.length);
  const inside = new FlowSummer(Math.min(table.length, 1024) + (within?.length ?? 0));
  const g = groupOf;
  for (let i = 0; i < table.length; i++) {
    const o = g ? g[table.origin[i]!]! : table.origin[i]!;
    const d = g ? g[table.destination[i]!]! : table.destination[i]!;
    if (o === d) inside.add(o, o, table.year[i]!, table.count[i]!);
    else between.add(o, d, table.year[i]!, table.count[i]!);
  }
  if (within)
    for (let i = 0; i < within.length; i++) {
      const c = g ? g[within.origin[i]!]! : within.origin[i]!;
      inside.add(c, c, within.year[i]!, within.count[i]!);
    }
  return { flows: between.take(), within: inside.take() };
}

/** The table in the form the drawing pipeline takes (counts as Float32: widths and ranks need no more). */
export function drawingTable(table: PointFlowTable): FlowTable {
  return {
    length: table.length,
    origin: table.origin,
    destination: table.destination,
    year: table.year,
    count: new Float32Array(table.count),
  };
}

export const bytesOf = (...arrays: ArrayBufferView[]): number => arrays.reduce((s, a) => s + a.byteLength, 0);
export const tableBytes = (t: PointFlowTable): number => bytesOf(t.origin, t.destination, t.year, t.count);
