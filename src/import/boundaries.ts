/**
 * User boundaries: a GeoJSON FeatureCollection (or one Feature or Geometry)
 * or a TopoJSON topology, checked feature by feature and joined to region
 * codes by a property the user picks. Pure: no DOM.
 *
 * Each feature's geometry is checked in geometry-checks.ts.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { BoundaryIssueCode, ProblemParams } from './problems';
import type { NameCount } from './validate-rows';
import type { RegionMatcher } from './region-matcher';
import { resolveNames, type NameDecision } from './resolve';
import { geometryProblems } from './geometry-checks';

export { findSelfIntersection, geometryProblems } from './geometry-checks';

export { MAX_BOUNDARY_BYTES } from './limits';

export type { BoundaryIssueCode } from './problems';

export interface BoundaryIssue {
  file: string;
  /** 1-based line where the feature starts (0: not known, or the file as a whole). */
  line: number;
  code: BoundaryIssueCode;
  /** params.feature: the 1-based feature number (0 for the file as a whole). */
  params: ProblemParams;
  /** 1-based feature number; 0 for the file as a whole. */
  feature: number;
}

export type Properties = Record<string, unknown>;

export interface ParsedBoundaries {
  file: string;
  format: 'geojson' | 'topojson' | null;
  /** TopoJSON: every object in the topology, and the one read. */
  objects: string[];
  object: string | null;
  features: Feature<Geometry | null, Properties>[];
  /** 1-based line where each feature starts in the file (0 when not known). */
  lines: number[];
  /** Per feature: its geometry passed every check. */
  geometryValid: boolean[];
  /** Properties present (non-empty) in every feature, best join candidates first. */
  candidates: JoinCandidate[];
  issues: BoundaryIssue[];
}

export interface JoinCandidate {
  property: string;
  /** Distinct values. */
  distinct: number;
  /** Features whose value the matcher maps to a unit (0 without a matcher). */
  matched: number;
  /** A few values, for the picker. */
  sample: string[];
}

export interface RegionFeatureProperties {
  unit_code: string;
  /** The joined property's value as text. */
  join_value: string;
}

export interface JoinedBoundaries {
  property: string;
  collection: FeatureCollection<Polygon | MultiPolygon, RegionFeatureProperties>;
  /** Geometry issues plus the join's: missing property, unknown or ambiguous region, duplicate region. */
  issues: BoundaryIssue[];
  unmatched: (NameCount & { candidates: string[] })[];
  /** Names of two units decided by the other features' names ("Almaty" beside "Almaty city"). */
  decisions: NameDecision[];
  featuresRead: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property value usable for a join: a non-empty string or a finite number, as text. */
function joinText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * The line where each element of the array at `path` starts (path segments
 * are object keys, '*' an array element). One pass over the text; JSON.parse
 * gives no positions.
 */
export function elementLines(text: string, path: readonly string[]): number[] {
  const target = path.join('\u0000');
  const lines: number[] = [];
  interface Frame {
    array: boolean;
    path: string;
    key: string;
    expectKey: boolean;
  }
  const stack: Frame[] = [];
  let line = 1;
  const valueStarts = () => {
    const top = stack[stack.length - 1];
    const segment = !top ? '' : top.array ? '*' : top.key;
    const p = !top ? '' : top.path === '' ? segment : `${top.path}\u0000${segment}`;
    if (p === target) lines.push(line);
    return p;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 32 || c === 9 || c === 13) continue;
    else if (c === 34) {
      // a string: a key, or a value
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) top.key = JSON.parse(text.slice(i, j + 1)) as string;
      else valueStarts();
      i = j;
    } else if (c === 123 || c === 91) {
      const p = valueStarts();
      stack.push({ array: c === 91, path: p, key: '', expectKey: c === 123 });
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 58) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top && !top.array) top.expectKey = true;
    } else {
      valueStarts();
      while (i + 1 < text.length && !/[,\]}\s]/.test(text[i + 1]!)) i++;
    }
  }
  return lines;
}

