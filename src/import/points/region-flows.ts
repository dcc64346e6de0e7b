/**
 * Region totals from point data: flows between places summed into flows
 * between the statistical units the places lie in, in the import's own form
 * for region flows (FlowColumns), so that the choropleth, the region totals
 * and the region panel work on imported point data as on an imported region
 * table (aggregateFlowColumns, to-model.ts).
 *
 * A place's unit in a year comes from the region polygon it lies in
 * (RegionIndex) through rules polygon -> unit with the years they hold
 * (geo/read-regions.ts: legacyUnitRows for the version before 2018; none when the polygons' ids are
 * unit codes, as in a set of today's units). Where a polygon holds several
 * units in a year (East Kazakhstan and Abai from 2022, Turkestan and
 * Shymkent from 2017...), the place's parent region, if the file gives one of
 * them, decides; otherwise the place's flows of those years are not given to
 * either unit (no guess) but counted as unassigned, and one
 * 'region_ambiguous' issue per polygon says how many places and which years.
 *
 * What is not a flow between two units is kept apart, not dropped: moves
 * within one unit, arrivals from and departures to places outside every
 * unit, moves between two such places, and the unassigned ones.
 */
import { FlowSummer, type PointFlowTable } from '../../core/points/point-flows';
import type { PlaceTable } from '../../core/points/places';
import { geographyFor, type FlowColumns } from '../validate-rows';
import { clip, type IssueLog } from './codes';

export interface RegionUnitRule {
  /** The polygon's id (the region index's id property). */
  region: string;
  unit: string;
  /** First and last year the unit lies in the polygon (null: open). */
  fromYear: number | null;
  toYear: number | null;
}

/** Rules from unit -> polygon rows (valid_from "2022-01-01" -> from 2022; valid_to is the last day held). */
export function rulesFromCrosswalk(
  rows: readonly { unit_code: string; polygon_id: string; valid_from: string | null; valid_to: string | null }[],
): RegionUnitRule[] {
  const year = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);
  return rows.map((r) => ({ region: r.polygon_id, unit: r.unit_code, fromYear: year(r.valid_from), toYear: year(r.valid_to) })); // prettier-ignore
}

export interface RegionFlowsInput {
  places: Pick<PlaceTable, 'length' | 'ids' | 'names' | 'parentUnit'>;
  /** Region index per place (-1 outside), from RegionIndex.locateAll. */
  placeRegion: Int32Array;
  regionIds: readonly string[];
  flows: PointFlowTable;
  /** The units of the dataset (the region matcher's codes): FlowColumns.unitCodes. */
  unitCodes: readonly string[];
  /** null: each region id is a unit code. */
  rules: readonly RegionUnitRule[] | null;
  /** A unit's first year in the statistics (units.csv stat_from), for the geography of each year. */
  statFrom?: (unit: string) => string | null;
  log: IssueLog;
}

/** Per unit and year: origin = destination = the unit's index in unitCodes. */
export type UnitYearTable = PointFlowTable;

export interface RegionFlowsResult {
  columns: FlowColumns;
  withinUnit: UnitYearTable;
  fromOutside: UnitYearTable;
  toOutside: UnitYearTable;
  /** Per year: flows and people with an end whose unit is ambiguous that year. */
  unassigned: Map<number, { flows: number; people: number }>;
  /** Per year: people moving between two places outside every unit. */
  outsideOnly: Map<number, number>;
}

const OUTSIDE = -1;
const AMBIGUOUS = -2;

