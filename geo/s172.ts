// Kazakhstan's boundaries of 2024 (source S172: geokz by A. Rodionov, after OCHA COD-AB, CC BY 4.0):
// admin-1 (the 20 units of today) and admin-2 (224 districts and cities of region rank).
//
// The two files are one linework: admin-1 is admin-2 dissolved, written with more decimals (admin-2
// has 7). They disagree in three small places (measured by `compareLevels`), and admin-2 has
// micro-slivers between neighbours (0.105 km² of overlap, 23 holes of 0.085 km² in all). So the build
// takes ONE linework, admin-2 cleaned by mapshaper (`-clean`: overlaps go to one side, gaps are
// filled), and makes the 20 units as exact unions of their districts. The districts then nest in the
// units by construction; admin-1 is used for its attributes and as a check.
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const S172_CREDIT = 'geokz (A. Rodionov), CC BY 4.0, based on OCHA COD-AB';

export type Adm1Props = {
  KATO: string;
  ADM1_EN: string;
  ADM1_KK: string;
  ADM1_RU: string;
  ADM1_PCODE: string;
  ISO_3166_2: string;
};
export type Adm2Props = Adm1Props & { ADM2_EN: string; ADM2_KK: string; ADM2_RU: string; ADM2_PCODE: string };

type Mapshaper = { applyCommands: (cmd: string, input: Record<string, Buffer>) => Promise<Record<string, string>> };

/** Reads one level with mapshaper; `clean` removes overlaps and fills gaps between neighbours. */
export async function readLevel<P>(
  mapshaper: Mapshaper,
  dir: string,
  level: 'adm1' | 'adm2',
  clean: boolean,
): Promise<FeatureCollection<Polygon | MultiPolygon, P>> {
  const base = `${dir}/kaz_admbnda_${level}_2024`;
  const input = Object.fromEntries(
    ['shp', 'dbf', 'prj', 'cpg'].map((ext) => [`in.${ext}`, readFileSync(`${base}.${ext}`)]),
  );
  const out = await mapshaper.applyCommands(
    `-i in.shp encoding=utf-8 ${clean ? '-clean' : ''} -o out.json format=geojson precision=0.0000001`,
    input,
  );
  return JSON.parse(out['out.json']!) as FeatureCollection<Polygon | MultiPolygon, P>;
}

/**
 * S172's Kazakh names sometimes carry a Latin "i" (U+0069) where Kazakh has the Cyrillic "і"
 * (U+0456), e.g. "Солтүстiк" or "Жетiсу", and a Latin "A" opens one Russian name ("Aршалинский").
 * Both look identical but break sorting and search; a Latin letter between Cyrillic ones (or before
 * one, at the start of a word) is replaced by its Cyrillic twin. The build reports each change.
 */
const SHAPE_TWINS: Record<string, string> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  o: 'о',
  p: 'р',
  T: 'Т',
  x: 'х',
  y: 'у',
};
/** Kazakh also has "і": a Latin i there is that letter. Russian has no such letter, so there it stays. */
const KK_TWINS: Record<string, string> = { ...SHAPE_TWINS, i: 'і', I: 'І' };
export function cyrillicOnly(name: string, lang: 'kk' | 'ru'): string {
  const twins = lang === 'kk' ? KK_TWINS : SHAPE_TWINS;
  const cyr = (c: string | undefined) => c !== undefined && /[\u0400-\u04FF]/.test(c);
  return name.replace(/[A-Za-z]/g, (ch, i: number) =>
    twins[ch] && (cyr(name[i - 1]) || cyr(name[i + 1])) ? twins[ch]! : ch,
  );
}

/** Where admin-1 and the union of admin-2 by parent disagree by more than `minKm2`. */
export function compareLevels(
  adm1: FeatureCollection<Polygon | MultiPolygon, Adm1Props>,
  adm2: FeatureCollection<Polygon | MultiPolygon, Adm2Props>,
  minKm2 = 0.5,
): { pcode: string; side: 'adm1 only' | 'adm2 only'; km2: number; lon: number; lat: number }[] {
  const out: { pcode: string; side: 'adm1 only' | 'adm2 only'; km2: number; lon: number; lat: number }[] = [];
  for (const unit of adm1.features) {
    const parts = adm2.features.filter((d) => d.properties.ADM1_PCODE === unit.properties.ADM1_PCODE);
    const union = turf.union(turf.featureCollection(parts))!;
    const sides: ['adm1 only' | 'adm2 only', Feature<Polygon | MultiPolygon> | null][] = [
      ['adm1 only', turf.difference(turf.featureCollection([unit, union]))],
      ['adm2 only', turf.difference(turf.featureCollection([union, unit]))],
    ];
    for (const [side, diff] of sides) {
      if (!diff) continue;
      const polys = diff.geometry.type === 'Polygon' ? [diff.geometry.coordinates] : diff.geometry.coordinates;
      for (const p of polys) {
        const km2 = turf.area(turf.polygon(p)) / 1e6;
        if (km2 < minKm2) continue;
        const [lon, lat] = turf.centroid(turf.polygon(p)).geometry.coordinates as [number, number];
        out.push({ pcode: unit.properties.ADM1_PCODE, side, km2: Math.round(km2 * 100) / 100, lon, lat });
      }
    }
  }
  return out;
}
