/**
 * Stories are data: an ordered list of steps, each setting the view (year,
 * measure, camera, highlighted regions, flow filter) with a caption in three
 * languages, its figures (computed from the project's data, never typed in
 * text) and a citation. A malformed story is rejected with messages that
 * name the step and the field. Pure: no DOM.
 */
import { MEASURE_IDS, type MeasureId } from '../../core/measures';
import { LANGS, type Lang } from '../../core/model';
import type { Camera } from '../../state/url-state';

export const STORY_FORMAT = 'kz-migration-story';
export const STORY_VERSION = 1;

export type Text = Record<Lang, string>;

/** Where a caption's number comes from; resolved against the data in figures.ts. */
export type FigureSpec =
  | { kind: 'fact'; fact: string }
  | { kind: 'enbek'; year: string; period: string; unit: string; measure: string }
  | { kind: 'sum'; measure: MeasureId; year: number; regions: string[] }
  | { kind: 'share'; year: number; regions: string[] }
  | { kind: 'density'; group: 'north' | 'south'; year: number }
  | { kind: 'ratio'; year: number }
  | { kind: 'extreme'; measure: FlowMeasure; year: number; which: 'min' | 'max' }
  | { kind: 'external'; year: number; partner: string; direction: 'immigrants' | 'emigrants' }
  /** Russia's own count of its migration with Kazakhstan (S174). */
  | { kind: 'russia'; year: number; direction: 'arrivals_from_kz' | 'departures_to_kz' }
  /** Kandas status granted (data/kandas.csv). */
  | { kind: 'kandas'; year: number; period: string };

/** Measures that exist per statistical unit (from the origin-destination flows). */
export type FlowMeasure = 'net' | 'arrivals' | 'departures';
const FLOW_MEASURES: readonly string[] = ['net', 'arrivals', 'departures'];

export interface StoryStep {
  id: string;
  year: number;
  measure: MeasureId;
  camera: Camera;
  /** Polygon ids to highlight (spotlight); empty for none. */
  highlight: string[];
  flows: { topN: number | null; minFlow: number; external: boolean };
  title: Text;
  caption: Text;
  figures: Record<string, FigureSpec>;
  /** Source ids (data/sources.csv) shown as the step's citation. */
  sources: string[];
  /** A question step hides its answer (and the map's values) until revealed. */
  question?: Text;
  answer?: Text;
  /** A forecast step says so and never moves the timeline past observed years. */
  forecast?: boolean;
}

export interface Story {
  id: string;
  title: Text;
  credit: Text;
  steps: StoryStep[];
}

export interface StoryContext {
  yearRange: [number, number];
  regions: ReadonlySet<string>;
  sources: ReadonlySet<string>;
  facts: ReadonlySet<string>;
}

export type StoryResult = { ok: true; story: Story } | { ok: false; errors: string[] };

const MAX_STEPS = 100;
const MAX_TEXT = 1200;

/** Validates an untrusted story (parsed JSON). Every problem is reported, not only the first. */
export function parseStory(input: unknown, ctx: StoryContext): StoryResult {
  const errors: string[] = [];
  const at = (where: string, message: string) => errors.push(`${where}: ${message}`);
  if (!isObject(input)) return { ok: false, errors: ['the file is not a JSON object'] };
  if (input.format !== STORY_FORMAT) at('story', `field "format" must be "${STORY_FORMAT}"`);
  if (input.version !== STORY_VERSION) at('story', `field "version" must be ${STORY_VERSION}`);
  const id = typeof input.id === 'string' && /^[\w-]{1,64}$/.test(input.id) ? input.id : null;
  if (!id) at('story', 'field "id" must be 1-64 letters, digits, "-" or "_"');
  const title = text(input.title, 'story', 'title', at);
  const credit = text(input.credit, 'story', 'credit', at);
  if (!Array.isArray(input.steps) || input.steps.length === 0 || input.steps.length > MAX_STEPS) {
    at('story', `field "steps" must be a list of 1-${MAX_STEPS} steps`);
    return { ok: false, errors };
  }
  const steps: StoryStep[] = [];
  const ids = new Set<string>();
  input.steps.forEach((raw: unknown, i: number) => {
    const where = `step ${i + 1}${isObject(raw) && typeof raw.id === 'string' ? ` ("${raw.id.slice(0, 40)}")` : ''}`;
    const step = parseStep(raw, where, ctx, errors);
    if (!step) return;
    if (ids.has(step.id)) at(where, `field "id" repeats an earlier step's id`);
    ids.add(step.id);
    steps.push(step);
  });
  if (errors.length || !id || !title || !credit) return { ok: false, errors };
  return { ok: true, story: { id, title, credit, steps } };
}

