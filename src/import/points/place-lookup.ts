/**
 * The hook for places given by a code or a name instead of coordinates: the
 * districts (admin-2) by 9-digit KATO code or by name, once a districts file
 * exists (another step builds it). A table of entries, each with its code,
 * names in any language, a point (the district's centroid or centre) and its
 * parent unit. Names are compared as the region matcher compares them
 * (normalizeRegionName: case, diacritics, Cyrillic/Latin spellings, marker
 * words), so "Целиноградский район", "Tselinograd district" and "Целиноград
 * ауданы" meet. A name shared by several entries (districts of the same name
 * in two regions) gives candidates, never a guess.
 */
import { normalizeRegionName } from '../region-matcher';

export interface PlaceLookupEntry {
  /** KATO code (9 digits) or another code the files use. */
  code: string;
  names: readonly string[];
  lon: number;
  lat: number;
  /** Unit code of the region the place belongs to. */
  parentUnit: string;
}

export type PlaceLookupResult = { entry: PlaceLookupEntry } | { candidates: string[] } | null;

export interface PlaceLookup {
  find(text: string): PlaceLookupResult;
}

/** Words that only say "district" (район, р-н, ауданы, district...), dropped before the name is compared. */
const DISTRICT_WORDS = /(^|[^\p{L}])(район|р-н|ауданы|аудан|district|raion|rayon|audany|audan)(?=$|[^\p{L}])/giu;

const nameKey = (text: string): string => normalizeRegionName(text.replace(DISTRICT_WORDS, '$1 ')).key;

const codeKey = (text: string) => text.replace(/[\s\u00a0]/g, '');

export function createPlaceLookup(entries: readonly PlaceLookupEntry[]): PlaceLookup {
  const byCode = new Map<string, PlaceLookupEntry>();
  const byName = new Map<string, PlaceLookupEntry[]>();
  for (const e of entries) {
    byCode.set(codeKey(e.code), e);
    for (const name of new Set(e.names.map(nameKey)))
      if (name) {
        const list = byName.get(name) ?? [];
        list.push(e);
        byName.set(name, list);
      }
  }
  return {
    find(text) {
      const code = byCode.get(codeKey(text));
      if (code) return { entry: code };
      const list = byName.get(nameKey(text));
      if (!list) return null;
      return list.length === 1 ? { entry: list[0]! } : { candidates: list.map((e) => e.code) };
    },
  };
}
