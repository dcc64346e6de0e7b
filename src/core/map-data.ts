/**
 * The data the map shows (the built-in data, or an import on top of it) with
 * everything prepared from it: the regions and their outlines, the flows, the
 * colours, the north–south series and the timeline's coverage. Made once per
 * dataset; the flows' filter values for a selection are made when the
 * selection changes.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { flowSetFilter } from './arcs';
import { yearCoverage, type YearCoverage } from './coverage';
import type { BoundaryVersion } from './geography';
import type { Dataset } from './load';
import type { MeasureId } from './measures';
import { northSouthSeries, type GroupDensity } from './north-south';
import { outlineSegments, type OutlineSegments } from './outlines';
import type { PointData } from './points/point-data';
import { prepareData, type PreparedData } from './prepared';

/** Properties of a drawn region (geo/regions.topojson, or an imported boundary joined to a unit). */
export interface RegionProps {
  polygon_id: string;
  country: 'KZ' | 'RU';
  label_lon: number;
  label_lat: number;
  area_km2: number;
}
export type RegionFeature = Feature<Geometry, RegionProps>;
export type Regions = FeatureCollection<Geometry, RegionProps>;

/**
 * Every shape of every boundary version in geo/regions.topojson (one id names
 * one shape: a polygon drawn in several versions comes once).
 */
export function regionsFromTopology(topology: Topology): Regions {
  const byId = new Map<string, RegionFeature>();
  for (const object of Object.values(topology.objects)) {
    const collection = feature(topology, object as GeometryCollection<RegionProps>) as unknown as Regions;
    for (const f of collection.features) if (!byId.has(f.properties.polygon_id)) byId.set(f.properties.polygon_id, f);
  }
  return { type: 'FeatureCollection', features: [...byId.values()] };
}

/** What the map draws for a measure and year: a boundary version's polygons and the Russian subjects'. */
export interface DrawnRegions {
  /** The Kazakh version (null: Kazakhstan's regions are not drawn, before its first figure). */
  version: BoundaryVersion | null;
  regions: Regions;
  outlines: OutlineSegments;
}

/** The flows' filter values for one selection (see flowSetFilter). */
export interface SelectionFilters {
  internal: Float32Array;
  external: Float32Array;
}

export interface MapData {
  dataset: Dataset;
  /** Every shape of every version (imports and searches look them up here). */
  regions: Regions;
  /** The polygons drawn for a measure and year (made once per version). */
  drawn(measure: MeasureId, year: number): DrawnRegions;
  /**
   * The drawn polygon that shows a selected one: itself, or in other borders
   * the polygon holding it (Abai in 2019: East Kazakhstan); itself when none
   * holds all of it (the panel then sums its parts).
   */
  shown(selected: string | null, measure: MeasureId, year: number): string | null;
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
  const byVersion = new Map<string, DrawnRegions>();
  const featureOf = new Map(regions.features.map((f) => [f.properties.polygon_id, f]));
  let last: { selected: string | null; filters: SelectionFilters } | null = null;
  return {
    dataset,
    regions,
    drawn(measure, year) {
      const version = measures.version(measure, year);
      const key = version?.id ?? '';
      let drawn = byVersion.get(key);
      if (!drawn) {
        const features = measures.drawnPolygons(measure, year).flatMap((id) => featureOf.get(id) ?? []);
        const shown: Regions = { type: 'FeatureCollection', features };
        byVersion.set(key, (drawn = { version, regions: shown, outlines: outlineSegments(shown) }));
      }
      return drawn;
    },
    prepared,
    northSouth: northSouthSeries(measures),
    coverage: yearCoverage(model, (y) => prepared.externalYears.has(y)),
    years,
    points,
    shown(selected, measure, year) {
      const { version } = this.drawn(measure, year);
      if (!selected || model.polygons.get(selected)?.country !== 'KZ' || !version) return selected;
      // An old region none of whose successors holds all of it (East Kazakhstan + Abai in 2024) stays itself.
      return model.territories.holder(selected, version) ?? selected;
    },
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
