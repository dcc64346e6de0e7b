/**
 * The benchmark's flow sets: seeded, so that every run draws the same data.
 * About 3,000 locations inside the real polygons of Kazakhstan and the Russian
 * border subjects (geo/regions.topojson), each with a size drawn from a heavy
 * tail; flows between them over 20 years, every origin–destination pair at most
 * once a year, counts heavy-tailed as real migration is. Plus the real data
 * (the built-in inter-regional flows at the units' centres) in the same format.
 *
 * Binary layout of a flow set (little endian): count Float32 × n, origin
 * Uint32 × n, destination Uint32 × n, year Uint16 × n. Locations: JSON
 * { lon: number[], lat: number[] }.
 */
import { booleanPointInPolygon, bbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readTableTexts } from '../../data/read-tables';
import { flowSet, internalArcs } from '../../src/core/arcs';
import type { FlowTable } from '../../src/core/flow-columns';
import { loadDataset } from '../../src/core/load';
import { readRegions } from '../../geo/read-regions';

export const YEARS = Array.from({ length: 20 }, (_, i) => 2005 + i);
export const LOCATION_COUNT = 3000;

/** mulberry32: small, fast and good enough for test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Locations {
  lon: number[];
  lat: number[];
}

/** Points inside the polygons, each polygon getting a share by its area. */
export function syntheticLocations(count = LOCATION_COUNT, seed = 1): Locations {
  const regions = readRegions('kz2000');
  const rnd = random(seed);
  const features = regions.features as Feature<Polygon | MultiPolygon, { area_km2: number }>[];
  const totalArea = features.reduce((s, f) => s + f.properties.area_km2, 0);
  const out: Locations = { lon: [], lat: [] };
  features.forEach((f, k) => {
    // Largest remainder would be exact; rounding and a final top-up keep it simple and seeded.
    const want =
      k === features.length - 1 ? count - out.lon.length : Math.round((count * f.properties.area_km2) / totalArea);
    const [x0, y0, x1, y1] = bbox(f);
    for (let placed = 0; placed < want;) {
      const p: [number, number] = [x0 + rnd() * (x1 - x0), y0 + rnd() * (y1 - y0)];
      if (!booleanPointInPolygon(p, f)) continue;
      out.lon.push(Math.round(p[0] * 1e4) / 1e4);
      out.lat.push(Math.round(p[1] * 1e4) / 1e4);
      placed++;
    }
  });
  return out;
}

/** `total` flows spread evenly over the 20 years. */
export function syntheticFlows(total: number, locationCount = LOCATION_COUNT, seed = 2): FlowTable {
  const rnd = random(seed + total);
  // Location sizes from a Pareto tail: a few large places send and receive most people.
  const size = Array.from({ length: locationCount }, () => Math.pow(1 - rnd(), -1 / 1.2));
  const cumulative = new Float64Array(locationCount);
  size.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const sum = cumulative[locationCount - 1]!;
  const pick = () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = locationCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const table: FlowTable = {
    length: total,
    origin: new Uint32Array(total),
    destination: new Uint32Array(total),
    year: new Uint16Array(total),
    count: new Float32Array(total),
  };
  let i = 0;
  YEARS.forEach((year, k) => {
    const want = Math.floor(((k + 1) * total) / YEARS.length) - Math.floor((k * total) / YEARS.length);
    const seen = new Set<number>();
    while (seen.size < want) {
      const o = pick();
      const d = pick();
      if (o === d || seen.has(o * locationCount + d)) continue;
      seen.add(o * locationCount + d);
      table.origin[i] = o;
      table.destination[i] = d;
      table.year[i] = year;
      // Log-normal around the two places' sizes: mostly a handful of people, sometimes thousands.
      const gauss = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
      table.count[i] = Math.max(1, Math.round(Math.exp(1 + 1.2 * gauss) * Math.sqrt(size[o]! * size[d]!)));
      i++;
    }
  });
  return table;
}

/** The built-in inter-regional flows (every year the data has), units at their centres. */
export function realFlows(): { locations: Locations; table: FlowTable } {
  const { model } = loadDataset(readTableTexts());
  // The table the app makes of the real flows (src/core/arcs.ts flowSet), locations and all.
  const { set } = flowSet(internalArcs(model), (code) => model.units.get(code)?.centre);
  return {
    locations: {
      lon: Array.from({ length: set.codes.length }, (_, i) => set.locations[i * 2]!),
      lat: Array.from({ length: set.codes.length }, (_, i) => set.locations[i * 2 + 1]!),
    },
    table: set.table,
  };
}

export function encodeFlows(t: FlowTable): Buffer {
  const n = t.length;
  const buf = Buffer.alloc(n * 14);
  Buffer.from(t.count.buffer, t.count.byteOffset, n * 4).copy(buf, 0);
  Buffer.from(t.origin.buffer, t.origin.byteOffset, n * 4).copy(buf, n * 4);
  Buffer.from(t.destination.buffer, t.destination.byteOffset, n * 4).copy(buf, n * 8);
  Buffer.from(t.year.buffer, t.year.byteOffset, n * 2).copy(buf, n * 12);
  return buf;
}