/** Properties present in every feature, the ones the matcher recognises most first. */
export function joinCandidates(
  features: readonly Feature<Geometry | null, Properties>[],
  matcher?: RegionMatcher,
): JoinCandidate[] {
  if (features.length === 0) return [];
  const names = Object.keys(features[0]!.properties ?? {});
  const candidates: JoinCandidate[] = [];
  for (const property of names) {
    const values: string[] = [];
    for (const f of features) {
      const v = joinText((f.properties ?? {})[property]);
      if (v === null) break;
      values.push(v);
    }
    if (values.length !== features.length) continue;
    const matched = matcher ? values.filter((v) => { const r = matcher.match(v); return r !== null && 'code' in r; }).length : 0; // prettier-ignore
    candidates.push({ property, distinct: new Set(values).size, matched, sample: values.slice(0, 3) });
  }
  return candidates.sort(
    (a, b) => b.matched - a.matched || b.distinct - a.distinct || a.property.localeCompare(b.property),
  );
}

/** Parses and checks a boundaries file. Never throws: an unreadable file yields no features and the reason. */
export function parseBoundaries(
  text: string,
  file: string,
  options: { object?: string; matcher?: RegionMatcher } = {},
): ParsedBoundaries {
  const result: ParsedBoundaries = {
    file, format: null, objects: [], object: null, features: [], lines: [], geometryValid: [], candidates: [], issues: [],
  }; // prettier-ignore
  const fileIssue = (code: BoundaryIssueCode, params: ProblemParams) => {
    result.issues.push({ file, line: 0, feature: 0, code, params: { ...params, feature: 0 } });
    return result;
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    return fileIssue('not_json', { detail: (e as Error).message.slice(0, 120) });
  }
  if (!isObject(json)) return fileIssue('not_geojson', { reason: 'neither' });
  let features: unknown[];
  let path: string[] = [];
  if (json.type === 'Topology') {
    result.format = 'topojson';
    if (!isObject(json.objects) || !Array.isArray(json.arcs)) return fileIssue('not_geojson', { reason: 'no_objects' });
    const objects = json.objects;
    result.objects = Object.keys(objects);
    // By default the object with the most areas, so a file with boundaries and points still works.
    const areas = (name: string) => {
      const o = objects[name];
      return isObject(o) && Array.isArray(o.geometries) ? o.geometries.length : 1;
    };
    const name = options.object ?? [...result.objects].sort((a, b) => areas(b) - areas(a))[0];
    if (name === undefined || !(name in objects))
      return fileIssue('not_geojson', { reason: 'no_object', value: (name ?? '').slice(0, 60) });
    result.object = name;
    try {
      const converted = topoFeature(json as unknown as Topology, objects[name] as never) as unknown as
        FeatureCollection | Feature;
      features = converted.type === 'FeatureCollection' ? converted.features : [converted];
    } catch (e) {
      return fileIssue('not_geojson', { reason: 'topojson', detail: (e as Error).message.slice(0, 120) });
    }
    path = ['objects', name, 'geometries', '*'];
  } else if (json.type === 'FeatureCollection') {
    result.format = 'geojson';
    if (!Array.isArray(json.features)) return fileIssue('not_geojson', { reason: 'no_features' });
    features = json.features;
    path = ['features', '*'];
  } else if (json.type === 'Feature') {
    result.format = 'geojson';
    features = [json];
  } else if (typeof json.type === 'string' && 'coordinates' in json) {
    result.format = 'geojson';
    features = [{ type: 'Feature', properties: {}, geometry: json }];
  } else return fileIssue('not_geojson', { reason: 'neither' });

  const lines = path.length ? elementLines(text, path) : [];
  result.lines = lines.length === features.length ? lines : features.map(() => 0);
  features.forEach((raw, i) => {
    const f = isObject(raw) ? raw : {};
    const properties = isObject(f.properties) ? f.properties : {};
    const feature: Feature<Geometry | null, Properties> = {
      type: 'Feature',
      properties,
      geometry: (f.geometry ?? null) as Geometry | null,
    };
    const problems = isObject(raw) ? geometryProblems(f.geometry) : [{ code: 'not_geojson' as const, params: { reason: 'feature_not_object' } }]; // prettier-ignore
    for (const p of problems)
      result.issues.push({
        file,
        line: result.lines[i]!,
        feature: i + 1,
        code: p.code,
        params: { ...p.params, feature: i + 1 },
      });
    result.features.push(feature);
    result.geometryValid.push(problems.every((p) => p.soft));
  });
  result.candidates = joinCandidates(result.features, options.matcher);
  return result;
}

