/**
 * The districts level (admin-2, geo/districts.topojson: S172's 224 districts
 * and cities of region rank): when it is drawn, and a district's name in the
 * interface's language. Small and pure: the state, the legend and the tooltip
 * read it; the file itself is loaded when the level is first drawn, or
 * ahead while the map is idle once the view is within two and a half zoom
 * steps of DISTRICT_ZOOM (src/core/districts.ts, src/render/map-renderer.ts).
 */
import type { Lang } from './model';

/** Which level the map draws: districts from DISTRICT_ZOOM on (auto), never, or always. */
export type DistrictLevel = 'auto' | 'regions' | 'districts';
export const DISTRICT_LEVELS: readonly DistrictLevel[] = ['auto', 'regions', 'districts'];

/**
 * From this zoom on, `auto` draws the districts: the median district of S172
 * (7,534 km², about 87 km across) is then about 75 px wide (maplibre's 512 px
 * tiles: 1.16 km per pixel at 48° N), two steps of the zoom button from the
 * whole country (zoom 3.8 at 1440 × 900), where the 224 cells would be too
 * small to point at.
 */
export const DISTRICT_ZOOM = 5.5;

/** True when the map draws the districts (camera null: the home view, zoomed out). */
export function districtsShown(level: DistrictLevel, zoom: number | null | undefined): boolean {
  if (level === 'districts') return true;
  if (level === 'regions') return false;
  return (zoom ?? 0) >= DISTRICT_ZOOM;
}

/** A district's properties as geo/districts.topojson holds them (see geo/README.md). */
export interface DistrictProps {
  /** KATO, 9 digits. */
  district_id: string;
  /** The unit of data/units.csv it lies in. */
  unit_code: string;
  pcode: string;
  name_en: string;
  name_ru: string;
  name_kk: string;
  area_km2: number;
  label_lon: number;
  label_lat: number;
  /** Baikonur only. */
  note?: string;
}

/** The order in which another language's name stands in for a missing one: S172's own Russian first. */
const FALLBACK: readonly Lang[] = ['ru', 'kk', 'en'];

/**
 * A district's name in the language asked for; where the source has none in
 * it, the name in another language, and which one (so that the interface can
 * mark it), or null when it has no name at all.
 */
export function districtName(p: DistrictProps, lang: Lang): { name: string; lang: Lang } | null {
  for (const l of [lang, ...FALLBACK]) {
    const name = p[`name_${l}`]?.trim();
    if (name) return { name, lang: l };
  }
  return null;
}
