// The seam between Kazakhstan (S172) and shapes from other datasets that were drawn against another,
// older Kazakh outline: the Russian subjects of Natural Earth admin-1, and the countries of the
// basemap (world-atlas). Their stretch along the old Kazakh border is replaced by the very vertices
// of S172's outline, so both sides of the border are the same line, vertex for vertex: a topology
// built from both finds one shared arc, and any later simplification moves both sides together.
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

const key = (p: Position) => `${p[0]},${p[1]}`;

/** The outer ring of S172's main Kazakh polygon, with a coarse grid to find the nearest vertex. */
export class Outline {
  readonly ring: Position[]; // closed: last = first
  private readonly n: number;
  private readonly cells = new Map<string, number[]>();
  private static readonly CELL = 0.25; // degrees

  constructor(
    ring: Position[],
    readonly polygon: Feature<Polygon | MultiPolygon>,
  ) {
    this.ring = ring;
    this.n = ring.length - 1;
    for (let i = 0; i < this.n; i++) {
      const c = this.cellOf(ring[i]!);
      (this.cells.get(c) ?? this.cells.set(c, []).get(c)!).push(i);
    }
  }

  private cellOf(p: Position, dx = 0, dy = 0): string {
    return `${Math.floor(p[0]! / Outline.CELL) + dx},${Math.floor(p[1]! / Outline.CELL) + dy}`;
  }

  /** Index of the outline vertex nearest to p (searching outward ring by ring of grid cells). */
  nearest(p: Position): { index: number; km: number } {
    const k = Math.cos((p[1]! * Math.PI) / 180);
    let best = -1;
    let bestD = Infinity;
    for (let r = 0; r < 400 && (best < 0 || r <= 1 + Math.ceil(Math.sqrt(bestD) / Outline.CELL)); r++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          for (const i of this.cells.get(this.cellOf(p, dx, dy)) ?? []) {
            const q = this.ring[i]!;
            const d = ((q[0]! - p[0]!) * k) ** 2 + (q[1]! - p[1]!) ** 2;
            if (d < bestD) [best, bestD] = [i, d];
          }
        }
      }
    }
    return { index: best, km: Math.sqrt(bestD) * 111.2 };
  }

  /** Outline vertices from index a to index b, going forward (+1) or backward (-1), both included. */
  path(a: number, b: number, step: 1 | -1): Position[] {
    const out: Position[] = [];
    for (let i = a; ; i = (i + step + this.n) % this.n) {
      out.push(this.ring[i]!);
      if (i === b) return out;
    }
  }

  /** Whether index m lies on the forward path from a to b. */
  forwardContains(a: number, b: number, m: number): boolean {
    const span = (b - a + this.n) % this.n;
    return (m - a + this.n) % this.n <= span;
  }

  contains(p: Position): boolean {
    return turf.booleanPointInPolygon(p, this.polygon, { ignoreBoundary: true });
  }
}

export type SnapReport = { runs: number; maxShiftKm: number };

/**
 * Rewrites one closed ring. A vertex belongs to the old Kazakh side when it is a vertex of the old
 * Kazakh shape (`onOldBorder`, exact coordinates: the source's own topology shares them) or lies inside
 * S172's outline (those would overlap Kazakhstan). Each maximal run of such vertices is replaced by the
 * outline's own vertices between the outline vertices nearest to the run's two ends. Neighbours that
 * share a run end (two Russian subjects meeting at the border) snap it to the same outline vertex, so
 * they stay edge to edge. The direction along the outline is the one that passes the run's middle.
 */
export function snapRing(
  ring: Position[],
  onOldBorder: (p: Position) => boolean,
  outline: Outline,
  report: SnapReport,
): Position[] {
  const v = ring.slice(0, -1);
  const n = v.length;
  const mark = v.map((p) => onOldBorder(p) || outline.contains(p));
  if (!mark.some(Boolean)) return ring;
  if (mark.every(Boolean)) throw new Error('a whole ring lies on the Kazakh border or inside Kazakhstan');
  // Start the walk just after an unmarked vertex so that no run wraps around the array end.
  const start = (mark.findIndex((m) => !m) + 1) % n;
  const out: Position[] = [];
  for (let s = 0; s < n;) {
    const i = (start + s) % n;
    if (!mark[i]) {
      out.push(v[i]!);
      s++;
      continue;
    }
    let len = 0;
    while (s + len < n && mark[(start + s + len) % n]) len++;
    const run = Array.from({ length: len }, (_, t) => v[(start + s + t) % n]!);
    const a = outline.nearest(run[0]!);
    const b = outline.nearest(run[len - 1]!);
    let step: 1 | -1;
    if (len >= 3) {
      const m = outline.nearest(run[Math.floor(len / 2)]!).index;
      step = outline.forwardContains(a.index, b.index, m) ? 1 : -1;
    } else {
      const forward = outline.path(a.index, b.index, 1).length;
      step = forward <= outline.ring.length / 2 ? 1 : -1;
    }
    out.push(...outline.path(a.index, b.index, step));
    report.runs++;
    report.maxShiftKm = Math.max(report.maxShiftKm, a.km, b.km);
    s += len;
  }
  // Drop consecutive duplicates (a run end can coincide with the next kept vertex) and close.
  const clean = out.filter((p, i) => i === 0 || key(p) !== key(out[i - 1]!));
  if (key(clean[0]!) === key(clean[clean.length - 1]!)) clean.pop();
  return [...clean, clean[0]!];
}

export function snapPolygonal(
  g: Polygon | MultiPolygon,
  oldVertices: Set<string>,
  outline: Outline,
  report: SnapReport,
): Polygon | MultiPolygon {
  const on = (p: Position) => oldVertices.has(key(p));
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const snapped = polys.map((rings) => rings.map((r) => snapRing(r, on, outline, report)));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: snapped[0]! }
    : { type: 'MultiPolygon', coordinates: snapped };
}

export function vertexKeys(gs: (Polygon | MultiPolygon)[]): Set<string> {
  const out = new Set<string>();
  for (const g of gs) for (const p of turf.coordAll(g)) out.add(key(p));
  return out;
}
