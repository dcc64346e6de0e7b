/**
 * Population density of the northern and southern groups of regions over the
 * years, and their ratio. The grouping follows the migration-policy concept as
 * summarised by CABAR.asia (S147): emigration regions of the north and the
 * densely populated, labour-surplus south. Polygons are used so that every
 * year compares in the same borders (Turkestan counts with Shymkent, which
 * cannot be separated before 2017).
 */
import type { MeasureTable } from './measures';
import { areaFor } from './model';

export const NORTH_POLYGONS = ['KZ-VOS', 'KZ-KUS', 'KZ-PAV', 'KZ-SEV', 'KZ-KAR'] as const;
export const SOUTH_POLYGONS = ['KZ-ALM', 'KZ-KZY', 'KZ-YUZ', 'KZ-ZHA'] as const;
export const GROUPING_SOURCE = 'S147';

export interface GroupDensity {
  year: number;
  north: number;
  south: number;
  /** south / north */
  ratio: number;
  sourceIds: string[];
}

function groupDensity(measures: MeasureTable, polygons: readonly string[], year: number) {
  let population = 0;
  let area = 0;
  const sources = new Set<string>();
  for (const id of polygons) {
    const v = measures.value('population', id, year);
    if (!v || v.value === null) return null;
    for (const u of v.unitCodes) {
      const a = areaFor(measures.model, u, year);
      if (!a) return null;
      area += a.area_km2;
      sources.add(a.source_id);
    }
    population += v.value;
    v.sourceIds.forEach((s) => sources.add(s));
  }
  return { density: population / area, sources };
}

/** Years in which every region of both groups has a 1 January figure and an area. */
export function northSouthSeries(measures: MeasureTable): GroupDensity[] {
  const out: GroupDensity[] = [];
  const [from, to] = measures.model.yearRange;
  for (let year = from; year <= to; year++) {
    const north = groupDensity(measures, NORTH_POLYGONS, year);
    const south = groupDensity(measures, SOUTH_POLYGONS, year);
    if (!north || !south) continue;
    out.push({
      year,
      north: north.density,
      south: south.density,
      ratio: south.density / north.density,
      sourceIds: [...new Set([...north.sources, ...south.sources, GROUPING_SOURCE])],
    });
  }
  return out;
}
