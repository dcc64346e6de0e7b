/**
 * How a region cell's text is compared: lower-cased, diacritics and
 * punctuation dropped, Cyrillic (Russian and Kazakh letters) transliterated to
 * Latin, then folded to a skeleton where the usual spelling variants meet
 * (q/k, zh/j/dzh, kh/k, ts/c, y/i, doubled letters), so Қарағанды, Karagandy
 * and Qaraǵandy are one key. Words that only say what kind of place it is
 * ("Region", "область", "обл.", "облысы", "city", "г.", "қаласы") are dropped
 * from the key but remembered as a marker, and a Russian adjective
 * ("Алматинская") counts as an oblast marker. Also: the names of totals.
 */

export type Marker = 'city' | 'oblast' | 'both' | null;

export interface NormalizedName {
  /** The comparison skeleton without marker words; '' when nothing is left. */
  key: string;
  marker: Marker;
  /** The skeleton word by word (for suggestions: abbreviations match word prefixes). */
  words: string[];
}

/** The longest region text compared (a longer cell is not a name). */
export const MAX_NAME_LENGTH = 200;

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ё: 'e',
  // Kazakh letters fold to the Russian ones people type when the keyboard lacks them.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
}; // prettier-ignore

const CITY_WORDS = new Set(['city', 'g', 'gor', 'gorod', 'k', 'kala', 'kalasy', 'qala', 'qalasy', 'town']);
const OBLAST_WORDS = new Set([
  'oblast', 'oblasti', 'oblys', 'oblysy', 'obl', 'region', 'reg', 'province', 'prov', 'oblasty',
]); // prettier-ignore
const FILLER_WORDS = new Set(['the', 'of']);
/** Russian adjective endings after -sk- (Алматинская, Акмолинской, Алтайский). */
const ADJECTIVE = /sk(?:aya|aia|aja|oi|oy|oj|ogo|ii|iy|ij|oe|omu)$/;

function transliterate(token: string): string {
  let out = '';
  for (const ch of token) out += CYRILLIC[ch] ?? ch;
  return out;
}

/** The variants of Kazakh and Russian place names in Latin script fold to one skeleton. */
function skeleton(text: string): string {
  return text
    .replace(/dzh/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/ts/g, 'c')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** The key and kind marker of a name. Pure; never throws. */
export function normalizeRegionName(text: string): NormalizedName {
  const lowered = String(text)
    .slice(0, MAX_NAME_LENGTH)
    .toLowerCase()
    // Kazakh Latin: ý is у and ı is і (2018); ş, ç are ш, ч (2021), kept apart from s and c.
    .replace(/ý/g, 'u')
    .replace(/ı/g, 'i')
    .replace(/ş/g, 'sh')
    .replace(/ç/g, 'ch')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`ʼʻ´]/g, '')
    // A footnote mark after a name: "Туркестанская 1", "Abai*", "Ulytau¹" (NFKD made ¹ a 1), "Jetisu 2)".
    .replace(/(\p{L})[\s\u00a0]*(?:\d{1,2}\)?|\*+)[\s\u00a0]*$/u, '$1');
  let tokens = lowered
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(transliterate)
    .filter(Boolean);
  // "С.К.О." and "S K O" are abbreviations, not a name and a city marker "k".
  if (tokens.length > 1 && tokens.every((t) => t.length === 1)) tokens = [tokens.join('')];
  let city = false;
  let oblast = false;
  const kept: string[] = [];
  for (const token of tokens) {
    if (CITY_WORDS.has(token)) city = true;
    else if (OBLAST_WORDS.has(token)) oblast = true;
    else if (FILLER_WORDS.has(token)) continue;
    else if (ADJECTIVE.test(token)) {
      oblast = true;
      kept.push(token.replace(ADJECTIVE, ''));
    } else kept.push(token);
  }
  const marker: Marker = city && oblast ? 'both' : city ? 'city' : oblast ? 'oblast' : null;
  return { key: skeleton(kept.join('')), marker, words: kept.map(skeleton) };
}

const TOTAL_KEYS = new Set(
  [
    'Kazakhstan', 'Republic of Kazakhstan', 'Республика Казахстан', 'Қазақстан Республикасы', 'Total', 'Итого', 'Всего',
    'Барлығы', 'Барлыгы', 'Жиыны', 'Russia', 'Россия', 'Russian Federation', 'Российская Федерация', 'All regions',
  ].map((t) => normalizeRegionName(t).key),
); // prettier-ignore

/** A national or grand total row ("Республика Казахстан", "Итого"): not a region, reported as such. */
export function isTotalName(text: string): boolean {
  const { key, marker } = normalizeRegionName(text);
  return marker === null && TOTAL_KEYS.has(key);
}
