/**
 * Names of drawn polygons. A polygon is named after the statistical units of
 * the figures it shows (geography.ts): in the borders of 2018–2021 the
 * eastern polygon is "East Kazakhstan"; a figure of today's units summed into
 * it would name both ("East Kazakhstan + Abai"), so the label always says
 * what the value sums.
 */
import { unitName, type Geography, type Lang, type Model } from './model';

/** Start of each statistical geography, for choosing former names. */
const GEOGRAPHY_DATE: Record<Geography, string> = {
  G16_pre2017: '2016-01-01',
  G17_2017_2021: '2017-01-01',
  G20_2022plus: '2022-01-01',
  RU: '2022-01-01',
};

/** The geography a polygon's name defaults to: that of the first version drawing it. */
function ownGeography(model: Model, polygonId: string): Geography {
  const polygon = model.polygons.get(polygonId)!;
  if (polygon.country === 'RU') return 'RU';
  return model.versions.find((v) => v.id === polygon.versions[0])?.geography ?? 'G20_2022plus';
}

/** Statistical units that tile a polygon in a geography (its own when none is given, or when they cannot). */
export function polygonUnits(model: Model, polygonId: string, geography: Geography | null): string[] {
  const polygon = model.polygons.get(polygonId);
  if (!polygon) return [];
  if (polygon.country === 'RU') return polygon.unitCodes;
  return (
    (geography && model.territories.cover(polygonId, geography)) ??
    model.territories.cover(polygonId, ownGeography(model, polygonId)) ??
    polygon.unitCodes
  );
}

export function polygonName(
  model: Model,
  polygonId: string,
  geography: Geography | null,
  lang: Lang,
  opts: { short?: boolean; separator?: string } = {},
): string {
  const units = polygonUnits(model, polygonId, geography);
  const used = geography && model.territories.cover(polygonId, geography) ? geography : null;
  const asOf = GEOGRAPHY_DATE[used ?? (model.polygons.has(polygonId) ? ownGeography(model, polygonId) : 'RU')];
  return units
    .map((u) => unitName(model.units.get(u)!, lang, { short: opts.short, asOf }))
    .join(opts.separator ?? ' + ');
}
