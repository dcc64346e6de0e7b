/**
 * Colour scales for the choropleth (d3-scale + colour-blind-safe d3 schemes).
 * Sequential for magnitudes, diverging around zero for net values; skewed
 * measures use log/symlog/sqrt so that oblasts and big cities both read.
 * Population and density are in classes of about equally many figures
 * (quantiles): on a log scale from 1 to 10,000 every Kazakh region fell into
 * its palest tenth (the cities are a thousand times denser), so north and
 * south looked alike on a projector.
 */
import { color as parseColor } from 'd3-color';
import {
  scaleDivergingSymlog,
  scaleLinear,
  scaleLog,
  scaleQuantile,
  scaleSequential,
  scaleSequentialLog,
  scaleSequentialSqrt,
  scaleThreshold,
} from 'd3-scale';
import { interpolateBrBG, interpolateYlGnBu } from 'd3-scale-chromatic';
import type { MeasureId } from './measures';

export type Rgba = [number, number, number, number];

export interface ColourScale {
  measure: MeasureId;
  kind: 'sequential' | 'diverging';
  /** 'classes': quantile classes, one colour each; their bounds are the ticks. */
  transform: 'linear' | 'log' | 'sqrt' | 'symlog' | 'classes';
  domain: [number, number] | [number, number, number];
  /** Values the legend labels, in ascending order. */
  ticks: number[];
  /** The number of colour classes ('classes' only). */
  classes?: number;
  colour(value: number): Rgba;
}

/** Colour of a polygon without a figure (a gap, never a colour of the scale). */
export const NO_DATA: Rgba = [200, 200, 200, 255];

const toRgba = (css: string): Rgba => {
  const c = parseColor(css)!.rgb();
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b), 255];
};

/**
 * The YlGnBu scheme's first colours are nearly white; starting at 0.12 keeps
 * the lowest values distinguishable from the pale basemap and the no-data grey.
 */
const sequentialScheme = (t: number) => interpolateYlGnBu(0.12 + 0.88 * t);
/** BrBG: brown for losses, blue-green for gains; both ends colour-blind safe. */
const divergingScheme = interpolateBrBG;

const TRANSFORM: Record<MeasureId, ColourScale['transform']> = {
  population: 'classes',
  density: 'classes',
  change: 'symlog',
  net: 'symlog',
  netRate: 'symlog',
  arrivals: 'sqrt',
  departures: 'sqrt',
  custom: 'linear',
};

/** Symlog's linear zone: about the smallest difference worth telling apart. */
const SYMLOG_CONSTANT: Partial<Record<MeasureId, number>> = { change: 1000, net: 500, netRate: 1 };

/** Builds the scale of a measure over the given values (all years for a fixed scale, one year otherwise). */
export function makeScale(measure: MeasureId, values: readonly number[]): ColourScale {
  const transform = TRANSFORM[measure];
  const finite = values.filter(Number.isFinite);
  if (transform === 'classes') return classScale(measure, finite);
  if (transform === 'symlog') {
    const extent = niceCeil(Math.max(1, ...finite.map(Math.abs)));
    // @types/d3-scale omits constant() on diverging symlog scales, though d3 has it.
    const s = scaleDivergingSymlog(divergingScheme).domain([-extent, 0, extent]).clamp(true) as ReturnType<
      typeof scaleDivergingSymlog<string>
    > & { constant(k: number): unknown };
    s.constant(SYMLOG_CONSTANT[measure] ?? 1);
    return {
      measure,
      kind: 'diverging',
      transform,
      domain: [-extent, 0, extent],
      ticks: symlogTicks(extent, SYMLOG_CONSTANT[measure] ?? 1),
      colour: (v) => toRgba(s(v)),
    };
  }
  if (transform === 'log') {
    const positive = finite.filter((v) => v > 0);
    const lo = positive.length ? Math.min(...positive) : 1;
    const hi = positive.length ? Math.max(...positive) : 10;
    const domain: [number, number] = [niceFloorLog(lo), niceCeilLog(hi)];
    const s = scaleSequentialLog(sequentialScheme).domain(domain).clamp(true);
    const ticks = scaleLog()
      .domain(domain)
      .ticks(4)
      .filter((t) => /^[125]/.test(String(t)));
    return { measure, kind: 'sequential', transform, domain, ticks: thin(ticks, 6), colour: (v) => toRgba(s(v)) };
  }
  if (finite.some((v) => v < 0)) {
    // Imported figures with losses and gains: linear, diverging around zero.
    const extent = niceCeil(Math.max(...finite.map(Math.abs)));
    const s = scaleLinear().domain([-extent, 0, extent]).range([0, 0.5, 1]).clamp(true);
    return {
      measure,
      kind: 'diverging',
      transform: 'linear',
      domain: [-extent, 0, extent],
      ticks: [-extent, -extent / 2, 0, extent / 2, extent],
      colour: (v) => toRgba(divergingScheme(s(v))),
    };
  }
  const hi = niceCeil(Math.max(1, ...finite));
  const domain: [number, number] = [0, hi];
  const s = (transform === 'sqrt' ? scaleSequentialSqrt(sequentialScheme) : scaleSequential(sequentialScheme))
    .domain(domain)
    .clamp(true);
  const ticks = transform === 'sqrt' ? [0, hi / 16, hi / 4, hi].map(niceRound) : scaleLinear().domain(domain).ticks(5);
  return { measure, kind: 'sequential', transform, domain, ticks, colour: (v) => toRgba(s(v)) };
}

