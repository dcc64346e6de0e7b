/**
 * Matches the text of a region cell ("Nur-Sultan", "г. Алматы", "Qaraǵandy
 * oblysy", "KZ-71", "ВКО") to a statistical unit of data/units.csv.
 *
 * How a text is compared (a spelling-insensitive key and a marker of kind):
 * region-names.ts.
 *
 * Rules (the names are ambiguous in real tables, so the rules are stated):
 * - A bare name matches only names that are bare in the table or the alias
 *   list. Bare "Almaty"/"Алматы" is both the city (KZ-75, whose short name it
 *   is) and the region (KZ-19, as peers' tables write it next to
 *   "Almaty_city"): two candidates, decided only by the file's context or the
 *   user (see resolve.ts). "Almaty city", "г. Алматы", "Alma-Ata" are the city;
 *   "Almaty Region", "Алматинская", "Алматы обл." the oblast. Astana vs
 *   "Akmola" (the oblast) vs "Akmola city" (Astana's name 1992-1998).
 * - A footnote mark after a name ("Туркестанская 1", "Abai*", "Ulytau¹") is
 *   not part of it.
 * - A name with a marker matches any name of a unit of that kind: a city
 *   marker only cities, an oblast marker only oblasts and Russian subjects.
 *   "Pavlodar city" therefore matches nothing: the city is not a unit.
 * - Cities that are not units are never mapped to their oblast (Uralsk/Oral,
 *   Petropavlovsk, Taraz, Semey, Ust-Kamenogorsk...): a city's figures are not
 *   its oblast's. Where an oblast is named after its centre (Pavlodar, Aktobe,
 *   Atyrau, Kostanay...), the bare name is the oblast, as in the table.
 * - Former names map to today's unit: Nur-Sultan/Tselinograd → Astana,
 *   Kustanai → Kostanay, Chimkent → Shymkent (city) but "Chimkent oblast" →
 *   Turkestan (KZ-61: the oblast of that name was renamed South Kazakhstan,
 *   whose figures KZ-61 carries before 2018 as "South Kazakhstan (incl.
 *   Shymkent)"), South Kazakhstan/ЮКО/ОҚО → KZ-61.
 * - Old oblasts abolished in 1997 whose area is split between today's units
 *   (Semipalatinsk, Taldykorgan, Zhezkazgan, Kokshetau, Turgai) return
 *   candidates, never a guess: the user picks.
 * - Codes: ISO 3166-2 (KZ-71, RU-OMS), legacy letter codes (KZ-AST), their
 *   bare suffixes (71, AST: Astana or Astrakhan, so candidates) and 9-digit
 *   KATO codes of regions (710000000).
 * Manual mappings (the user's own) come first.
 */
import type { UnitRow } from '../core/tables';
import { MAX_NAME_LENGTH, normalizeRegionName, type NormalizedName } from './region-names';

export { isTotalName, normalizeRegionName, type Marker, type NormalizedName } from './region-names';

/** What the matcher needs of a unit: the names and codes of data/units.csv. */
export type MatchableUnit = Pick<
  UnitRow,
  | 'unit_code'
  | 'legacy_code'
  | 'country'
  | 'kind'
  | 'name_en'
  | 'name_ru'
  | 'name_kk'
  | 'short_en'
  | 'short_ru'
  | 'short_kk'
  | 'former_name_en'
  | 'former_name_ru'
  | 'former_name_kk'
  | 'former_short_en'
  | 'former_short_ru'
  | 'former_short_kk'
  | 'stat_from'
>;

/**
 * A unit code, several equally good candidates (ambiguous), or null (unknown).
 * `split`: the name covers parts of the candidates (an oblast abolished in
 * 1997), so no context can pick one.
 */
export type MatchResult = { code: string } | { candidates: string[]; split?: true } | null;

