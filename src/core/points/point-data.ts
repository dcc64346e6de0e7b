/**
 * An imported point dataset as the page keeps and shows it: the places, the
 * region each lies in (point in polygon at import), and the flows between
 * places. The flows between regions that the choropleth, the totals and the
 * region panel use are made from them at import (region-flows.ts) and travel
 * beside, as an imported region table would.
 */
import type { PointFlowTable } from './point-flows';
import type { PlaceTable } from './places';

export interface PointData {
  places: PlaceTable;
  /** Index into regionIds per place; -1 outside every mapped region (drawn, not in region totals). */
  placeRegion: Int32Array;
  regionIds: string[];
  /** Each (origin, destination, year) once; origin and destination are place indices. */
  flows: PointFlowTable;
}

/** Places that lie outside Kazakhstan and the 12 Russian subjects: drawn, never summed into a region. */
export function placesOutside(data: Pick<PointData, 'placeRegion'>): number {
  let n = 0;
  for (let p = 0; p < data.placeRegion.length; p++) if (data.placeRegion[p]! < 0) n++;
  return n;
}

/** The largest flows of each year drawn per cluster level (the worker lays out only these). */
export const POINT_TOP_N = 1000;
