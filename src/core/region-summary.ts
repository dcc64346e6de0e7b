/**
 * What the region panel shows for a drawn polygon and a year: its figures,
 * the units they sum, its largest flows and every other figure the sources
 * hold for it (other periods and definitions, each with its period and source).
 */
import type { MeasureTable, PolygonValue } from './measures';
import { areaFor, type Model } from './model';
import type { ExternalRow, PopulationRow, RegionalRow, RussiaFlowRow } from './tables';

export interface UnitFlows {
  unit: string;
  arrivals: number;
  departures: number;
  net: number;
}

export interface FlowLine {
  other: string;
  count: number;
}

export interface RegionSummary {
  polygonId: string;
  year: number;
  country: 'KZ' | 'RU';
  population: PolygonValue;
  density: PolygonValue;
  area: number | null;
  /** Present only in years with an origin-destination matrix. */
  flows: { total: UnitFlows; units: UnitFlows[]; topIn: FlowLine[]; topOut: FlowLine[]; sourceIds: string[] } | null;
  /** Net balance from official tables in years without a matrix. */
  officialNet: PolygonValue | null;
  otherRegional: RegionalRow[];
  external: ExternalRow[];
  russia: RussiaFlowRow[];
  otherPopulation: PopulationRow[];
}

const TOP = 5;

export function regionSummary(measures: MeasureTable, polygonId: string, year: number): RegionSummary | null {
  const model: Model = measures.model;
  const polygon = model.polygons.get(polygonId);
  if (!polygon) return null;
  const units = new Set(polygon.unitCodes);
  const population = measures.value('population', polygonId, year)!;
  const density = measures.value('density', polygonId, year)!;
  const areas = population.unitCodes.map((u) => areaFor(model, u, year));
  const area = areas.length && areas.every(Boolean) ? areas.reduce((s, a) => s + a!.area_km2, 0) : null;

  let flows: RegionSummary['flows'] = null;
  const totals = model.flowTotals.get(year);
  if (totals) {
    const unitFlows = polygon.unitCodes.flatMap((u) => {
      const t = totals.get(u);
      return t ? [{ unit: u, ...t }] : [];
    });
    const total = unitFlows.reduce(
      (s, u) => ({
        ...s,
        arrivals: s.arrivals + u.arrivals,
        departures: s.departures + u.departures,
        net: s.net + u.net,
      }),
      { unit: polygonId, arrivals: 0, departures: 0, net: 0 },
    );
    const inflow = new Map<string, number>();
    const outflow = new Map<string, number>();
    const sourceIds = new Set<string>();
    for (const f of model.flows) {
      if (f.year !== year) continue;
      const into = units.has(f.destination_code);
      const from = units.has(f.origin_code);
      if (into && !from) inflow.set(f.origin_code, (inflow.get(f.origin_code) ?? 0) + f.migrants);
      if (from && !into) outflow.set(f.destination_code, (outflow.get(f.destination_code) ?? 0) + f.migrants);
      if (into || from) sourceIds.add(f.source_id);
    }
    const top = (m: Map<string, number>) =>
      [...m]
        .map(([other, count]) => ({ other, count }))
        .sort((a, b) => b.count - a.count)
        .slice(0, TOP);
    flows = { total, units: unitFlows, topIn: top(inflow), topOut: top(outflow), sourceIds: [...sourceIds] };
  }

  const net = measures.value('net', polygonId, year)!;
  return {
    polygonId,
    year,
    country: polygon.country,
    population,
    density,
    area,
    flows,
    officialNet: !totals && net.parts.length ? net : null,
    // Figures of other periods or definitions are listed, never mixed into the map's values.
    otherRegional: model.regional.filter((r) => r.year === year && units.has(r.unit_code)),
    external: model.external.filter((r) => units.has(r.unit_code) && spanIncludes(r.year, year)),
    russia: model.russiaFlows.filter((r) => units.has(r.unit_code)),
    otherPopulation: model.populationOther.filter((r) => units.has(r.unit_code)),
  };
}

/** Whether a year cell ("2021" or a span "2000-2021") covers a year. */
export function spanIncludes(cell: string, year: number): boolean {
  const [from, to = from] = cell.split('-').map(Number);
  return from! <= year && year <= to!;
}
