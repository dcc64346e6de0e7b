// Natural Earth admin-1 as used by the geo build: the 12 Russian subjects on the Kazakh border (drawn),
// and NE's Kazakh polygons (not drawn any more: only their vertices mark the old side of the border,
// see seam.ts). Also the label point and the gap/overlap measure shared by all boundary files.
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Which Natural Earth feature becomes which polygon_id. Features are found by NE's `adm1_code`
 * and `ne_id` (stable identifiers); iso_3166_2 and name are only checked, because NE gets them wrong:
 * - KAZ-3207 (Almaty Region) carries iso "KZ-ALA" like Almaty city: it becomes KZ-ALM.
 * - KAZ-4830 is Astana ("Nur-Sultan" in name_en).
 * - Baikonur is leased to Russia, iso "-99-X05~", adm0_a3 "KAB"; kept as its own grey polygon.
 * - RUS-2399 is Altai Krai although name_en says "Altai Republic" (RUS-2400 is the Republic).
 * NE names are kept only as `ne_name` for traceability, never for display.
 * `km2` is a coarse size bound [min, max] that would catch two features being swapped.
 */
export const NE_REGIONS = [
  { id: 'KZ-AKM', adm1: 'KAZ-3202', neId: 1159314725, iso: 'KZ-AKM', name: 'Aqmola', km2: [1e5, 2e5] },
  { id: 'KZ-AKT', adm1: 'KAZ-3195', neId: 1159314713, iso: 'KZ-AKT', name: 'Aqtöbe', km2: [2.5e5, 3.5e5] },
  { id: 'KZ-ALM', adm1: 'KAZ-3207', neId: 1159314735, iso: 'KZ-ALA', name: 'Almaty', km2: [1.5e5, 2.5e5] },
  { id: 'KZ-ATY', adm1: 'KAZ-3198', neId: 1159314719, iso: 'KZ-ATY', name: 'Atyrau', km2: [1e5, 1.5e5] },
  { id: 'KZ-ZAP', adm1: 'KAZ-3201', neId: 1159314721, iso: 'KZ-ZAP', name: 'West Kazakhstan', km2: [1.2e5, 1.8e5] },
  { id: 'KZ-ZHA', adm1: 'KAZ-3252', neId: 1159314739, iso: 'KZ-ZHA', name: 'Zhambyl', km2: [1.2e5, 1.6e5] },
  { id: 'KZ-KAR', adm1: 'KAZ-3203', neId: 1159314727, iso: 'KZ-KAR', name: 'Qaraghandy', km2: [3.5e5, 4.5e5] },
  { id: 'KZ-KUS', adm1: 'KAZ-3196', neId: 1159314715, iso: 'KZ-KUS', name: 'Qostanay', km2: [1.8e5, 2.2e5] },
  { id: 'KZ-KZY', adm1: 'KAZ-3197', neId: 1159314717, iso: 'KZ-KZY', name: 'Qyzylorda', km2: [2e5, 2.5e5] },
  { id: 'KZ-MAN', adm1: 'KAZ-3236', neId: 1159314605, iso: 'KZ-MAN', name: 'Mangghystau', km2: [1.4e5, 1.8e5] },
  { id: 'KZ-PAV', adm1: 'KAZ-3205', neId: 1159314731, iso: 'KZ-PAV', name: 'Pavlodar', km2: [1e5, 1.4e5] },
  { id: 'KZ-SEV', adm1: 'KAZ-3204', neId: 1159314729, iso: 'KZ-SEV', name: 'North Kazakhstan', km2: [8e4, 1.2e5] },
  { id: 'KZ-YUZ', adm1: 'KAZ-3251', neId: 1159314737, iso: 'KZ-YUZ', name: 'South Kazakhstan', km2: [1e5, 1.3e5] },
  { id: 'KZ-VOS', adm1: 'KAZ-3206', neId: 1159314733, iso: 'KZ-VOS', name: 'East Kazakhstan', km2: [2.5e5, 3e5] },
  { id: 'KZ-AST', adm1: 'KAZ-4830', neId: 1159315883, iso: 'KZ-AST', name: 'Astana', km2: [300, 1500] },
  { id: 'KZ-ALA', adm1: 'KAZ-4829', neId: 1159315881, iso: 'KZ-ALA', name: 'Almaty City', km2: [200, 1000] },
  {
    id: 'KZ-BAIKONUR',
    adm1: 'KAB+00?',
    neId: 1159308537,
    iso: '-99-X05~',
    name: 'Baykonur lease in Qyzylorda',
    km2: [5e3, 8e3],
  },
  { id: 'RU-AST', adm1: 'RUS-2388', neId: 1159312521, iso: 'RU-AST', name: "Astrakhan'", km2: [4e4, 5.5e4] },
  { id: 'RU-VGG', adm1: 'RUS-2369', neId: 1159313173, iso: 'RU-VGG', name: 'Volgograd', km2: [1e5, 1.3e5] },
  { id: 'RU-SAR', adm1: 'RUS-2393', neId: 1159313213, iso: 'RU-SAR', name: 'Saratov', km2: [9e4, 1.1e5] },
  { id: 'RU-SAM', adm1: 'RUS-2392', neId: 1159313209, iso: 'RU-SAM', name: 'Samara', km2: [4.5e4, 6e4] },
  { id: 'RU-ORE', adm1: 'RUS-2391', neId: 1159313227, iso: 'RU-ORE', name: 'Orenburg', km2: [1.1e5, 1.4e5] },
  { id: 'RU-CHE', adm1: 'RUS-2379', neId: 1159313221, iso: 'RU-CHE', name: 'Chelyabinsk', km2: [8e4, 1e5] },
  { id: 'RU-KGN', adm1: 'RUS-2380', neId: 1159313223, iso: 'RU-KGN', name: 'Kurgan', km2: [6e4, 8e4] },
  { id: 'RU-TYU', adm1: 'RUS-2398', neId: 1159313231, iso: 'RU-TYU', name: "Tyumen'", km2: [1.4e5, 1.8e5] },
  { id: 'RU-OMS', adm1: 'RUS-2397', neId: 1159313237, iso: 'RU-OMS', name: 'Omsk', km2: [1.3e5, 1.5e5] },
  { id: 'RU-NVS', adm1: 'RUS-2403', neId: 1159313249, iso: 'RU-NVS', name: 'Novosibirsk', km2: [1.6e5, 1.9e5] },
  { id: 'RU-ALT', adm1: 'RUS-2399', neId: 1159313239, iso: 'RU-ALT', name: 'Altay', km2: [1.5e5, 1.8e5] },
  { id: 'RU-AL', adm1: 'RUS-2400', neId: 1159313241, iso: 'RU-AL', name: 'Gorno-Altay', km2: [8e4, 1e5] },
] as const;

