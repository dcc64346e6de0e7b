/**
 * The data the map shows (the built-in data, or an import on top of it) with
 * everything prepared from it: the regions and their outlines, the flows, the
 * colours, the north–south series and the timeline's coverage. Made once per
 * dataset; the flows' filter values for a selection are made when the
 * selection changes.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { flowSetFilter } from './arcs';
import { yearCoverage, type YearCoverage } from './coverage';
import type { Dataset } from './load';
import { northSouthSeries, type GroupDensity } from './north-south';
import { outlineSegments, type OutlineSegments } from './outlines';
import type { PointData } from './points/point-data';
import { prepareData, type PreparedData } from './prepared';

/** Properties of a drawn region (geo/regions.geojson, or an imported boundary joined to a unit). */
export interface RegionProps {
  polygon_id: string;
  country: 'KZ' | 'RU';
  label_lon: number;
  label_lat: number;
  area_km2: number;
}
export type RegionFeature = Feature<Geometry, RegionProps>;
export type Regions = FeatureCollection<Geometry, RegionProps>;

/** The flows' filter values for one selection (see flowSetFilter). */
export interface SelectionFilters {
  internal: Float32Array;
  external: Float32Array;
}

export interface MapData {
  dataset: Dataset;
  regions: Regions;
  outlines: OutlineSegments;
  prepared: PreparedData;
  northSouth: GroupDensity[];
  coverage: YearCoverage[];
  /** Every year of the timeline. */
  years: readonly number[];
  /** Places of the user's own and the flows between them (drawn clustered instead of the region arcs), or null. */
  points: PointData | null;
  /** The flows' filter values for a selected polygon (null: none); the last one is kept. */
  filters(selected: string | null): SelectionFilters;
}

export function prepareMapData(dataset: Dataset, regions: Regions, points: PointData | null = null): MapData {
  const { model, measures } = dataset;
  const prepared = prepareData(dataset);
  const years: number[] = [];
  for (let y = model.yearRange[0]; y <= model.yearRange[1]; y++) years.push(y);
  let last: { selected: string | null; filters: SelectionFilters } | null = null;
  return {
    dataset,
    regions,
    outlines: outlineSegments(regions),
    prepared,
    northSouth: northSouthSeries(measures),
    coverage: yearCoverage(model, (y) => prepared.externalYears.has(y)),
    years,
    points,
    filters(selected) {
      if (last?.selected !== selected) {
        const polygon = selected ? model.polygons.get(selected) : undefined;
        const units = polygon ? new Set(polygon.unitCodes) : null;
        last = {
          selected,
          filters: {
            internal: flowSetFilter(prepared.internal, units),
            external: flowSetFilter(prepared.external, units),
          },
        };
      }
      return last.filters;
    },
  };
}
