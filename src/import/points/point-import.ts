/**
 * The import of places and the flows between them, without the worker around
 * it: read the tables as streams (a locations table and a flows table naming
 * its ids, FlowmapBlue's layout, or one flows file with coordinates), match
 * every place to the region polygon it lies in, sum the flows into flows
 * between units (region totals) and cluster the places (the flows of a
 * cluster level are summed when the level is first shown: LevelStore). The worker calls this with Files; the tests and the
 * measuring script with Node streams or Blobs.
 *
 * A file that cannot be read to its end (no header, an unclosed quote, the
 * columns do not fit, no time and no year given) imports nothing: `fatal`
 * says why, the issues where.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { clusterPlaces, type ClusterHierarchy, type ClusterOptions } from '../../core/points/clusters';
import type { PointFlowTable } from '../../core/points/point-flows';
import { placeWeights, type PlaceRegions, type PlaceTable } from '../../core/points/places';
import { createRegionIndex, type RegionIndexProblem } from '../../core/points/region-index';
import type { ByteSource, Delimiter, ImportHooks } from '../import-core';
import { createRegionMatcher, type MatchableUnit } from '../region-matcher';
import { clip, IssueLog, type PointIssue, type PointIssueCode } from './codes';
import { createPlaceLookup, type PlaceLookup, type PlaceLookupEntry } from './place-lookup';
import { LocationRowValidator, missingLocationFields, PlaceCollector, type LocationMapping } from './places-table';
import {
  endsByCoordinates,
  endsById,
  PointFlowRowValidator,
  REQUIRED_COORDINATE_FIELDS,
  REQUIRED_PAIR_FIELDS,
  type CoordinateFlowMapping,
  type PairFlowMapping,
  type PointFlowRows,
  type PointFlowSummary,
} from './point-flows-table';
import { regionFlows, type RegionFlowsResult, type RegionUnitRule } from './region-flows';
import { streamRecords, type StreamFatal, type StreamResult } from './stream-records';

/** Places this close (km) outside every polygon are given to the nearest (the polygons are simplified by about 1 km). */
export const DEFAULT_SNAP_KM = 2;

export interface TableSource<M> {
  source: ByteSource;
  fileName: string;
  mapping: M;
  delimiter?: Delimiter;
}

interface CommonRequest {
  datasetId: string;
  /** The units: parent regions are matched to them; region flows are between them. */
  units: MatchableUnit[];
  manual?: Record<string, string>;
  /** The region polygons places are matched to, and the property that holds each one's id. */
  regions: FeatureCollection | { features: readonly Feature[] };
  regionIdProperty: string;
  /** Polygon -> unit by years (rulesFromCrosswalk); null when the ids are unit codes. */
  regionRules: readonly RegionUnitRule[] | null;
  /** Districts (or other places) by KATO code or name, for rows without coordinates. */
  lookup?: readonly PlaceLookupEntry[];
  /** The year of every flow when the flows have no time column. */
  defaultYear?: number;
  snapKm?: number;
  cluster?: ClusterOptions;
  maxIssues?: number;
  /** Keep the rows as read (duplicates removed), beside their yearly sums: for tests and export. */
  keepRows?: boolean;
}

export type PointImportRequest = CommonRequest &
  (
    | { layout: 'pair'; locations: TableSource<LocationMapping>; flows: TableSource<PairFlowMapping> }
    | { layout: 'coordinates'; flows: TableSource<CoordinateFlowMapping> }
  );

export interface TableReadSummary {
  fileName: string;
  header: string[];
  delimiter: Delimiter;
  encoding: string;
  rowsRead: number;
  emptyLines: number;
}

export interface PointImportResult {
  datasetId: string;
  fatal: PointIssueCode | null;
  places: PlaceTable;
  /** The region (index into regionIds) of every place, and how far it was snapped. */
  placeRegions: PlaceRegions;
  regionIds: string[];
  /** Problems of the region file itself (the app's own: none expected). */
  regionProblems: RegionIndexProblem[];
  /** Flows between places, each (origin, destination, year) once. */
  flows: PointFlowTable;
  rows: PointFlowRows | null;
  regionFlows: RegionFlowsResult;
  /** The places' clusters at every zoom; the flows of a level are summed when it is first shown (LevelStore). */
  hierarchy: ClusterHierarchy;
  issues: PointIssue[];
  issueCount: number;
  issuesByCode: Record<PointIssueCode, number>;
  locations: (TableReadSummary & { placesValid: number }) | null;
  flowTable: (TableReadSummary & PointFlowSummary) | null;
  /** Milliseconds per phase, for the measuring script and the progress display. */
  timings: Record<'locations' | 'flows' | 'regions' | 'regionFlows' | 'clusters', number>;
}