/** Colour classes, few enough to tell apart on a washed-out projector. */
export const CLASS_COUNT = 7;

/**
 * Quantile classes: bounds where the sorted figures pass each seventh, rounded
 * to two significant digits (a bound shared by two classes after rounding
 * merges them). The lowest class starts at the smallest figure, the highest
 * ends at the largest.
 */
function classScale(measure: MeasureId, finite: number[]): ColourScale {
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const quantiles = finite.length
    ? scaleQuantile()
        .domain(finite)
        .range(Array.from({ length: CLASS_COUNT }, (_, i) => i))
        .quantiles()
    : [];
  const bounds: number[] = [];
  for (const q of quantiles) {
    const bound = Number(q.toPrecision(2));
    if (bound > lo && bound < hi && bound > (bounds[bounds.length - 1] ?? -Infinity)) bounds.push(bound);
  }
  const classes = bounds.length + 1;
  const colours = Array.from({ length: classes }, (_, i) => sequentialScheme(classes < 2 ? 0.5 : i / (classes - 1)));
  const s = scaleThreshold<number, string>().domain(bounds).range(colours);
  return {
    measure,
    kind: 'sequential',
    transform: 'classes',
    domain: [lo, Math.max(hi, lo)],
    ticks: bounds,
    classes,
    colour: (v) => toRgba(s(v)),
  };
}

/** Position (0..1) of a value along the legend bar, matching the scale's transform. */
export function legendPosition(scale: ColourScale, value: number): number {
  const [a, b, c] = scale.domain;
  if (scale.transform === 'classes') {
    // Each class takes an equal part of the bar; within it, the value's place between the class's bounds.
    const bounds = [a, ...scale.ticks, b!];
    const n = bounds.length - 1;
    const k = Math.max(0, Math.min(n - 1, scale.ticks.filter((t) => t <= value).length));
    const [from, to] = [bounds[k]!, bounds[k + 1]!];
    const within = to > from ? Math.max(0, Math.min(1, (value - from) / (to - from))) : 0;
    return (k + within) / n;
  }
  if (scale.transform === 'symlog') {
    const k = SYMLOG_CONSTANT[scale.measure] ?? 1;
    const f = (x: number) => Math.sign(x) * Math.log1p(Math.abs(x) / k);
    return (f(value) - f(a)) / (f(c!) - f(a));
  }
  const s =
    scale.transform === 'log'
      ? scaleLog().domain([a, b])
      : scale.transform === 'sqrt'
        ? scaleLinear().domain([Math.sqrt(a), Math.sqrt(b)])
        : scaleLinear().domain([a, b]);
  return s.clamp(true)(scale.transform === 'sqrt' ? Math.sqrt(value) : value);
}

/** Colours along a legend bar, left to right (for classes: one per class, each an equal part of the bar). */
export function legendStops(scale: ColourScale, n = 32): Rgba[] {
  if (scale.transform === 'classes') return [scale.domain[0], ...scale.ticks].map((lower) => scale.colour(lower));
  const stops: Rgba[] = [];
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    stops.push(scale.kind === 'diverging' ? toRgba(divergingScheme(t)) : toRgba(sequentialScheme(t)));
  }
  return stops;
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}
const niceRound = (v: number): number => {
  if (v === 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return Math.round(v / p) * p;
};
const niceFloorLog = (v: number) => 10 ** Math.floor(Math.log10(v));
const niceCeilLog = (v: number) => 10 ** Math.ceil(Math.log10(v));

function symlogTicks(extent: number, constant: number): number[] {
  const positive: number[] = [];
  for (let t = extent; t >= constant * 2 && positive.length < 3; t /= 10) positive.unshift(niceRound(t));
  return [...positive.map((t) => -t).reverse(), 0, ...positive];
}

function thin(ticks: number[], max: number): number[] {
  if (ticks.length <= max) return ticks;
  const step = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => i % step === 0);
}
