/**
 * An imported dataset on top of the built-in data: its flows replace the
 * built-in flows, its figures become the "custom" measure, or its boundaries
 * replace the drawn polygons (each joined unit gets its own). Pure: no DOM,
 * no storage.
 */
import type { Dataset } from '../core/load';
import type { Regions } from '../core/map-data';
import type { PointData } from '../core/points/point-data';
import { MeasureTable } from '../core/measures';
import type { Boundaries, Polygon } from '../core/geography';
import { buildModel, type Model, type Unit } from '../core/model';
import type { Tables } from '../core/tables';
import { customFiguresFromColumns, flowRowsFromColumns } from '../import/to-model';
import type { NewDataset } from './dataset-store';

export interface Composed {
  dataset: Dataset;
  regions: Regions;
  /** Units an imported boundary set has no shape for (their figures are not drawn). */
  unitsWithoutShape: string[];
  /** Years of the import outside the timeline (not shown). */
  yearsOutside: number[];
  /** Places and the flows between them (a places dataset), drawn over the regions. */
  points: PointData | null;
}

export function composeDataset(base: Dataset, baseRegions: Regions, stored: NewDataset): Composed {
  const source = {
    line: 0,
    source_id: stored.id,
    title: stored.name,
    publisher: stored.fileName,
    url: null,
    accessed_via: 'imported in this browser',
    notes: null,
    // The file's own name in every language.
    kind: 'imported',
    name_ru: stored.fileName,
    name_kk: stored.fileName,
  };
  const tables: Tables = { ...base.tables, 'sources.csv': [...base.tables['sources.csv'], source] };
  let regions = baseRegions;
  let drawn: Boundaries | null = null;
  let custom: Model['custom'] = null;
  let unitsWithoutShape: string[] = [];
  const { payload } = stored;
  let points: PointData | null = null;
  if (payload.kind === 'flows') tables['flows.csv'] = flowRowsFromColumns(payload.columns, stored.id);
  else if (payload.kind === 'places') {
    // The places' flows summed into units: totals, choropleth and region panel as for a region table.
    tables['flows.csv'] = flowRowsFromColumns(payload.regionColumns, stored.id);
    const { places, placeRegion, regionIds, flows } = payload;
    points = { places, placeRegion, regionIds, flows };
  } else if (payload.kind === 'figures')
    custom = customFiguresFromColumns(payload.columns, {
      datasetId: stored.id,
      name: stored.name,
      additive: payload.additive ?? false,
    });
  else {
    const byUnit = new Map(base.model.unitList.map((u) => [u.unit_code, u]));
    drawn = importedBoundaries(payload.collection.features.map((f) => byUnit.get(f.properties.unit_code)!));
    regions = {
      type: 'FeatureCollection',
      features: payload.collection.features.map((f) => {
        const unit = byUnit.get(f.properties.unit_code)!;
        return {
          type: 'Feature',
          geometry: f.geometry,
          properties: {
            polygon_id: unit.unit_code,
            country: unit.country as 'KZ' | 'RU',
            // The administrative centre lies inside its unit: a safe place for the label.
            label_lon: unit.centre[0],
            label_lat: unit.centre[1],
            area_km2: 0,
          },
        };
      }),
    };
    const shaped = new Set(payload.collection.features.map((f) => f.properties.unit_code));
    unitsWithoutShape = base.model.unitList.filter((u) => !shaped.has(u.unit_code)).map((u) => u.unit_code);
  }
  const model = buildModel(tables, custom, drawn);
  const [from, to] = base.model.yearRange;
  const years = [...model.flowYears, ...(custom?.byYear.keys() ?? [])];
  // The built-in data was validated as a whole; an import was validated row by row when it was read.
  return {
    dataset: { tables, model, measures: new MeasureTable(model), issues: [] },
    regions,
    unitsWithoutShape,
    yearsOutside: [...new Set(years.filter((y) => y < from || y > to))].sort(),
    points,
  };
}

/**
 * Imported boundaries as one Kazakh version (and one Russian) whose polygons
 * are the units they are joined to: each unit's polygon covers that unit's
 * territory in today's geography, so figures of other geographies reach it
 * only where they tile it (geography.ts).
 */
function importedBoundaries(units: readonly Unit[]): Boundaries {
  const polygons = new Map<string, Polygon>();
  const version = (country: 'KZ' | 'RU') => {
    const id = country === 'KZ' ? 'imported' : 'imported-ru';
    const ids = units.filter((u) => u.country === country).map((u) => u.unit_code);
    for (const code of ids)
      polygons.set(code, { id: code, country, unitCodes: [code], statUnit: code, versions: [id] });
    const label = { en: 'imported boundaries', ru: 'импортированные границы', kk: 'импортталған шекаралар' };
    return {
      id,
      geography: country === 'KZ' ? ('G20_2022plus' as const) : ('RU' as const),
      validFrom: null,
      validTo: null,
      label,
      polygonIds: ids,
    };
  };
  return { versions: [version('KZ'), version('RU')], polygons };
}
