/**
 * Places of a user's own (cities, districts, settlements): ids and names as
 * the file gives them, positions and optional figures in typed arrays.
 */

export interface PlaceTable {
  length: number;
  /** The id the flows name the place by (for a flows file with coordinates: made from them). */
  ids: string[];
  /** Display name as the file gives it (the id when the file has none). */
  names: string[];
  /** lon, lat per place. */
  positions: Float64Array;
  /** Population when the file gives it, else NaN. */
  population: Float64Array;
  /** Unit code of the parent region the file names ('' when none or not matched). */
  parentUnit: string[];
  /** 1-based line of the row that defined the place. */
  lines: Uint32Array;
}

/** Where each place lies among the regions of a RegionIndex. */
export interface PlaceRegions {
  /** Region index per place; -1 outside every mapped region. */
  region: Int32Array;
  /** Kilometres a place was moved to the nearest region (snapping); 0 when it lies inside. */
  snappedKm: Float32Array;
}

/** Arrivals plus departures of every place over all years: the weight that clusters places. */
export function placeWeights(
  placeCount: number,
  flows: { length: number; origin: Uint32Array; destination: Uint32Array; count: Float64Array },
): Float64Array {
  const weights = new Float64Array(placeCount);
  for (let i = 0; i < flows.length; i++) {
    weights[flows.origin[i]!]! += flows.count[i]!;
    weights[flows.destination[i]!]! += flows.count[i]!;
  }
  return weights;
}