/** A name the matcher knows for a unit (for suggestions). */
export interface KnownName {
  key: string;
  words: string[];
  code: string;
  city: boolean;
  /** The name had no marker word. */
  bare: boolean;
}

export interface RegionMatcher {
  match(text: string): MatchResult;
  /** Unit codes in table order (Kazakh units first, as given). */
  readonly codes: readonly string[];
  unit(code: string): MatchableUnit | undefined;
  /** Maps a text (normalised, so every spelling of it) to a unit by hand; overrides the automatic match. */
  addManual(text: string, code: string): void;
  removeManual(text: string): void;
  /** The manual mappings as given, to store and pass to a worker. */
  manualMappings(): Record<string, string>;
  /** Every name known for the units (table names and aliases), normalised. */
  readonly knownNames: readonly KnownName[];
}

/** Longer cells are not region names; cutting them keeps hostile input cheap. */
/**
 * Spellings the table does not hold. A name given for several units is
 * ambiguous on purpose (the user picks). Names with a marker match only texts
 * with a marker, so "Uralsk oblast" is West Kazakhstan but "Uralsk" is nothing.
 */
const ALIASES: readonly (readonly [string, readonly string[]])[] = [
  ['KZ-71', ['Nur-Sultan', 'Нур-Султан', 'Нұр-Сұлтан', 'Tselinograd', 'Целиноград', 'Akmola city', 'г. Акмола', 'Ақмола қаласы', 'Akmolinsk', 'Акмолинск']],
  ['KZ-75', ['Alma-Ata', 'Алма-Ата', 'Almaty city']],
  ['KZ-19', ['Alma-Ata oblast', 'Алма-Атинская область', 'Almaty Province']],
  // Bare "Almaty" is also the region in real tables (with "Almaty_city" beside it): two candidates.
  ['KZ-19', ['Almaty', 'Алматы']],
  ['KZ-79', ['Chimkent', 'Чимкент']],
  ['KZ-61', ['South Kazakhstan', 'Southern Kazakhstan', 'ЮКО', 'ОҚО', 'Ontustik Kazakhstan', 'Chimkent oblast', 'Чимкентская область']],
  ['KZ-63', ['ВКО', 'ШҚО', 'EKR', 'Eastern Kazakhstan']],
  ['KZ-59', ['СКО', 'СҚО', 'NKR', 'Northern Kazakhstan']],
  ['KZ-27', ['ЗКО', 'БҚО', 'WKR', 'Western Kazakhstan', 'Uralsk oblast', 'Уральская область']],
  ['KZ-39', ['Kustanai', 'Kustanay', 'Кустанай']],
  ['KZ-15', ['Aktyubinsk', 'Aktjubinsk', 'Актюбинск']],
  ['KZ-43', ['Kzyl-Orda', 'Кзыл-Орда']],
  ['KZ-31', ['Dzhambul', 'Джамбул', 'Zhambul']],
  ['KZ-47', ['Mangyshlak', 'Мангышлак']],
  ['KZ-23', ['Guryev', 'Gurev', 'Гурьев']],
  ['KZ-11', ['Tselinograd oblast', 'Целиноградская область']],
]; // prettier-ignore

/** Oblasts abolished in 1997: their area lies in today's two units. */
const SPLIT_AREA_ALIASES: readonly (readonly [string, readonly string[]])[] = [
  ['KZ-10', ['Semipalatinsk oblast', 'Семипалатинская область', 'Semey oblast', 'Семейская область']],
  ['KZ-63', ['Semipalatinsk oblast', 'Семипалатинская область', 'Semey oblast', 'Семейская область']],
  ['KZ-33', ['Taldykorgan oblast', 'Талдыкорганская область']],
  ['KZ-19', ['Taldykorgan oblast', 'Талдыкорганская область']],
  ['KZ-62', ['Zhezkazgan oblast', 'Жезказганская область']],
  ['KZ-35', ['Zhezkazgan oblast', 'Жезказганская область']],
  ['KZ-11', ['Kokshetau oblast', 'Kokchetav oblast', 'Кокчетавская область', 'Turgai oblast', 'Тургайская область']],
  ['KZ-59', ['Kokshetau oblast', 'Kokchetav oblast', 'Кокчетавская область']],
  ['KZ-39', ['Turgai oblast', 'Тургайская область']],
]; // prettier-ignore

