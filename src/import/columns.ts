/**
 * Guesses which column of a header row holds which field of a flows table
 * (origin, destination, year, count, optional period/source/note) or of a
 * figures table (region, year, value, optional measure and unit of measure).
 * Headers in English, Russian and Kazakh; the user can override every guess.
 *
 * Scores: a header equal to a known name scores 3, a header containing a
 * known word scores 2, a weak name (one that fits but also means something
 * else) scores 1. Required fields are assigned first, highest score first,
 * each column to one field. A tie at a weak score assigns nothing: the user
 * picks.
 *
 * "Прибыло"/"выбыло" (arrived/departed), "arrivals"/"departures" are counts
 * of a region's migrants, never the origin and destination of a flow: they
 * are weak candidates for the count (an origin-destination table may label
 * its numbers so), and "регион прибытия"/"место выбытия" (region of arrival,
 * place of departure) are the destination and the origin.
 */

export type TableKind = 'flows' | 'figures';

export const FLOW_FIELDS = ['origin', 'destination', 'year', 'count', 'period', 'source', 'note'] as const;
export const FIGURE_FIELDS = ['region', 'year', 'value', 'measure', 'unit'] as const;
export type FlowField = (typeof FLOW_FIELDS)[number];
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type FieldOf<K extends TableKind> = K extends 'flows' ? FlowField : FigureField;

export const REQUIRED_FIELDS = {
  flows: ['origin', 'destination', 'year', 'count'],
  figures: ['region', 'year', 'value'],
} as const satisfies { flows: readonly FlowField[]; figures: readonly FigureField[] };

/** Field -> 0-based column index. A field that is absent is not mapped. */
export type ColumnMapping<F extends string> = Partial<Record<F, number>>;
export type FlowMapping = ColumnMapping<FlowField>;
export type FigureMapping = ColumnMapping<FigureField>;

export interface ColumnGuess<F extends string> {
  mapping: ColumnMapping<F>;
  /** Required fields left unmapped. */
  missing: F[];
  /** Fields where several columns fit equally well: the guess (if any) and the others, for the UI to offer. */
  ambiguous: Partial<Record<F, number[]>>;
}

interface Synonyms {
  exact: string[];
  words: string[];
  weak?: string[];
}