const fatalCode = (f: StreamFatal): PointIssueCode | null => (f === 'stopped' ? null : f);

function readSummary(fileName: string, s: StreamResult, rowsRead: number, emptyLines: number): TableReadSummary {
  return { fileName, header: s.header ?? [], delimiter: s.delimiter, encoding: s.encoding, rowsRead, emptyLines };
}

export async function importPoints(request: PointImportRequest, hooks: ImportHooks = {}): Promise<PointImportResult> {
  const log = new IssueLog(request.maxIssues);
  const timings = { locations: 0, flows: 0, regions: 0, regionFlows: 0, clusters: 0 };
  const matcher = createRegionMatcher(request.units, request.manual ?? {});
  const lookup: PlaceLookup | undefined = request.lookup ? createPlaceLookup(request.lookup) : undefined;
  const places = new PlaceCollector({ log, parentMatcher: matcher, lookup });
  let fatal: PointIssueCode | null = null;
  let locations: PointImportResult['locations'] = null;

  let t = performance.now();
  if (request.layout === 'pair') {
    const { source, fileName, mapping, delimiter } = request.locations;
    log.file = fileName;
    const validator = new LocationRowValidator(mapping, places);
    const read = await streamRecords(
      source,
      { fileName, delimiter },
      {
        header: (_cells, line) => {
          const missing = missingLocationFields(mapping, lookup !== undefined);
          if (missing.length > 0) log.add(line, 'columns_missing', { fields: missing });
          return missing.length === 0;
        },
        record: (cells, line) => validator.push(cells, line),
        malformed: (line) => validator.malformed(line),
      },
      hooks,
    );
    if (read.fatal) {
      fatal = fatalCode(read.fatal) ?? 'columns_missing';
      if (read.fatal !== 'stopped') log.add(read.fatalLine, read.fatal, read.fatal === 'record_too_long' ? { maxMB: 8 } : {}); // prettier-ignore
    }
    locations = { ...readSummary(fileName, read, validator.rowsRead, validator.emptyLines), placesValid: places.length }; // prettier-ignore
  }
  timings.locations = performance.now() - t;

  t = performance.now();
  let flowResult: ReturnType<PointFlowRowValidator['finish']> | null = null;
  let flowTable: PointImportResult['flowTable'] = null;
  if (!fatal) {
    const { source, fileName, delimiter } = request.flows;
    log.file = fileName;
    const mapping = request.flows.mapping;
    const required: readonly string[] = request.layout === 'pair' ? REQUIRED_PAIR_FIELDS : REQUIRED_COORDINATE_FIELDS;
    const resolve =
      request.layout === 'pair'
        ? endsById(request.flows.mapping, places, log, lookup ? addFromLookup(lookup, places, log) : undefined)
        : endsByCoordinates(request.flows.mapping, places, log);
    const validator = new PointFlowRowValidator(resolve, mapping, places, log, request.defaultYear ?? null);
    if (mapping.time === undefined && request.defaultYear === undefined) {
      fatal = 'no_time';
      log.add(0, 'no_time');
    } else {
      const read = await streamRecords(
        source,
        { fileName, delimiter },
        {
          header: (_cells, line) => {
            const missing = required.filter((f) => (mapping as Record<string, number | undefined>)[f] === undefined);
            if (missing.length > 0) log.add(line, 'columns_missing', { fields: missing });
            return missing.length === 0;
          },
          record: (cells, line) => validator.push(cells, line),
          malformed: (line) => validator.malformed(line),
        },
        hooks,
      );
      if (read.fatal) {
        fatal = fatalCode(read.fatal) ?? 'columns_missing';
        if (read.fatal !== 'stopped') log.add(read.fatalLine, read.fatal, read.fatal === 'record_too_long' ? { maxMB: 8 } : {}); // prettier-ignore
      }
      flowResult = validator.finish(request.keepRows ?? false);
      flowTable = { ...readSummary(fileName, read, flowResult.summary.rowsRead, flowResult.summary.emptyLines), ...flowResult.summary }; // prettier-ignore
    }
  }
  timings.flows = performance.now() - t;

  const emptyFlows: PointFlowTable = { length: 0, origin: new Uint32Array(0), destination: new Uint32Array(0), year: new Uint16Array(0), count: new Float64Array(0) }; // prettier-ignore
  // Nothing is imported from a file that could not be read to its end.
  const flows = fatal || !flowResult ? emptyFlows : flowResult.flows;
  const placeTable = fatal ? new PlaceCollector({ log }).finish() : places.finish();

  t = performance.now();
  log.file = '';
  const index = createRegionIndex(request.regions, request.regionIdProperty);
  const placeRegions = locatePlaces(placeTable, index, request.snapKm ?? DEFAULT_SNAP_KM, log);
  timings.regions = performance.now() - t;

  t = performance.now();
  const regional = regionFlows({
    places: placeTable,
    placeRegion: placeRegions.region,
    regionIds: index.ids,
    flows,
    unitCodes: matcher.codes,
    rules: request.regionRules,
    statFrom: (u) => matcher.unit(u)?.stat_from ?? null,
    log,
  });
  timings.regionFlows = performance.now() - t;

  t = performance.now();
  const hierarchy = clusterPlaces(placeTable.positions, placeWeights(placeTable.length, flows), request.cluster);
  timings.clusters = performance.now() - t;

  return {
    datasetId: request.datasetId,
    fatal,
    places: placeTable,
    placeRegions,
    regionIds: [...index.ids],
    regionProblems: index.problems,
    flows,
    rows: request.keepRows && flowResult && !fatal ? flowResult.rows : null,
    regionFlows: regional,
    hierarchy,
    issues: log.issues,
    issueCount: log.count,
    issuesByCode: log.byCode,
    locations,
    flowTable,
    timings,
  };
}