export const BAIKONUR_ID = 'KZ-BAIKONUR';

type NeProps = { adm1_code: string; ne_id: number; iso_3166_2: string; iso_a2: string; name: string };
export type NeFeature = Feature<Polygon | MultiPolygon, NeProps>;

const km2 = (f: Feature | Polygon | MultiPolygon) => turf.area(f) / 1e6;

/** Pick the NE features, failing loudly on anything unexpected. */
export function selectNeFeatures(admin1: FeatureCollection, legacyPolygonIds: Set<string>): NeFeature[] {
  const wanted = new Set<string>(NE_REGIONS.map((r) => r.id));
  const expected = new Set([...legacyPolygonIds, BAIKONUR_ID]);
  const diff = [...wanted].filter((x) => !expected.has(x)).concat([...expected].filter((x) => !wanted.has(x)));
  if (diff.length)
    throw new Error(`polygon ids of kz2000 + ru in data/boundaries.csv and geo/regions.ts differ: ${diff.join(', ')}`);

  const all = admin1.features as NeFeature[];
  // The documented NE error: both Almaty features share iso KZ-ALA. If this changes, re-check the table.
  const ala = all.filter((f) => f.properties.iso_3166_2 === 'KZ-ALA').map((f) => f.properties.adm1_code);
  if (ala.sort().join() !== 'KAZ-3207,KAZ-4829') throw new Error(`NE features with iso KZ-ALA: ${ala.join()}`);

  const picked = NE_REGIONS.map((r) => {
    const hits = all.filter((f) => f.properties.adm1_code === r.adm1 && f.properties.ne_id === r.neId);
    if (hits.length !== 1)
      throw new Error(`${r.id}: expected exactly one NE feature ${r.adm1}/${r.neId}, found ${hits.length}`);
    const f = hits[0]!;
    const p = f.properties;
    if (p.iso_3166_2 !== r.iso || p.name !== r.name) {
      throw new Error(
        `${r.id}: NE feature ${r.adm1} is "${p.name}" (${p.iso_3166_2}), expected "${r.name}" (${r.iso})`,
      );
    }
    const a = km2(f);
    if (a < r.km2[0] || a > r.km2[1]) throw new Error(`${r.id}: area ${a.toFixed(0)} km² outside ${r.km2.join('–')}`);
    return f;
  });

  // Every NE feature in Kazakhstan (iso_a2 KZ, Baikonur included) must be used: nothing silently missing.
  const usedKz = new Set(picked.map((f) => f.properties.adm1_code));
  const unused = all.filter((f) => f.properties.iso_a2 === 'KZ' && !usedKz.has(f.properties.adm1_code));
  if (unused.length) throw new Error(`unused NE features in KZ: ${unused.map((f) => f.properties.adm1_code).join()}`);
  return picked;
}

