/**
 * Likely units for a name that matched nothing, offered to the user to
 * confirm, never applied: abbreviations ("North_Kaz", "East_Kaz", "Karag.")
 * whose words begin the words of a unit's name, and misspellings ("Ulutay")
 * within a small edit distance of a unit's name. Names are compared as the
 * matcher compares them (transliterated, spelling variants folded), so Kazakh
 * Latin spellings (Aqmola, Qostanay, Jambyl, Turkistan, Qaraganda, Qyzylorda)
 * already match there and need no suggestion.
 */
import { normalizeRegionName, type KnownName, type RegionMatcher } from './region-matcher';

export type SuggestionReason = 'abbreviation' | 'spelling';

export interface Suggestion {
  code: string;
  reason: SuggestionReason;
}

/** Edit distance with transpositions (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Edits allowed for a key of this length: short names must be nearly exact. */
const allowedEdits = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/** Each word of the text begins the matching word of the name (and at least one is shortened). */
function abbreviates(words: readonly string[], name: KnownName): boolean {
  if (words.length === 0) return false;
  if (words.length === 1) {
    const w = words[0]!;
    return w.length >= 4 && w.length < name.key.length && name.key.startsWith(w);
  }
  if (words.length !== name.words.length) return false;
  let shortened = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const full = name.words[i]!;
    if (!full.startsWith(w)) return false;
    if (w.length < full.length) shortened = true;
  }
  return shortened && words.join('').length >= 3;
}

/** Up to `max` likely units for a text, best first; [] when nothing is close. */
export function suggestUnits(text: string, matcher: RegionMatcher, max = 3): Suggestion[] {
  const { key, marker, words } = normalizeRegionName(text);
  if (key.length < 3) return [];
  const fits = (n: KnownName) => (marker === 'city' ? n.city : marker === 'oblast' ? !n.city : true);
  const best = new Map<string, { reason: SuggestionReason; score: number }>();
  const offer = (code: string, reason: SuggestionReason, score: number) => {
    const seen = best.get(code);
    if (!seen || score < seen.score) best.set(code, { reason, score });
  };
  const limit = allowedEdits(key.length);
  for (const name of matcher.knownNames) {
    if (!fits(name)) continue;
    // Abbreviations rank before misspellings; among these, fewer edits first, then a longer common start.
    if (abbreviates(words, name)) offer(name.code, 'abbreviation', 0);
    else {
      const d = editDistance(key, name.key, limit);
      let prefix = 0;
      while (prefix < 3 && key[prefix] === name.key[prefix]) prefix++;
      if (d > 0 && d <= limit) offer(name.code, 'spelling', d * 10 - prefix);
    }
  }
  const order = new Map(matcher.codes.map((c, i) => [c, i]));
  const ranked = [...best].sort(([a, x], [b, y]) => x.score - y.score || order.get(a)! - order.get(b)!);
  // Every abbreviation that fits, or the best misspellings only (a tie is offered whole).
  const top = ranked[0]?.[1].score ?? 0;
  return ranked
    .filter(([, s]) => s.reason === 'abbreviation' || s.score === top)
    .slice(0, max)
    .map(([code, { reason }]) => ({ code, reason }));
}