/** A place the locations table lacks, found by the lookup (a district by KATO code or name). */
function addFromLookup(lookup: PlaceLookup, places: PlaceCollector, log: IssueLog) {
  return (text: string, line: number): number => {
    const found = lookup.find(text);
    if (!found) return -1;
    if ('candidates' in found) {
      log.add(line, 'place_ambiguous', { text: clip(text), candidates: found.candidates });
      return -2;
    }
    const e = found.entry;
    return places.add(text, e.names[0] ?? text, e.lon, e.lat, Number.NaN, e.parentUnit, line);
  };
}

/** Regions of the places: inside, snapped to the nearest within snapKm, or outside (kept); with notices. */
export function locatePlaces(
  places: PlaceTable,
  index: ReturnType<typeof createRegionIndex>,
  snapKm: number,
  log: IssueLog,
): PlaceRegions {
  const region = new Int32Array(places.length);
  const snappedKm = new Float32Array(places.length);
  const outside: number[] = [];
  const swapped: number[] = [];
  for (let p = 0; p < places.length; p++) {
    const lon = places.positions[p * 2]!;
    const lat = places.positions[p * 2 + 1]!;
    let r = index.locate(lon, lat);
    if (index.lastClaims > 1)
      log.add(places.lines[p]!, 'region_overlap', { place: clip(places.names[p]!), region: index.ids[r]!, claims: index.lastClaims }); // prettier-ignore
    if (r < 0) {
      const near = index.nearest(lon, lat, snapKm);
      if (near) {
        r = near.region;
        snappedKm[p] = near.km;
        log.add(places.lines[p]!, 'snapped_to_region', { place: clip(places.names[p]!), region: index.ids[r]!, km: Math.round(near.km * 100) / 100 }); // prettier-ignore
      } else {
        outside.push(p);
        if (Math.abs(lon) <= 90 && index.locate(lat, lon) >= 0) swapped.push(p);
      }
    }
    region[p] = r;
  }
  const examples = (ps: number[]) => ps.slice(0, 5).map((p) => clip(places.names[p]!));
  if (outside.length > 0) log.add(0, 'outside_regions', { count: outside.length, examples: examples(outside) });
  if (swapped.length > 0) log.add(0, 'maybe_swapped', { count: swapped.length, examples: examples(swapped) });
  return { region, snappedKm };
}
