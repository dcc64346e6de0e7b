/**
 * Ambiguity is never resolved silently. Two kinds are met in real tables:
 *
 * - A name that is two units ("Almaty": the city or the region; "Altai"; a
 *   bare code such as "AST"). The file's own context decides when it can: if
 *   every candidate but one is already named by another text of the file
 *   ("Almaty_city" is there, so "Almaty" is the region), the name is the one
 *   left; that decision is reported, with the texts it rests on, so the user
 *   can change it (a manual mapping). Otherwise the name is a question, and
 *   its rows are not imported until the user answers. Names of oblasts
 *   abolished in 1997 (Semipalatinsk...) cover parts of two units: never
 *   decided, always asked.
 * - A unit whose borders changed (South Kazakhstan / Turkestan lost Shymkent
 *   in 2018, statistics from 2017; East Kazakhstan, Almaty Region and
 *   Karaganda lost Abai, Jetisu and Ulytau in 2022). For a year before the
 *   split, the unit is read with its later parts (the borders of that year)
 *   unless the file names a part, or another unit of the later borders, in
 *   that year; or the user says the whole file is in today's borders. Each
 *   such reading is reported.
 */
import type { MatchableUnit } from './region-matcher';

/** Units split off later, and the unit they were part of. */
export const BORDER_SPLITS: readonly { part: string; parent: string }[] = [
  { part: 'KZ-79', parent: 'KZ-61' },
  { part: 'KZ-10', parent: 'KZ-63' },
  { part: 'KZ-33', parent: 'KZ-19' },
  { part: 'KZ-62', parent: 'KZ-35' },
];

export type Borders = 'by_year' | 'current';

export interface NameDecision {
  text: string;
  /** The unit the name is read as. */
  code: string;
  /** The other candidates (the user may pick one instead). */
  alternatives: string[];
  because: 'others_named';
  /** The texts of the file that name the other candidates. */
  evidence: { text: string; code: string }[];
  /** Cells with this text. */
  count: number;
}

export interface NameQuestion {
  text: string;
  candidates: string[];
  count: number;
  /** The name covers parts of several units (an abolished oblast): no candidate alone is it. */
  split: boolean;
}

export interface BorderDecision {
  /** The unit whose borders changed. */
  unit: string;
  /** The units later split from it. */
  parts: string[];
  years: number[];
  reading: 'with_parts' | 'without_parts';
  because: 'borders_of_year' | 'parts_in_file' | 'later_units_in_file' | 'user';
}

export interface AmbiguousName {
  text: string;
  candidates: string[];
  split: boolean;
  count: number;
}

/** Decides the ambiguous names the file's context settles; the others are questions. */
export function resolveNames(
  ambiguous: readonly AmbiguousName[],
  matched: readonly { text: string; code: string }[],
): { decisions: NameDecision[]; questions: NameQuestion[] } {
  const namedBy = new Map<string, string[]>();
  for (const m of matched) namedBy.set(m.code, [...(namedBy.get(m.code) ?? []), m.text]);
  const decisions: NameDecision[] = [];
  const questions: NameQuestion[] = [];
  for (const a of ambiguous) {
    const left = a.candidates.filter((c) => !namedBy.has(c));
    if (!a.split && left.length === 1) {
      const others = a.candidates.filter((c) => c !== left[0]);
      decisions.push({
        text: a.text,
        code: left[0]!,
        alternatives: others,
        because: 'others_named',
        evidence: others.flatMap((code) =>
          namedBy
            .get(code)!
            .slice(0, 3)
            .map((text) => ({ text, code })),
        ),
        count: a.count,
      });
    } else questions.push({ text: a.text, candidates: a.candidates, count: a.count, split: a.split });
  }
  return { decisions, questions };
}

const GEOGRAPHY_START: Record<string, string> = {
  G16_pre2017: '2000-01-01',
  G17_2017_2021: '2017-01-01',
  G20_2022plus: '2022-01-01',
};

/**
 * How each unit with later parts is read in each year before its split,
 * given the geography chosen for that year (see geographyFor) and the units
 * the year's rows use. Consecutive years read alike are one decision.
 */
export function borderDecisions(
  unitsByYear: ReadonlyMap<number, ReadonlySet<string>>,
  geographyByYear: Readonly<Record<number, string>>,
  units: (code: string) => Pick<MatchableUnit, 'stat_from'> | undefined,
  borders: Borders,
): BorderDecision[] {
  const out: BorderDecision[] = [];
  const years = [...unitsByYear.keys()].sort((a, b) => a - b);
  const parents = [...new Set(BORDER_SPLITS.map((s) => s.parent))];
  for (const parent of parents) {
    const parts = BORDER_SPLITS.filter((s) => s.parent === parent).map((s) => s.part);
    const splitFrom = units(parts[0]!)?.stat_from;
    if (!splitFrom) continue;
    let last: BorderDecision | null = null;
    for (const year of years) {
      const used = unitsByYear.get(year)!;
      if (!used.has(parent) || `${year}-01-01` >= splitFrom) continue;
      const start = GEOGRAPHY_START[geographyByYear[year] ?? ''] ?? '2000-01-01';
      const reading = start >= splitFrom ? 'without_parts' : 'with_parts';
      const because: BorderDecision['because'] =
        borders === 'current'
          ? 'user'
          : reading === 'with_parts'
            ? 'borders_of_year'
            : parts.some((p) => used.has(p))
              ? 'parts_in_file'
              : 'later_units_in_file';
      if (last && last.reading === reading && last.because === because) last.years.push(year);
      else out.push((last = { unit: parent, parts, years: [year], reading, because }));
    }
  }
  return out;
}
