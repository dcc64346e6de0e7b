/**
 * Region nodes at administrative centres, sized by each year's arrivals plus
 * departures between regions; all years laid out once, sorted by year, and
 * drawn a year's slice at a time.
 */
import { yearSlices, type YearSlice } from './arcs';
import type { Model } from './model';

export interface NodeBuffers {
  length: number;
  units: string[];
  years: number[];
  totals: number[];
  positions: Float64Array;
  radii: Float32Array;
  slices: Map<number, YearSlice>;
}

/** Pixels of radius per sqrt(migrant): 100,000 moves make a 13 px circle. */
export const NODE_RADIUS_PER_SQRT = 0.04;

export function buildNodeBuffers(model: Model): NodeBuffers {
  const units: string[] = [];
  const years: number[] = [];
  const totals: number[] = [];
  for (const year of model.flowYears)
    for (const [unit, t] of model.flowTotals.get(year)!) {
      if (!model.units.has(unit)) continue;
      units.push(unit);
      years.push(year);
      totals.push(t.arrivals + t.departures);
    }
  const n = units.length;
  const positions = new Float64Array(n * 2);
  const radii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions.set(model.units.get(units[i]!)!.centre, i * 2);
    radii[i] = Math.sqrt(totals[i]!) * NODE_RADIUS_PER_SQRT;
  }
  return { length: n, units, years, totals, positions, radii, slices: yearSlices(years) };
}
