/**
 * What kind of publication each source is (data/source_names.csv → sources.csv `kind`), in the
 * order a reader should meet them: official statistics first, wiki copies last. A story step
 * shows its main sources by this order and keeps the rest behind "more".
 */

export const SOURCE_KINDS = [
  'official', // a statistics office, ministry or government publishing its own figures
  'repository', // a repository of the statistics office's tables
  'research', // an institute, study or analysis
  'news', // a news outlet, mostly citing the statistics office
  'project', // this project's own tables and derivations
  'imported', // a file imported in this browser
  'encyclopedia', // Wikipedia and other encyclopedias
  'mirror', // copies of Wikipedia and low-quality aggregators
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds never counted among a step's main sources. */
const NEVER_MAIN: ReadonlySet<string> = new Set<SourceKind>(['encyclopedia', 'mirror']);

const rank = (row: { kind: string } | undefined): number => {
  const i = row ? SOURCE_KINDS.indexOf(row.kind as SourceKind) : -1;
  return i < 0 ? SOURCE_KINDS.length : i;
};

/**
 * Splits the ids into the `count` main sources (by kind, then in the given order; never an
 * encyclopedia or a mirror) and the rest, in the same order.
 */
export function mainSources(
  ids: readonly string[],
  sources: ReadonlyMap<string, { kind: string }>,
  count = 3,
): { main: string[]; more: string[] } {
  const ordered = [...new Set(ids)]
    .map((id, order) => ({ id, order, rank: rank(sources.get(id)) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  const main = ordered
    .filter((s) => !NEVER_MAIN.has(sources.get(s.id)?.kind ?? ''))
    .slice(0, count)
    .map((s) => s.id);
  return { main, more: ordered.map((s) => s.id).filter((id) => !main.includes(id)) };
}
