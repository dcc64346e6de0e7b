/**
 * A places import, the page's side (loaded when first used): what the picked
 * files are (from their headers), the request to the places worker (the
 * regions of today (the 20 units and the Russian subjects), the districts by KATO code
 * or name), progress with cancel, the summary with every problem in the
 * user's language, and only then the dataset stored and shown. A failed or
 * cancelled import changes nothing.
 */
import type { Dataset } from '../core/load';
import type { Regions } from '../core/map-data';
import { formatPointIssue } from '../i18n/point-messages';
import { placeName } from '../i18n/names';
import { guessLocationColumns, type LocationMapping } from '../import/points/places-table';
import type { PlaceLookupEntry } from '../import/points/place-lookup';
import {
  COORDINATE_FLOW_FIELDS,
  guessFlowColumns,
  PAIR_FLOW_FIELDS,
  REQUIRED_COORDINATE_FIELDS,
  REQUIRED_PAIR_FIELDS,
  type CoordinateFlowMapping,
  type PairFlowMapping,
} from '../import/points/point-flows-table';
import type { PointImportRequest } from '../import/points/point-import';
import { PointsClient, type PointsPageResult } from '../import/points/points-client';
import { rulesFromCrosswalk, type RegionUnitRule } from '../import/points/region-flows';
import type { BoundaryRow } from '../core/tables';
import { toMatchableUnits } from '../import/region-matcher';
import { translatorOf, type AppStore } from '../state/app-state';
import type { ImportDialog } from '../ui/import-dialog';
import districtsUrl from '../../geo/districts.topojson?url';
import { datasetFromPoints, newDatasetId, type NewDataset } from './dataset-store';

export interface PlacesHost {
  manual(): Record<string, string>;
  save(dataset: NewDataset): Promise<void>;
}

/** The first line of a file, split at its most frequent delimiter (headers are rarely quoted; quotes are dropped). */
export async function headerOf(file: Blob): Promise<string[]> {
  const text = await file.slice(0, 64 * 1024).text();
  const line = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t', '|'].reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best)); // prettier-ignore
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}

const has = (mapping: Record<string, number | undefined>, fields: readonly string[]) =>
  fields.every((f) => mapping[f] !== undefined);

export type FileRole =
  | { role: 'locations'; mapping: LocationMapping }
  | { role: 'pairFlows'; mapping: PairFlowMapping }
  | { role: 'coordinateFlows'; mapping: CoordinateFlowMapping }
  | { role: 'unknown' };

/** What a file is, from its header: a flows file with coordinates, a flows file naming places, or a locations file. */
export function roleOf(header: readonly string[]): FileRole {
  const coordinates = guessFlowColumns(COORDINATE_FLOW_FIELDS, header);
  if (has(coordinates, REQUIRED_COORDINATE_FIELDS)) return { role: 'coordinateFlows', mapping: coordinates };
  const pair = guessFlowColumns(PAIR_FLOW_FIELDS, header);
  if (has(pair, REQUIRED_PAIR_FIELDS)) return { role: 'pairFlows', mapping: pair };
  const locations = guessLocationColumns(header);
  if (locations.id !== undefined) return { role: 'locations', mapping: locations };
  return { role: 'unknown' };
}

/** Districts (admin-2, S172) by KATO code and names in three languages, at their label points. */
async function districtLookup(): Promise<PlaceLookupEntry[]> {
  const topology = (await (await fetch(districtsUrl)).json()) as {
    objects: { districts: { geometries: { properties: Record<string, string | number> }[] } };
  };
  return topology.objects.districts.geometries.map(({ properties: p }) => ({
    code: String(p.district_id),
    names: [p.name_en, p.name_ru, p.name_kk].map(String),
    lon: Number(p.label_lon),
    lat: Number(p.label_lat),
    parentUnit: String(p.unit_code),
  }));
}

export class PlacesImport {
  private client: PointsClient | null = null;

  constructor(
    private readonly app: AppStore,
    private readonly base: Dataset,
    private readonly regions: Regions,
    private readonly dialog: ImportDialog,
    private readonly host: PlacesHost,
  ) {}

