/**
 * Names of drawn polygons. A polygon that holds several statistical units is
 * named after all of them ("East Kazakhstan + Abai"), in the boundary version
 * of the figures it shows, so the label always says what the value sums.
 */
import { unitInGeography, unitName, type Geography, type Lang, type Model } from './model';

/** Start of each boundary version, for choosing former names. */
const GEOGRAPHY_DATE: Record<Geography, string> = {
  G16_pre2017: '2016-01-01',
  G17_2017_2021: '2017-01-01',
  G20_2022plus: '2022-01-01',
  RU: '2022-01-01',
};

/** Units a polygon holds in a boundary version (today's units when none is given). */
export function polygonUnits(model: Model, polygonId: string, geography: Geography | null): string[] {
  const polygon = model.polygons.get(polygonId);
  if (!polygon) return [];
  const g: Geography = polygon.country === 'RU' ? 'RU' : (geography ?? 'G20_2022plus');
  return polygon.unitCodes.filter((u) => unitInGeography(model.units.get(u)!, g));
}

export function polygonName(
  model: Model,
  polygonId: string,
  geography: Geography | null,
  lang: Lang,
  opts: { short?: boolean; separator?: string } = {},
): string {
  const asOf = GEOGRAPHY_DATE[geography ?? 'G20_2022plus'];
  return polygonUnits(model, polygonId, geography)
    .map((u) => unitName(model.units.get(u)!, lang, { short: opts.short, asOf }))
    .join(opts.separator ?? ' + ');
}