/** Joins the valid features to units by a property; features without a unit, or a second one for a unit, are left out and reported. */
export function joinBoundaries(parsed: ParsedBoundaries, property: string, matcher: RegionMatcher): JoinedBoundaries {
  const issues: BoundaryIssue[] = [...parsed.issues];
  const features: Feature<Polygon | MultiPolygon, RegionFeatureProperties>[] = [];
  const firstFeature = new Map<string, number>();
  const unmatched = new Map<string, { count: number; candidates: string[] }>();
  const issue = (i: number, code: BoundaryIssueCode, params: ProblemParams) =>
    issues.push({
      file: parsed.file,
      line: parsed.lines[i] ?? 0,
      feature: i + 1,
      code,
      params: { ...params, feature: i + 1 },
    });
  // Names of two units are decided by the file's other names, as for tables (resolve.ts).
  const values = parsed.features.map((f) => joinText((f.properties ?? {})[property]));
  const ambiguous = new Map<string, { candidates: string[]; split: boolean; count: number }>();
  const named: { text: string; code: string }[] = [];
  for (const value of values) {
    const m = value === null ? null : matcher.match(value);
    if (m && 'code' in m) named.push({ text: value!, code: m.code });
    else if (m) {
      const a = ambiguous.get(value!) ?? { candidates: m.candidates, split: m.split === true, count: 0 };
      a.count++;
      ambiguous.set(value!, a);
    }
  }
  const { decisions } = resolveNames(
    [...ambiguous].map(([text, a]) => ({ text, ...a })),
    named,
  );
  const decided = new Map(decisions.map((d) => [d.text, d.code]));
  parsed.features.forEach((f, i) => {
    const value = values[i]!;
    if (value === null) return issue(i, 'missing_property', { property: property.slice(0, 60) });
    const code = decided.get(value);
    const match = code ? { code } : matcher.match(value);
    if (!match || !('code' in match)) {
      const candidates = match ? match.candidates : [];
      const entry = unmatched.get(value) ?? { count: 0, candidates };
      entry.count++;
      unmatched.set(value, entry);
      return match
        ? issue(i, 'ambiguous_region', { field: 'region', value: value.slice(0, 60), candidates })
        : issue(i, 'unknown_region', { field: 'region', value: value.slice(0, 60) });
    }
    const first = firstFeature.get(match.code);
    if (first !== undefined)
      return issue(i, 'duplicate_region', { value: value.slice(0, 60), unit: match.code, firstLine: first + 1 });
    if (!parsed.geometryValid[i]) return;
    firstFeature.set(match.code, i);
    features.push({
      type: 'Feature',
      properties: { unit_code: match.code, join_value: value },
      geometry: f.geometry as Polygon | MultiPolygon,
    });
  });
  issues.sort((a, b) => a.feature - b.feature);
  return {
    property,
    collection: { type: 'FeatureCollection', features },
    issues,
    unmatched: [...unmatched].map(([text, v]) => ({ text, ...v })).sort((a, b) => b.count - a.count),
    decisions,
    featuresRead: parsed.features.length,
  };
}