const FLOW_SYNONYMS: Record<FlowField, Synonyms> = {
  origin: {
    exact: ['from', 'из', 'откуда', 'қайдан', 'region of origin', 'регион выбытия', 'место выбытия', 'шыққан жері'],
    words: ['origin', 'from', 'orig', 'откуда', 'выбытия', 'отправления', 'қайдан', 'шыққан', 'кеткен'],
  },
  destination: {
    exact: ['to', 'в', 'куда', 'қайда', 'region of destination', 'регион прибытия', 'место прибытия', 'келген жері'],
    words: ['destination', 'dest', 'to', 'куда', 'прибытия', 'назначения', 'вселения', 'қайда', 'келген', 'барған'],
  },
  year: { exact: ['year', 'yr', 'год', 'годы', 'жыл', 'жылы'], words: ['year', 'год', 'жыл', 'yr'] },
  count: {
    exact: ['migrants', 'count', 'number', 'n', 'persons', 'people', 'value', 'total', 'flow', 'число мигрантов', 'количество', 'кол во', 'численность', 'человек', 'чел', 'мигранттар', 'саны', 'адам'],
    words: ['migrants', 'migrant', 'count', 'number', 'persons', 'people', 'мигрантов', 'мигранты', 'человек', 'количество', 'мигранттар', 'flow', 'flows'],
    weak: ['arrivals', 'departures', 'прибыло', 'выбыло', 'прибывшие', 'выбывшие', 'келгендер', 'кеткендер', 'келді', 'кетті', 'inflow', 'outflow', 'in', 'out'],
  },
  period: { exact: ['period', 'период', 'кезең', 'months'], words: ['period', 'период', 'кезең'] },
  source: {
    exact: ['source', 'source id', 'источник', 'дереккөз'],
    words: ['source', 'источник', 'дереккөз'],
  },
  note: {
    exact: ['note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'примечание', 'примечания', 'комментарий', 'ескерту', 'ескертпе'],
    words: ['note', 'notes', 'comment', 'примечание', 'комментарий', 'ескерту'],
  },
}; // prettier-ignore

const FIGURE_SYNONYMS: Record<FigureField, Synonyms> = {
  region: {
    exact: ['region', 'unit code', 'region code', 'oblast', 'territory', 'регион', 'область', 'облыс', 'аймақ', 'өңір', 'территория', 'kato', 'като'],
    words: ['region', 'oblast', 'регион', 'область', 'облыс', 'өңір', 'аймақ', 'территория', 'territory', 'регионы'],
    weak: ['unit', 'name', 'code', 'area', 'наименование', 'код', 'атауы'],
  },
  year: FLOW_SYNONYMS.year,
  value: {
    exact: ['value', 'figure', 'amount', 'population', 'значение', 'численность', 'население', 'мәні', 'мән', 'халық саны', 'халық'],
    words: ['value', 'population', 'значение', 'численность', 'население', 'мәні', 'халық'],
    weak: ['count', 'number', 'total', 'саны', 'число', 'количество', 'arrivals', 'departures', 'net', 'прибыло', 'выбыло', 'сальдо', 'persons', 'migrants'],
  },
  measure: {
    exact: ['measure', 'indicator', 'variable', 'metric', 'series', 'показатель', 'индикатор', 'көрсеткіш'],
    words: ['measure', 'indicator', 'показатель', 'көрсеткіш', 'индикатор'],
  },
  unit: {
    exact: ['unit', 'units', 'unit of measure', 'uom', 'единица', 'единица измерения', 'ед изм', 'өлшем бірлігі'],
    words: ['units', 'единица', 'өлшем', 'uom'],
  },
}; // prettier-ignore

/** Lower-cased, without diacritics or BOM, with _ - . / ( ) and runs of spaces as one space. */
export function normalizeHeader(text: string): string {
  return String(text)
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Scored<F> {
  field: F;
  column: number;
  score: number;
}

function compile(syn: Synonyms) {
  return {
    exact: new Set(syn.exact.map(normalizeHeader)),
    words: new Set(syn.words.map(normalizeHeader)),
    weak: new Set((syn.weak ?? []).map(normalizeHeader)),
  };
}
const COMPILED = {
  flows: Object.entries(FLOW_SYNONYMS).map(([f, s]) => [f, compile(s)] as const),
  figures: Object.entries(FIGURE_SYNONYMS).map(([f, s]) => [f, compile(s)] as const),
};

function scoreHeader(header: string, syn: ReturnType<typeof compile>): number {
  const h = normalizeHeader(header);
  if (!h) return 0;
  if (syn.exact.has(h) || syn.words.has(h)) return 3;
  if (h.split(' ').some((w) => syn.words.has(w))) return 2;
  if (syn.weak.has(h)) return 1;
  return 0;
}

export function guessColumns<K extends TableKind>(kind: K, header: readonly string[]): ColumnGuess<FieldOf<K>> {
  type F = FieldOf<K>;
  const scored: Scored<F>[] = [];
  for (const [field, syn] of COMPILED[kind])
    header.forEach((h, column) => {
      const score = scoreHeader(h, syn);
      if (score > 0) scored.push({ field: field as F, column, score });
    });
  const required = new Set<string>(REQUIRED_FIELDS[kind]);
  const mapping: ColumnMapping<F> = {};
  const ambiguous: Partial<Record<F, number[]>> = {};
  const usedColumns = new Set<number>();

  const assign = (fields: F[]) => {
    // Highest score first; among equals, the field with fewer options first, then the leftmost column.
    const options = (f: F) => scored.filter((s) => s.field === f && !usedColumns.has(s.column));
    const pending = new Set(fields);
    while (pending.size > 0) {
      let best: { field: F; picks: Scored<F>[] } | null = null;
      for (const f of pending) {
        const opts = options(f);
        if (opts.length === 0) continue;
        const top = Math.max(...opts.map((o) => o.score));
        const picks = opts.filter((o) => o.score === top).sort((a, b) => a.column - b.column);
        if (!best || top > best.picks[0]!.score || (top === best.picks[0]!.score && picks.length < best.picks.length))
          best = { field: f, picks };
      }
      if (!best) break;
      pending.delete(best.field);
      if (best.picks.length > 1) ambiguous[best.field] = best.picks.map((p) => p.column);
      // A weak tie (arrivals vs departures) is the user's choice, not ours.
      if (best.picks.length > 1 && best.picks[0]!.score === 1) continue;
      mapping[best.field] = best.picks[0]!.column;
      usedColumns.add(best.picks[0]!.column);
    }
  };
  const fields = (kind === 'flows' ? FLOW_FIELDS : FIGURE_FIELDS) as readonly F[];
  assign(fields.filter((f) => required.has(f)));
  assign(fields.filter((f) => !required.has(f)));
  const missing = fields.filter((f) => required.has(f) && mapping[f] === undefined);
  return { mapping, missing, ambiguous };
}

/** Flows when origin and destination are found, figures when region and value are, else null. */
export function guessTableKind(header: readonly string[]): TableKind | null {
  const flows = guessColumns('flows', header);
  if (flows.mapping.origin !== undefined && flows.mapping.destination !== undefined) return 'flows';
  const figures = guessColumns('figures', header);
  if (figures.mapping.region !== undefined && (figures.mapping.value !== undefined || figures.ambiguous.value))
    return 'figures';
  return null;
}

/** The user's override: puts a column on a field (or unmaps it with null); the column leaves any other field. */
export function setColumn<F extends string>(
  mapping: ColumnMapping<F>,
  field: NoInfer<F>,
  column: number | null,
): ColumnMapping<F> {
  const next: ColumnMapping<F> = {};
  for (const [f, c] of Object.entries(mapping) as [F, number][]) if (f !== field && c !== column) next[f] = c;
  if (column !== null) next[field] = column;
  return next;
}

/** Problems that stop an import with this mapping: unmapped required fields, columns not in the header, one column twice. */
export function mappingProblems<K extends TableKind>(
  kind: K,
  mapping: ColumnMapping<FieldOf<K>>,
  columnCount: number,
): string[] {
  const problems: string[] = [];
  for (const f of REQUIRED_FIELDS[kind] as readonly string[])
    if ((mapping as Record<string, number | undefined>)[f] === undefined) problems.push(`no column chosen for ${f}`);
  const seen = new Map<number, string>();
  for (const [f, c] of Object.entries(mapping) as [string, number][]) {
    if (!Number.isInteger(c) || c < 0 || c >= columnCount)
      problems.push(`column ${c} for ${f} is not in the file (it has ${columnCount})`);
    const other = seen.get(c);
    if (other !== undefined) problems.push(`column ${c + 1} is chosen for both ${other} and ${f}`);
    seen.set(c, f);
  }
  return problems;
}