function parseStep(raw: unknown, where: string, ctx: StoryContext, errors: string[]): StoryStep | null {
  const at = (w: string, message: string) => errors.push(`${w}: ${message}`);
  if (!isObject(raw)) {
    at(where, 'is not an object');
    return null;
  }
  const before = errors.length;
  const id = typeof raw.id === 'string' && /^[\w-]{1,64}$/.test(raw.id) ? raw.id : null;
  if (!id) at(where, 'field "id" must be 1-64 letters, digits, "-" or "_"');
  const year = integer(raw.year, ctx.yearRange[0], ctx.yearRange[1]);
  if (year === null) at(where, `field "year" must be a whole year from ${ctx.yearRange[0]} to ${ctx.yearRange[1]}`);
  const measure = (MEASURE_IDS as readonly unknown[]).includes(raw.measure) ? (raw.measure as MeasureId) : null;
  if (!measure) at(where, `field "measure" must be one of ${MEASURE_IDS.join(', ')}`);
  const camera = parseCamera(raw.camera);
  if (!camera) at(where, 'field "camera" must be { "lon": -180..180, "lat": -85..85, "zoom": 0..22 }');
  const highlight = Array.isArray(raw.highlight) ? raw.highlight : raw.highlight === undefined ? [] : null;
  if (!highlight || !highlight.every((h) => typeof h === 'string' && ctx.regions.has(h)))
    at(where, 'field "highlight" must be a list of region ids (polygon ids such as "KZ-VOS")');
  const flows = parseFlows(raw.flows);
  if (!flows) at(where, 'field "flows" must be { "topN": 1..380 or null, "minFlow": >= 0, "external": true/false }');
  const title = text(raw.title, where, 'title', at);
  const caption = text(raw.caption, where, 'caption', at);
  const figures: Record<string, FigureSpec> = {};
  if (raw.figures !== undefined) {
    if (!isObject(raw.figures)) at(where, 'field "figures" must be an object of named figures');
    else
      for (const [name, spec] of Object.entries(raw.figures)) {
        const parsed = parseFigure(spec, ctx);
        if (typeof parsed === 'string') at(where, `field "figures.${name}" ${parsed}`);
        else figures[name] = parsed;
      }
  }
  const sources = Array.isArray(raw.sources) ? raw.sources : null;
  if (!sources || sources.length === 0 || !sources.every((s) => typeof s === 'string' && ctx.sources.has(s)))
    at(where, 'field "sources" must list at least one source id of data/sources.csv');
  const question = raw.question === undefined ? undefined : text(raw.question, where, 'question', at);
  const answer = raw.answer === undefined ? undefined : text(raw.answer, where, 'answer', at);
  if ((question === undefined) !== (answer === undefined)) at(where, 'fields "question" and "answer" go together');
  if (raw.forecast !== undefined && typeof raw.forecast !== 'boolean')
    at(where, 'field "forecast" must be true or false');
  // Every {placeholder} of every text must name a figure of the step.
  for (const t of [caption, question, answer])
    for (const lang of LANGS)
      for (const [, name] of (t?.[lang] ?? '').matchAll(/\{(\w+)\}/g))
        if (!(name! in figures))
          at(where, `field "caption"/"answer" (${lang}) uses {${name}}, which is not in "figures"`);
  if (errors.length > before) return null;
  return {
    id: id!,
    year: year!,
    measure: measure!,
    camera: camera!,
    highlight: highlight as string[],
    flows: flows!,
    title: title!,
    caption: caption!,
    figures,
    sources: sources as string[],
    ...(question ? { question, answer: answer! } : {}),
    ...(raw.forecast ? { forecast: true } : {}),
  };
}