const MORE_ALIASES: readonly (readonly [string, readonly string[]])[] = [
  // Altai Krai and the Altai Republic share the bare name.
  ['RU-ALT', ['Altai', 'Алтай']],
  ['RU-AL', ['Altai', 'Алтай', 'Republic of Altai', 'Gorno-Altai', 'Горный Алтай']],
]; // prettier-ignore

interface Entry {
  code: string;
  city: boolean;
  /** The name this entry came from had no marker. */
  bare: boolean;
}

const NAME_FIELDS = [
  'name_en', 'name_ru', 'name_kk', 'short_en', 'short_ru', 'short_kk',
  'former_name_en', 'former_name_ru', 'former_name_kk', 'former_short_en', 'former_short_ru', 'former_short_kk',
] as const; // prettier-ignore

const withoutParentheses = (text: string) => text.replace(/\([^)]*\)/g, ' ');

/** Entries are memoised per text: a million-row file repeats a few dozen names. */
const CACHE_LIMIT = 50_000;

export function createRegionMatcher(
  units: Iterable<MatchableUnit>,
  manual: Record<string, string> = {},
): RegionMatcher {
  const unitList = [...units];
  const codes = unitList.map((u) => u.unit_code);
  const order = new Map(codes.map((c, i) => [c, i]));
  const isCity = new Map(unitList.map((u) => [u.unit_code, u.kind === 'city']));
  const index = new Map<string, Entry[]>();
  const byCode = new Map<string, string[]>();
  const knownNames: KnownName[] = [];

  const addCode = (code: string, unitCode: string) => {
    const list = byCode.get(code) ?? [];
    if (!list.includes(unitCode)) list.push(unitCode);
    byCode.set(code, list);
  };
  const addName = (name: string, code: string) => {
    for (const variant of new Set([name, withoutParentheses(name)])) {
      const { key, marker, words } = normalizeRegionName(variant);
      if (!key) continue;
      const entries = index.get(key) ?? [];
      const entry: Entry = { code, city: isCity.get(code) ?? false, bare: marker === null };
      if (!entries.some((e) => e.code === entry.code && e.bare === entry.bare)) {
        entries.push(entry);
        knownNames.push({ key, words, ...entry });
      }
      index.set(key, entries);
    }
  };

  for (const unit of unitList) {
    const [country, suffix] = unit.unit_code.split('-');
    addCode(unit.unit_code, unit.unit_code);
    if (suffix) addCode(suffix, unit.unit_code);
    if (country === 'KZ' && suffix && /^\d\d$/.test(suffix)) addCode(`${suffix}0000000`, unit.unit_code);
    if (unit.legacy_code) {
      addCode(unit.legacy_code, unit.unit_code);
      const legacySuffix = unit.legacy_code.split('-')[1];
      if (legacySuffix) addCode(legacySuffix, unit.unit_code);
    }
    for (const field of NAME_FIELDS) {
      const name = unit[field];
      if (name) addName(name, unit.unit_code);
    }
  }
  for (const [code, names] of [...ALIASES, ...MORE_ALIASES])
    if (order.has(code)) for (const name of names) addName(name, code);
  const splitKeys = new Set<string>();
  for (const [code, names] of SPLIT_AREA_ALIASES)
    if (order.has(code))
      for (const name of names) {
        addName(name, code);
        splitKeys.add(normalizeRegionName(name).key);
      }

  const sortCodes = (list: Iterable<string>) => [...new Set(list)].sort((a, b) => order.get(a)! - order.get(b)!);
  const resultOf = (list: string[]): MatchResult =>
    list.length === 0 ? null : list.length === 1 ? { code: list[0]! } : { candidates: list };

  const byKey = (name: NormalizedName): MatchResult => {
    const entries = index.get(name.key);
    if (!entries) return null;
    const fitting = entries.filter((e) =>
      name.marker === null ? e.bare : name.marker === 'city' ? e.city : name.marker === 'oblast' ? !e.city : true,
    );
    const result = resultOf(sortCodes(fitting.map((e) => e.code)));
    return result && 'candidates' in result && splitKeys.has(name.key) ? { ...result, split: true } : result;
  };

  const byCodeText = (text: string): MatchResult => {
    const compact = text.trim().toUpperCase();
    const m = /^([A-Z]{2})[\s_-]?([A-Z0-9]{1,3})$/.exec(compact);
    const found = byCode.get(compact) ?? (m ? byCode.get(`${m[1]}-${m[2]}`) : undefined);
    return found ? resultOf(sortCodes(found)) : null;
  };

  const manualMap = new Map<string, { text: string; code: string }>();
  const manualKey = (text: string) => {
    const n = normalizeRegionName(text);
    return n.key ? `${n.marker ?? ''}:${n.key}` : null;
  };

  const cache = new Map<string, MatchResult>();
  const matchUncached = (text: string): MatchResult => {
    if (text.length > MAX_NAME_LENGTH || !text.trim()) return null;
    const key = manualKey(text);
    const manualHit = key ? manualMap.get(key) : undefined;
    if (manualHit) return { code: manualHit.code };
    const coded = byCodeText(text);
    if (coded) return coded;
    const full = byKey(normalizeRegionName(text));
    if (full || !text.includes('(')) return full;
    return byKey(normalizeRegionName(withoutParentheses(text)));
  };

  const unitByCode = new Map(unitList.map((u) => [u.unit_code, u]));
  const matcher: RegionMatcher = {
    codes,
    knownNames,
    unit: (code) => unitByCode.get(code),
    match(text) {
      const raw = typeof text === 'string' ? text : String(text);
      const hit = cache.get(raw);
      if (hit !== undefined) return hit;
      const result = matchUncached(raw);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, result);
      return result;
    },
    addManual(text, code) {
      if (!order.has(code)) throw new Error(`unknown unit code ${code}`);
      const key = manualKey(text);
      if (!key) throw new Error('a manual mapping needs a name with letters or digits');
      manualMap.set(key, { text, code });
      cache.clear();
    },
    removeManual(text) {
      const key = manualKey(text);
      if (key) manualMap.delete(key);
      cache.clear();
    },
    manualMappings() {
      return Object.fromEntries([...manualMap.values()].map((m) => [m.text, m.code]));
    },
  };
  // Stored mappings may name units that no longer exist; those are skipped, not fatal.
  for (const [text, code] of Object.entries(manual))
    if (order.has(code) && manualKey(text)) matcher.addManual(text, code);
  return matcher;
}

/** The unit fields a worker needs, as plain objects (structured-clone safe). */
export function toMatchableUnits(units: Iterable<MatchableUnit>): MatchableUnit[] {
  return [...units].map((u) => ({
    unit_code: u.unit_code,
    legacy_code: u.legacy_code,
    country: u.country,
    kind: u.kind,
    name_en: u.name_en,
    name_ru: u.name_ru,
    name_kk: u.name_kk,
    short_en: u.short_en,
    short_ru: u.short_ru,
    short_kk: u.short_kk,
    former_name_en: u.former_name_en,
    former_name_ru: u.former_name_ru,
    former_name_kk: u.former_name_kk,
    former_short_en: u.former_short_en,
    former_short_ru: u.former_short_ru,
    former_short_kk: u.former_short_kk,
    stat_from: u.stat_from,
  }));
}