export function regionFlows(input: RegionFlowsInput): RegionFlowsResult {
  const { places, placeRegion, regionIds, flows, unitCodes, rules, log } = input;
  const unitIndex = new Map(unitCodes.map((c, i) => [c, i]));
  let firstYear = Infinity;
  let lastYear = -Infinity;
  for (let i = 0; i < flows.length; i++) {
    firstYear = Math.min(firstYear, flows.year[i]!);
    lastYear = Math.max(lastYear, flows.year[i]!);
  }
  const years = flows.length === 0 ? 0 : lastYear - firstYear + 1;

  // Units of each (region, year): one unit, OUTSIDE (none) or AMBIGUOUS (candidates kept).
  const regionUnit = new Int32Array(regionIds.length * years).fill(OUTSIDE);
  const candidates = new Map<number, number[]>();
  const unitsOfRegion = regionIds.map(() => new Set<number>());
  regionIds.forEach((id, r) => {
    for (let y = 0; y < years; y++) {
      const year = firstYear + y;
      const units = rules
        ? rules
            .filter(
              (rule) => rule.region === id && (rule.fromYear ?? -Infinity) <= year && year <= (rule.toYear ?? Infinity),
            ) // prettier-ignore
            .flatMap((rule) => (unitIndex.has(rule.unit) ? [unitIndex.get(rule.unit)!] : []))
        : unitIndex.has(id)
          ? [unitIndex.get(id)!]
          : [];
      units.forEach((u) => unitsOfRegion[r]!.add(u));
      if (units.length === 1) regionUnit[r * years + y] = units[0]!;
      else if (units.length > 1) {
        regionUnit[r * years + y] = AMBIGUOUS;
        candidates.set(r * years + y, units);
      }
    }
  });

  const parent = Int32Array.from({ length: places.length }, (_, p) => unitIndex.get(places.parentUnit[p] ?? '') ?? -1);
  // The parent decides between a polygon's units; it never moves a place to another polygon.
  for (let p = 0; p < places.length; p++) {
    const r = placeRegion[p]!;
    if (parent[p]! >= 0 && r >= 0 && !unitsOfRegion[r]!.has(parent[p]!))
      log.add(0, 'parent_differs', { place: clip(places.names[p]!), parent: places.parentUnit[p]!, region: regionIds[r]! }); // prettier-ignore
  }
  // Unit of a place in a year: a table per place would be places x years; per flow end is cheap enough.
  const unitOf = (p: number, y: number): number => {
    const r = placeRegion[p]!;
    if (r < 0) return OUTSIDE;
    const v = regionUnit[r * years + y]!;
    if (v !== AMBIGUOUS) return v;
    return candidates.get(r * years + y)!.includes(parent[p]!) ? parent[p]! : AMBIGUOUS;
  };

  const between = new FlowSummer(Math.min(flows.length, 1 << 16));
  const withinUnit = new FlowSummer(1024);
  const fromOutside = new FlowSummer(1024);
  const toOutside = new FlowSummer(1024);
  const unassigned = new Map<number, { flows: number; people: number }>();
  const outsideOnly = new Map<number, number>();
  const undecided = new Map<number, { places: Set<number>; from: number; to: number }>();
  for (let i = 0; i < flows.length; i++) {
    const year = flows.year[i]!;
    const y = year - firstYear;
    const o = flows.origin[i]!;
    const d = flows.destination[i]!;
    const c = flows.count[i]!;
    const uo = unitOf(o, y);
    const ud = unitOf(d, y);
    if (uo === AMBIGUOUS || ud === AMBIGUOUS) {
      const u = unassigned.get(year) ?? { flows: 0, people: 0 };
      u.flows++;
      u.people += c;
      unassigned.set(year, u);
      for (const [p, unit] of [
        [o, uo],
        [d, ud],
      ] as const)
        if (unit === AMBIGUOUS) {
          const r = placeRegion[p]!;
          const entry = undecided.get(r) ?? { places: new Set<number>(), from: year, to: year };
          entry.places.add(p);
          entry.from = Math.min(entry.from, year);
          entry.to = Math.max(entry.to, year);
          undecided.set(r, entry);
        }
    } else if (uo >= 0 && ud >= 0) {
      if (uo === ud) withinUnit.add(uo, uo, year, c);
      else between.add(uo, ud, year, c);
    } else if (uo >= 0) toOutside.add(uo, uo, year, c);
    else if (ud >= 0) fromOutside.add(ud, ud, year, c);
    else outsideOnly.set(year, (outsideOnly.get(year) ?? 0) + c);
  }
  for (const [r, { places: ps, from, to }] of [...undecided].sort((a, b) => a[0] - b[0])) {
    const units = new Set<string>();
    for (let y = from - firstYear; y <= to - firstYear; y++)
      for (const u of candidates.get(r * years + y) ?? []) units.add(unitCodes[u]!);
    log.add(0, 'region_ambiguous', {
      region: regionIds[r]!,
      units: [...units],
      fromYear: from,
      toYear: to,
      places: ps.size,
      examples: [...ps].slice(0, 5).map((p) => clip(places.names[p]!)),
    });
  }

  const summed = between.take();
  const usedByYear = new Map<number, Set<string>>();
  for (let i = 0; i < summed.length; i++) {
    const set = usedByYear.get(summed.year[i]!) ?? new Set<string>();
    set.add(unitCodes[summed.origin[i]!]!).add(unitCodes[summed.destination[i]!]!);
    usedByYear.set(summed.year[i]!, set);
  }
  const geographyByYear: Record<number, string> = {};
  for (const [year, used] of usedByYear)
    geographyByYear[year] = geographyFor(
      year,
      [...used].map((u) => input.statFrom?.(u) ?? null),
    );
  const columns: FlowColumns = {
    kind: 'flows',
    length: summed.length,
    unitCodes: [...unitCodes],
    year: summed.year,
    origin: Uint16Array.from(summed.origin),
    destination: Uint16Array.from(summed.destination),
    migrants: summed.count,
    period: { values: [''], index: null },
    source: { values: [''], index: null },
    note: { values: [''], index: null },
    geographyByYear,
  };
  return {
    columns,
    withinUnit: withinUnit.take(),
    fromOutside: fromOutside.take(),
    toOutside: toOutside.take(),
    unassigned,
    outsideOnly,
  };
}