function parseFigure(spec: unknown, ctx: StoryContext): FigureSpec | string {
  if (!isObject(spec)) return 'must be an object with a "kind"';
  const year = integer(spec.year, ctx.yearRange[0], ctx.yearRange[1]);
  const measure = (MEASURE_IDS as readonly unknown[]).includes(spec.measure) ? (spec.measure as MeasureId) : null;
  const regions =
    Array.isArray(spec.regions) &&
    spec.regions.length > 0 &&
    spec.regions.every((r) => typeof r === 'string' && ctx.regions.has(r))
      ? (spec.regions as string[])
      : null;
  switch (spec.kind) {
    case 'fact':
      return typeof spec.fact === 'string' && ctx.facts.has(spec.fact)
        ? { kind: 'fact', fact: spec.fact }
        : 'names an unknown fact (data/facts.csv)';
    case 'enbek':
      return ['year', 'period', 'unit', 'measure'].every((k) => typeof spec[k] === 'string')
        ? {
            kind: 'enbek',
            year: String(spec.year),
            period: String(spec.period),
            unit: String(spec.unit),
            measure: String(spec.measure),
          }
        : 'needs "year", "period", "unit" and "measure" as text';
    case 'sum':
      return year !== null && measure && regions
        ? { kind: 'sum', measure, year, regions }
        : 'needs "measure", "year" and "regions"';
    case 'share':
      return year !== null && regions ? { kind: 'share', year, regions } : 'needs "year" and "regions"';
    case 'density':
      return year !== null && (spec.group === 'north' || spec.group === 'south')
        ? { kind: 'density', group: spec.group, year }
        : 'needs "year" and "group" (north or south)';
    case 'ratio':
      return year !== null ? { kind: 'ratio', year } : 'needs "year"';
    case 'extreme':
      return year !== null &&
        typeof spec.measure === 'string' &&
        FLOW_MEASURES.includes(spec.measure) &&
        (spec.which === 'min' || spec.which === 'max')
        ? { kind: 'extreme', measure: spec.measure as FlowMeasure, year, which: spec.which }
        : 'needs "measure" (net, arrivals or departures), "year" and "which" (min or max)';
    case 'external':
      return year !== null &&
        typeof spec.partner === 'string' &&
        (spec.direction === 'immigrants' || spec.direction === 'emigrants')
        ? { kind: 'external', year, partner: spec.partner, direction: spec.direction }
        : 'needs "year", "partner" and "direction" (immigrants or emigrants)';
    case 'russia':
      return year !== null && (spec.direction === 'arrivals_from_kz' || spec.direction === 'departures_to_kz')
        ? { kind: 'russia', year, direction: spec.direction }
        : 'needs "year" and "direction" (arrivals_from_kz or departures_to_kz)';
    case 'kandas':
      return year !== null && typeof spec.period === 'string'
        ? { kind: 'kandas', year, period: spec.period }
        : 'needs "year" and "period"';
    default:
      return 'has an unknown "kind"';
  }
}

function parseCamera(raw: unknown): Camera | null {
  if (!isObject(raw)) return null;
  const { lon, lat, zoom } = raw;
  const ok =
    typeof lon === 'number' &&
    typeof lat === 'number' &&
    typeof zoom === 'number' &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 85 &&
    zoom >= 0 &&
    zoom <= 22;
  return ok ? { lon, lat, zoom } : null;
}

function parseFlows(raw: unknown): StoryStep['flows'] | null {
  if (raw === undefined) return { topN: 50, minFlow: 0, external: false };
  if (!isObject(raw)) return null;
  const topN = raw.topN === null ? null : integer(raw.topN ?? 50, 1, 380);
  const minFlow = integer(raw.minFlow ?? 0, 0, 1_000_000);
  const external = raw.external ?? false;
  if ((topN === null && raw.topN !== null) || minFlow === null || typeof external !== 'boolean') return null;
  return { topN, minFlow, external };
}

function text(raw: unknown, where: string, field: string, at: (w: string, m: string) => void): Text | undefined {
  if (
    !isObject(raw) ||
    !LANGS.every((l) => typeof raw[l] === 'string' && raw[l].trim() !== '' && raw[l].length <= MAX_TEXT)
  ) {
    at(where, `field "${field}" must give non-empty text (at most ${MAX_TEXT} characters) for ${LANGS.join(', ')}`);
    return undefined;
  }
  return { en: raw.en as string, ru: raw.ru as string, kk: raw.kk as string };
}

const integer = (v: unknown, min: number, max: number): number | null =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