/**
 * A label point inside the polygon: the centre of mass of the largest part when it lies well inside,
 * otherwise the pole of inaccessibility (the point farthest from the edge) found on a grid.
 */
export function labelPoint(g: Polygon | MultiPolygon): Position {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const largest = turf.polygon(parts.reduce((a, b) => (km2(turf.polygon(b)) > km2(turf.polygon(a)) ? b : a)));
  const rings = largest.geometry.coordinates;
  const clearance = (p: Position) => (turf.booleanPointInPolygon(p, largest) ? distanceToRings(p, rings) : -1);

  const n = 40;
  const [x0, y0, x1, y1] = turf.bbox(largest);
  let pole: Position = turf.pointOnFeature(largest).geometry.coordinates;
  let best = clearance(pole);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const p = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
      const c = clearance(p);
      if (c > best) [pole, best] = [p, c];
    }
  }
  const com = turf.centerOfMass(largest).geometry.coordinates;
  // Half the best clearance keeps the label off thin necks while staying near the visual centre.
  return clearance(com) >= best / 2 ? com : pole;
}

/** Distance (in degrees of latitude, good enough for ranking) from p to the nearest ring edge. */
function distanceToRings(p: Position, rings: Position[][]): number {
  const k = Math.cos((p[1]! * Math.PI) / 180); // shrink longitudes to local scale
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const ax = (ring[i - 1]![0]! - p[0]!) * k,
        ay = ring[i - 1]![1]! - p[1]!;
      const bx = (ring[i]![0]! - p[0]!) * k,
        by = ring[i]![1]! - p[1]!;
      const dx = bx - ax,
        dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
    }
  }
  return best;
}

/**
 * Measures of gaps and overlaps between neighbours. Overlap: the sum of the polygons' areas minus the
 * area of their union (the summed pairwise overlap when no point lies in three polygons, more
 * otherwise: never less). Gaps: the holes in the union (a sliver opened between neighbours is one;
 * the sources have none).
 */
export function gapsAndOverlaps(fc: FeatureCollection<Polygon | MultiPolygon>) {
  const union = turf.union(fc);
  const total = fc.features.reduce((s, f) => s + km2(f), 0);
  const overlapKm2 = union ? Math.max(0, total - km2(union)) : 0;
  const holes: number[] = [];
  if (union) {
    const g = union.geometry;
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      for (const hole of rings.slice(1)) holes.push(km2(turf.polygon([hole])));
    }
  }
  return { overlapKm2, holesKm2: holes };
}