  async importFiles(files: File[]): Promise<void> {
    const t = translatorOf(this.app.get());
    const roles = await Promise.all(files.map(async (f) => roleOf(await headerOf(f))));
    const find = <R extends FileRole['role']>(role: R) => {
      const i = roles.findIndex((r) => r.role === role);
      return i < 0 ? null : { file: files[i]!, role: roles[i] as Extract<FileRole, { role: R }> };
    };
    const locations = find('locations');
    const pairFlows = find('pairFlows');
    const coordinateFlows = find('coordinateFlows');
    const common = {
      datasetId: newDatasetId(),
      units: toMatchableUnits(this.base.model.unitList),
      manual: this.host.manual(),
      ...todaysRegions(this.regions, this.base.tables['boundaries.csv']),
      regionIdProperty: 'polygon_id',
    };
    let request: PointImportRequest;
    if (files.length === 1 && coordinateFlows) {
      const { file, role } = coordinateFlows;
      request = { ...common, layout: 'coordinates', flows: { source: file, fileName: file.name, mapping: role.mapping } }; // prettier-ignore
    } else if (pairFlows && (files.length === 1 || (files.length === 2 && locations))) {
      // Without a locations file the flows name districts (KATO code or name); an empty table stands for it.
      const loc = locations ?? { file: new File(['id\n'], '—'), role: { role: 'locations', mapping: { id: 0 } } };
      request = {
        ...common,
        layout: 'pair',
        lookup: await districtLookup(),
        locations: { source: loc.file, fileName: loc.file.name, mapping: loc.role.mapping },
        flows: { source: pairFlows.file, fileName: pairFlows.file.name, mapping: pairFlows.role.mapping },
      };
    } else {
      this.dialog.showError(t('points.filesUnclear', { files: files.map((f) => f.name).join(', ') }), t);
      return;
    }
    await this.run(request, files.map((f) => f.name).join(' + '));
  }

  private async run(request: PointImportRequest, name: string): Promise<void> {
    const t = translatorOf(this.app.get());
    this.client?.close();
    const client = (this.client = new PointsClient());
    const update = this.dialog.showProgress(name, t, () => {
      client.close();
      this.dialog.dialog.close();
    });
    let result: PointsPageResult;
    try {
      result = await client.import(request, update);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.dialog.showError((error as Error).message, t);
      return;
    } finally {
      client.close();
      if (this.client === client) this.client = null;
    }
    const lang = this.app.get().lang;
    const unitName = (code: string) => placeName(this.base.model, code, lang);
    const outside = result.placeRegions.region.reduce((n, r) => n + (r < 0 ? 1 : 0), 0);
    const fatalIssue = result.fatal ? result.issues.find((i) => i.code === result.fatal) : undefined;
    this.dialog.showSummary(
      {
        file: name,
        rowsRead: result.flowTable?.rowsRead ?? 0,
        rowsValid: result.flows.length,
        issueCount: result.issueCount,
        issues: [
          t('points.summaryPlaces', { places: result.places.length, flows: result.flows.length, outside }),
          ...result.issues.map((i) => formatPointIssue(i, lang)),
        ],
        unmatched: [],
        decisions: [],
        borders: [],
        notes: [],
        fatal: fatalIssue ? formatPointIssue(fatalIssue, lang) : result.fatal,
        units: this.base.model.unitList.map((u) => ({ code: u.unit_code, name: unitName(u.unit_code) })),
      },
      t,
      lang,
      {
        importValid: () => {
          this.dialog.dialog.close();
          void this.host.save(
            datasetFromPoints(
              {
                ...result,
                placeRegion: result.placeRegions.region,
                regionColumns: result.regionFlows.columns,
                rowsRead: result.flowTable?.rowsRead ?? 0,
              },
              { name, fileName: name },
            ),
          );
        },
        remap: () => {},
        cancel: () => this.dialog.dialog.close(),
      },
    );
  }
}

/**
 * Places are matched to today's polygons (the 20 units and the 12 Russian subjects), each of which
 * holds one unit in every year: the shapes of older versions overlap them and would make a place's
 * region ambiguous.
 */
export function todaysRegions(
  regions: Regions,
  boundaries: readonly BoundaryRow[],
): { regions: Regions; regionRules: RegionUnitRule[] } {
  const today = boundaries.filter((b) => b.version === 'kz2022' || b.version === 'ru');
  const ids = new Set(today.map((b) => b.polygon_id));
  return {
    regions: { type: 'FeatureCollection', features: regions.features.filter((f) => ids.has(f.properties.polygon_id)) },
    regionRules: rulesFromCrosswalk(
      today.flatMap((b) =>
        b.units
          .split(';')
          .map((unit) => ({ unit_code: unit, polygon_id: b.polygon_id, valid_from: null, valid_to: null })),
      ),
    ),
  };
}
