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
 * "Прибыло"/"выбыло" (arrived/departed), "arrivals"/"departures",
 * "келген"/"кеткен", "immigr"/"emmigr" say a direction. Over numbers they are
 * counts of a region's migrants (weak candidates for the count; several of
 * them are a table of value columns, see layouts.ts); over region names
 * (peers' "region_emmigr", "region_immigr") they are the origin and the
 * destination. guessColumns decides by the sample rows when it has them.
 * "Регион прибытия"/"место выбытия" (region of arrival, place of departure)
 * are the destination and the origin whatever the rows hold.
 */
import { problem, type ImportProblem } from './problems';
import { parseNumberCell } from './cells';

export type TableKind = 'flows' | 'figures';

export const FLOW_FIELDS = ['origin', 'destination', 'year', 'count', 'period', 'source', 'note'] as const;
export const FIGURE_FIELDS = ['region', 'year', 'value', 'measure', 'unit', 'period'] as const;
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
    words: ['origin', 'from', 'orig', 'откуда', 'выбытия', 'отправления', 'қайдан', 'шыққан', 'кеткен', 'emmigr', 'emigr', 'выбыло', 'departure', 'departures', 'кетті'],
  },
  destination: {
    exact: ['to', 'в', 'куда', 'қайда', 'region of destination', 'регион прибытия', 'место прибытия', 'келген жері'],
    words: ['destination', 'dest', 'to', 'куда', 'прибытия', 'назначения', 'вселения', 'қайда', 'келген', 'барған', 'immigr', 'imigr', 'прибыло', 'arrival', 'arrivals', 'келді'],
  },
  year: { exact: ['year', 'yr', 'год', 'годы', 'жыл', 'жылы'], words: ['year', 'год', 'жыл', 'yr'] },
  count: {
    exact: ['migrants', 'count', 'number', 'n', 'persons', 'people', 'value', 'total', 'flow', 'число мигрантов', 'количество', 'кол во', 'численность', 'человек', 'чел', 'мигранттар', 'саны', 'адам'],
    words: ['migrants', 'migrant', 'count', 'number', 'persons', 'people', 'мигрантов', 'мигранты', 'человек', 'количество', 'мигранттар', 'flow', 'flows'],
    weak: ['arrivals', 'departures', 'прибыло', 'выбыло', 'прибывшие', 'выбывшие', 'келгендер', 'кеткендер', 'келді', 'кетті', 'inflow', 'outflow', 'in', 'out'],
  },
  period: {
    exact: ['period', 'период', 'кезең', 'months', 'month', 'месяц', 'ай'],
    words: ['period', 'период', 'кезең', 'month', 'месяц'],
  },
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
  period: FLOW_SYNONYMS.period,
}; // prettier-ignore

/** Words that say a direction: origin/destination over names, counts over numbers. */
const DIRECTION_WORDS = new Set(
  ['emmigr', 'emigr', 'immigr', 'imigr', 'выбыло', 'прибыло', 'кеткен', 'келген', 'кетті', 'келді', 'arrival', 'arrivals', 'departure', 'departures'].map(
    (w) => normalizeHeader(w),
  ),
); // prettier-ignore

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

/** What a column's sample cells hold: mostly numbers, mostly text, or nothing to tell. */
export function columnContent(rows: readonly (readonly string[])[], column: number): 'numbers' | 'text' | 'unknown' {
  let numbers = 0;
  let texts = 0;
  for (const row of rows) {
    const cell = (row[column] ?? '').trim();
    if (!cell || cell === '-') continue;
    if (parseNumberCell(cell) !== null) numbers++;
    else texts++;
  }
  if (numbers + texts === 0) return 'unknown';
  return numbers >= texts ? 'numbers' : 'text';
}

/** Direction words that alone, without rows to tell, are counts (as before sample rows were used). */
const COUNT_WORDS = new Set(
  ['выбыло', 'прибыло', 'кетті', 'келді', 'arrival', 'arrivals', 'departure', 'departures'].map((w) =>
    normalizeHeader(w),
  ),
);
const hasWord = (header: string, words: Set<string>) =>
  normalizeHeader(header)
    .split(' ')
    .some((w) => words.has(w));
const isDirectionHeader = (header: string) => hasWord(header, DIRECTION_WORDS);

/**
 * Guesses the columns of a header. With sample rows, a header that says a
 * direction (выбыло, arrivals, region_emmigr) over numbers is not an origin
 * or destination, and over names is not a count.
 */
export function guessColumns<K extends TableKind>(
  kind: K,
  header: readonly string[],
  rows: readonly (readonly string[])[] = [],
): ColumnGuess<FieldOf<K>> {
  type F = FieldOf<K>;
  const scored: Scored<F>[] = [];
  const content = header.map((h, column) => (isDirectionHeader(h) ? columnContent(rows, column) : 'unknown'));
  for (const [field, syn] of COMPILED[kind])
    header.forEach((h, column) => {
      let score = scoreHeader(h, syn);
      const holds = content[column];
      if ((field === 'origin' || field === 'destination') && holds === 'numbers') score = 0;
      if ((field === 'count' || field === 'value') && holds === 'text') score = 0;
      // Without rows to tell, "Прибыло" or "arrivals" stays a count.
      if ((field === 'origin' || field === 'destination') && holds === 'unknown' && hasWord(h, COUNT_WORDS)) score = 0;
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
export function guessTableKind(header: readonly string[], rows: readonly (readonly string[])[] = []): TableKind | null {
  const flows = guessColumns('flows', header, rows);
  if (flows.mapping.origin !== undefined && flows.mapping.destination !== undefined) return 'flows';
  const figures = guessColumns('figures', header, rows);
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

/**
 * Problems that stop an import with this mapping: unmapped required fields,
 * columns not in the header, one column twice. `optional` fields are not
 * required (the year, when a year is given for the whole file).
 */
export function mappingProblems<K extends TableKind>(
  kind: K,
  mapping: ColumnMapping<FieldOf<K>>,
  columnCount: number,
  optional: readonly string[] = [],
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const f of REQUIRED_FIELDS[kind] as readonly FieldOf<K>[])
    if ((mapping as Record<string, number | undefined>)[f] === undefined && !optional.includes(f))
      problems.push(problem('no_column', { field: f }));
  const seen = new Map<number, FieldOf<K>>();
  for (const [f, c] of Object.entries(mapping) as [FieldOf<K>, number][]) {
    if (!Number.isInteger(c) || c < 0 || c >= columnCount)
      problems.push(problem('column_outside', { field: f, column: c, columns: columnCount }));
    const other = seen.get(c);
    if (other !== undefined) problems.push(problem('column_twice', { column: c, field: other, other: f }));
    seen.set(c, f);
  }
  return problems;
}
