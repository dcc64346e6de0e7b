/**
 * Measures the point-data core of issue 15 (a script, not timed tests):
 *
 * 1. Import of a FlowmapBlue-style pair of files: 3,000 places inside the real
 *    polygons and 1,000,000 flows over 20 years (tests/bench/synthetic.ts's
 *    generators, the benchmark's own sets), through importPoints (streamed
 *    read, validation, point in polygon, region flows, clustering, level
 *    sums), in a child process so that its peak memory is its own; against
 *    today's 1-million-row region import (import-bench.ts's file, importTable)
 *    in the same run. CPU time is reported beside wall-clock time: on a
 *    machine shared with other work, CPU time is what compares.
 * 2. Bytes held in typed arrays: per cluster level and in total.
 * 3. A zoom that changes the cluster level: the worker (worker_threads, the
 *    app's PointsWorkerState) lays the level out and transfers it; measured
 *    is the main thread's busy time per change (event-loop utilisation while
 *    waiting: receiving the message and taking the arrays), and the worker's.
 * 4. Clustering against supercluster 9 and @flowmap.gl/data's
 *    clusterLocations (both on kdbush), and flow sums per level against
 *    flowmap.gl's ClusterIndex.aggregateFlows; 3,000 and 100,000 places.
 * 5. Point in polygon against turf's booleanPointInPolygon (with a box check
 *    first): 3,000 and 100,000 places.
 *
 * Run: npx tsx tests/bench/points-bench.ts (POINTS_BENCH_FLOWS=100000 for a
 * quicker run, POINTS_BENCH_BASELINE=0 to skip today's import). Writes
 * bench/points-results.md.
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance as nodePerformance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { bbox, booleanPointInPolygon } from '@turf/turf';
// The cluster modules alone: the package's index pulls in modules that do not load in Node.
import { buildIndex } from '@flowmap.gl/data/dist/cluster/ClusterIndex.js';
import { clusterLocations } from '@flowmap.gl/data/dist/cluster/cluster.js';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import Supercluster from 'supercluster';
import { REPO_ROOT } from '../../data/read-tables';
import { readRegions } from '../../geo/read-regions';
import { topSlice } from '../../src/core/flow-columns';
import { clusterPlaces, hierarchyBytes } from '../../src/core/points/clusters';
import { LevelStore, levelFlows, preparedBytes, type PreparedLevel } from '../../src/core/points/level-flows';
import { sumFlows, tableBytes, type PointFlowTable } from '../../src/core/points/point-flows';
import { placeWeights } from '../../src/core/points/places';
import { createRegionIndex } from '../../src/core/points/region-index';
import { importPoints } from '../../src/import/points/point-import';
import type { PointsResponse } from '../../src/import/points/points-worker-handler';
import { transferables } from '../../src/import/worker-handler';
import { importTable } from '../../src/import/import-core';
import { loadUnits } from '../../src/import/test-support';
import { generate as generateRegionFile } from './import-bench';
import { pairRequest } from './points-worker';
import { random, syntheticFlows, syntheticLocations, YEARS } from './synthetic';

const FLOWS = Number(process.env.POINTS_BENCH_FLOWS ?? 1_000_000);
const BASELINE = process.env.POINTS_BENCH_BASELINE !== '0';
const TOP_N = 5000;
const THIS_FILE = fileURLToPath(import.meta.url);
const regions = readRegions('kz2000') as FeatureCollection<Polygon | MultiPolygon>;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const MB = (bytes: number) => bytes / 1048576;
const f1 = (v: number) => v.toFixed(1);
const f2 = (v: number) => v.toFixed(2);
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
/** Median CPU time (ms) of a function over runs: on a shared machine wall-clock time says more about the others. */
function time(fn: () => void, runs = 3): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) / 1000);
  }
  return quantile(t, 0.5);
}

/** Typed-array bytes reachable from a value, each buffer once (levels share the places' flows). */
function bytesHeld(value: unknown): number {
  const buffers = new Set<ArrayBufferLike>();
  const seen = new Set<unknown>();
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) return void buffers.add(v.buffer);
    if (v instanceof Map) return void [...v.values()].forEach(visit);
    if (Array.isArray(v)) return void (v.length > 0 && typeof v[0] === 'object' && v.forEach(visit));
    Object.values(v).forEach(visit);
  };
  visit(value);
  let n = 0;
  for (const b of buffers) n += b.byteLength;
  return n;
}

async function writeFiles(dir: string): Promise<{ locations: string; flows: string; bytes: number }> {
  const locs = syntheticLocations();
  const locations = join(dir, 'locations.csv');
  writeFileSync(locations, `id,name,lat,lon\n${locs.lon.map((lon, i) => `p${i},Place ${i},${locs.lat[i]},${lon}`).join('\n')}\n`); // prettier-ignore
  const table = syntheticFlows(FLOWS, locs.lon.length);
  const flows = join(dir, 'flows.csv');
  const out = createWriteStream(flows);
  const write = (text: string) => new Promise<void>((r) => (out.write(text) ? r() : out.once('drain', () => r())));
  await write('origin,dest,count,time\n');
  for (let start = 0; start < table.length; start += 20_000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(table.length, start + 20_000); i++)
      lines.push(`p${table.origin[i]},p${table.destination[i]},${table.count[i]},${table.year[i]}`);
    await write(lines.join('\n') + '\n');
  }
  await new Promise<void>((r) => out.end(r));
  return { locations, flows, bytes: statSync(locations).size + statSync(flows).size };
}

interface ImportSide {
  seconds: number;
  /** CPU time of the process (all its threads), s. */
  cpuSeconds: number;
  timings: Record<string, number>;
  maxRssMB: number;
  peakHeapMB: number;
  peakArrayBuffersMB: number;
  heldMB: number;
  places: number;
  rowsValid: number;
  issueCount: number;
  issuesByCode: Record<string, number>;
  regionFlows: number;
  unassignedPeople: number;
  /** Per level: first visit (sum of its flows, sort, layout of the top 5,000 a year), a later visit (layout only). */
  levels: { minZoom: number; maxZoom: number; clusters: number; flows: number; within: number; flowBytes: number; clusterBytes: number; firstMs: number; againMs: number; preparedBytes: number }[]; // prettier-ignore
  maxRssWithLevelsMB: number;
  bytes: { places: number; flows: number; regionFlows: number; hierarchy: number; levels: number; result: number; store: number }; // prettier-ignore
}

/** The child's side: one import, its phases, peak memory and what it holds; then every level visited once and again. */
async function runImportSide(locations: string, flows: string): Promise<ImportSide> {
  let peakHeap = 0;
  let peakArrayBuffers = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await importPoints(pairRequest(locations, flows), { onProgress: sample });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  sample();
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  const heldMB = MB(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
  const store = new LevelStore(result.hierarchy, result.flows);
  const n = result.hierarchy.levels.length;
  const visit = (k: number) => {
    const t = performance.now();
    const prepared = store.prepare(k, TOP_N);
    return { ms: performance.now() - t, bytes: preparedBytes(prepared) };
  };
  // Zooming in from the coarsest level, as a first view does.
  const first = Array.from({ length: n }, (_, k) => visit(k));
  const again = Array.from({ length: n }, (_, k) => visit(k));
  const levels = result.hierarchy.levels.map((l, k) => {
    const lf = store.levelFlows(k);
    return {
      minZoom: l.minZoom,
      maxZoom: l.maxZoom,
      clusters: l.length,
      flows: lf.flows.length,
      within: lf.within.length,
      // The places' level holds the import's flows themselves: counted once, under "flows".
      flowBytes: k === n - 1 ? 0 : tableBytes(lf.flows) + tableBytes(lf.within),
      clusterBytes: bytesHeld(l),
      firstMs: first[k]!.ms,
      againMs: again[k]!.ms,
      preparedBytes: first[k]!.bytes,
    };
  });
  const bytes = {
    places: bytesHeld(result.places) + bytesHeld(result.placeRegions),
    flows: tableBytes(result.flows),
    regionFlows: bytesHeld(result.regionFlows),
    hierarchy: hierarchyBytes(result.hierarchy),
    levels: levels.reduce((s, l) => s + l.flowBytes, 0),
    result: bytesHeld(result),
    store: store.bytes(),
  };
  let unassigned = 0;
  for (const u of result.regionFlows.unassigned.values()) unassigned += u.people;
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    timings: result.timings,
    maxRssMB,
    peakHeapMB: MB(peakHeap),
    peakArrayBuffersMB: MB(peakArrayBuffers),
    heldMB,
    places: result.places.length,
    rowsValid: result.flowTable?.rowsValid ?? 0,
    issueCount: result.issueCount,
    issuesByCode: Object.fromEntries(Object.entries(result.issuesByCode).filter(([, c]) => c > 0)),
    regionFlows: result.regionFlows.columns.length,
    unassignedPeople: unassigned,
    levels,
    maxRssWithLevelsMB: process.resourceUsage().maxRSS / 1024,
    bytes,
  };
}

interface RegionImportSide {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  rowsValid: number;
}

/** Today's region import (import-bench.ts's file and request, the worker's path), CPU time and peak memory. */
async function runRegionImportSide(path: string): Promise<RegionImportSide> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const result = await importTable(createReadStream(path), {
    kind: 'flows',
    mapping: { origin: 0, destination: 1, year: 2, period: 3, count: 4 },
    units: loadUnits(),
    datasetId: 'user-bench',
    fileName: 'bench.csv',
  });
  const cpu = process.cpuUsage(c0);
  return {
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    rowsValid: result.summary.rowsValid,
  };
}

function runChild<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on(
      'exit',
      (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T) : reject(new Error(`${args[0]} exited ${code}`)), // prettier-ignore
    );
  });
}

/** CPU time the main thread has run, in ms (Linux: /proc's schedstat, nanoseconds); NaN elsewhere. */
function mainThreadCpu(): number {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

interface SwitchSide {
  levelCount: number;
  /** Main thread's CPU time per change (ms): what the change costs it, whatever else the machine runs. */
  mainCpu: number[];
  /** Main thread's busy time per level change (ms), the worker's layout time, the round trip. */
  main: number[];
  inWorker: number[];
  roundTrip: number[];
  firstMain: number[];
  firstInWorker: number[];
  /** Copying the largest level's message through structuredClone with its buffers transferred, on one thread: median and minimum over 21 runs. */
  cloneMedian: number;
  cloneMin: number;
}

/**
 * Level changes through a worker, in a process of their own that holds no
 * more than a page would: the import runs in the worker, then the main
 * thread asks for levels as a zoom sweep would, keeping the shown level and
 * dropping the others (the worst case: every change receives its level).
 */
async function runSwitchSide(locations: string, flows: string): Promise<SwitchSide> {
  const url = new URL('./points-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`,
    { eval: true },
  );
  let waiting: ((m: PointsResponse) => void) | null = null;
  worker.on('message', (m: PointsResponse) => {
    if (m.type !== 'progress') waiting?.(m);
  });
  const ask = (message: unknown) =>
    new Promise<PointsResponse>((resolve) => {
      waiting = resolve;
      worker.postMessage(message);
    });
  const imported = await ask({ type: 'import-files', locations, flows });
  if (imported.type !== 'imported') throw new Error(JSON.stringify(imported));
  const levelCount = imported.result.hierarchy.levels.length;
  let shown: PreparedLevel | null = null;
  const change = async (k: number) => {
    const elu0 = nodePerformance.eventLoopUtilization();
    const cpu0 = mainThreadCpu();
    const t0 = performance.now();
    const m = await ask({ type: 'level', level: k, topN: TOP_N });
    if (m.type !== 'level') throw new Error(JSON.stringify(m));
    // What the page does before making layers: keep the level, find the shown year's top slice.
    shown = m.prepared;
    topSlice(shown.flows.slices, YEARS[YEARS.length - 1]!, TOP_N);
    return { main: nodePerformance.eventLoopUtilization(elu0).active, cpu: mainThreadCpu() - cpu0, inWorker: m.milliseconds, roundTrip: performance.now() - t0 }; // prettier-ignore
  };
  // First visits: the worker sums each level's flows as the view zooms in.
  const firsts = [];
  for (let k = 0; k < levelCount; k++) firsts.push(await change(k));
  // Then zooming in and out over every level, five times.
  const out: SwitchSide = { levelCount, mainCpu: [], main: [], inWorker: [], roundTrip: [], firstMain: firsts.map((f) => f.main), firstInWorker: firsts.map((f) => f.inWorker), cloneMedian: NaN, cloneMin: NaN }; // prettier-ignore
  for (let round = 0; round < 5; round++)
    for (const k of [
      ...Array.from({ length: levelCount - 1 }, (_, i) => i + 1),
      ...Array.from({ length: levelCount - 1 }, (_, i) => levelCount - 2 - i),
    ]) {
      // prettier-ignore
      const r = await change(k);
      out.main.push(r.main);
      out.mainCpu.push(r.cpu);
      out.inWorker.push(r.inWorker);
      out.roundTrip.push(r.roundTrip);
    }
  // The message's own cost, apart from the threads' scheduling: serialising and reading the largest level once.
  const largest = await ask({ type: 'level', level: levelCount - 1, topN: TOP_N });
  if (largest.type !== 'level') throw new Error(JSON.stringify(largest));
  const clones: number[] = [];
  let message: unknown = largest;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    message = structuredClone(message, { transfer: transferables(message) });
    clones.push(performance.now() - t);
  }
  out.cloneMedian = quantile(clones, 0.5);
  out.cloneMin = Math.min(...clones);
  await worker.terminate();
  return out;
}

/** Points inside the real polygons, fast: rejection sampling against our own index. */
function placesInside(count: number, seed: number): Float64Array {
  const index = createRegionIndex(regions, 'polygon_id');
  const rnd = random(seed);
  const features = regions.features as Feature<Polygon | MultiPolygon, { area_km2: number }>[];
  const total = features.reduce((s, f) => s + f.properties.area_km2, 0);
  const out = new Float64Array(count * 2);
  let n = 0;
  features.forEach((f, k) => {
    const want = k === features.length - 1 ? count - n : Math.round((count * f.properties.area_km2) / total);
    const [x0, y0, x1, y1] = bbox(f);
    for (let placed = 0; placed < want;) {
      const x = x0 + rnd() * (x1 - x0);
      const y = y0 + rnd() * (y1 - y0);
      if (index.locate(x, y) !== k) continue;
      out[n * 2] = x;
      out[n * 2 + 1] = y;
      n++;
      placed++;
    }
  });
  return out;
}

function compareClustering(positions: Float64Array, weights: Float64Array, flows: PointFlowTable | null) {
  const n = weights.length;
  const ours = time(() => clusterPlaces(positions, weights));
  const hierarchy = clusterPlaces(positions, weights);
  const features = Array.from({ length: n }, (_, i) => ({
    type: 'Feature' as const,
    properties: { i, w: weights[i]! },
    geometry: { type: 'Point' as const, coordinates: [positions[i * 2]!, positions[i * 2 + 1]!] },
  }));
  let index: Supercluster | null = null;
  const scLoad = time(() => {
    index = new Supercluster({ minZoom: 2, maxZoom: 8, radius: 40, extent: 512 }).load(features);
  });
  // What we need of each level: the cluster of every place (getLeaves per cluster).
  const scMembership = time(() => {
    for (let z = 2; z <= 8; z++) {
      const clusterOf = new Int32Array(n);
      for (const c of index!.getClusters([-180, -85, 180, 85], z)) {
        const p = c.properties as { cluster?: boolean; cluster_id?: number; i?: number };
        if (p.cluster)
          for (const leaf of index!.getLeaves(p.cluster_id!, Infinity)) clusterOf[(leaf.properties as { i: number }).i] = p.cluster_id!; // prettier-ignore
        else clusterOf[p.i!] = -1;
      }
    }
  }, 1);
  const locations = Array.from({ length: n }, (_, i) => ({
    id: i,
    lon: positions[i * 2]!,
    lat: positions[i * 2 + 1]!,
  }));
  const accessors = { getLocationId: (l: { id: number }) => l.id, getLocationLon: (l: { lon: number }) => l.lon, getLocationLat: (l: { lat: number }) => l.lat }; // prettier-ignore
  let levels: ReturnType<typeof clusterLocations> = [];
  const fm = time(() => {
    levels = clusterLocations(locations, accessors, (id) => weights[id as number]!, { minZoom: 2, maxZoom: 8, radius: 40, extent: 512 }); // prettier-ignore
  });
  const out = {
    places: n,
    ours,
    oursLevels: hierarchy.levels.map((l) => l.length),
    supercluster: scLoad,
    superclusterWithMembership: scLoad + scMembership,
    flowmap: fm,
    flowmapLevels: levels.map((l) => l.nodes.length).reverse(),
    sums: null as null | { ours: number; flowmapAll: number; flowmapOneYear: number },
  };
  if (flows) {
    const oursSums = time(() => levelFlows(hierarchy, flows), 1);
    const rows = Array.from({ length: flows.length }, (_, i) => ({ o: flows.origin[i]!, d: flows.destination[i]!, c: flows.count[i]!, y: flows.year[i]! })); // prettier-ignore
    const year = rows.filter((r) => r.y === YEARS[YEARS.length - 1]);
    const cluster = buildIndex<(typeof rows)[number]>(levels);
    const flowAccessors = { getFlowOriginId: (r: (typeof rows)[number]) => r.o, getFlowDestId: (r: (typeof rows)[number]) => r.d, getFlowMagnitude: (r: (typeof rows)[number]) => r.c }; // prettier-ignore
    const zooms = cluster.availableZoomLevels;
    // flowmap.gl sums one zoom at a time, the flows of the time range shown (years are not kept apart).
    const flowmapAll = time(() => zooms.forEach((z) => cluster.aggregateFlows(rows, z, flowAccessors)), 1);
    const flowmapOneYear = time(() => zooms.forEach((z) => cluster.aggregateFlows(year, z, flowAccessors)), 1);
    out.sums = { ours: oursSums, flowmapAll, flowmapOneYear };
  }
  return out;
}

function comparePointInPolygon(positions: Float64Array) {
  const n = positions.length / 2;
  const build = time(() => createRegionIndex(regions, 'polygon_id'));
  const index = createRegionIndex(regions, 'polygon_id');
  const ours = time(() => index.locateAll(positions));
  const boxes = regions.features.map((f) => bbox(f));
  const turf = time(() => {
    for (let i = 0; i < n; i++) {
      const x = positions[i * 2]!;
      const y = positions[i * 2 + 1]!;
      regions.features.findIndex((f, k) => {
        const [x0, y0, x1, y1] = boxes[k]!;
        return x >= x0 && x <= x1 && y >= y0 && y <= y1 && booleanPointInPolygon([x, y], f);
      });
    }
  }, 1);
  return { places: n, build, ours, turf };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kz-points-bench-'));
  const lines: string[] = [];
  const say = (line = '') => {
    console.log(line);
    lines.push(line);
  };
  try {
    const g0 = performance.now();
    const files = await writeFiles(dir);
    say(`# Point data: measured ${new Date().toISOString().slice(0, 10)}`);
    say();
    say(`Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, Node ${process.version}, load average at the start ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (other work on the machine slows every figure alike). Script: tests/bench/points-bench.ts.`); // prettier-ignore
    say(`Files: 3,000 places, ${FLOWS.toLocaleString('en')} flows over 20 years, ${f1(MB(files.bytes))} MB (generated in ${f1((performance.now() - g0) / 1000)} s).`); // prettier-ignore
    say();

    const side = await runChild<ImportSide>(['--points-side', files.locations, files.flows]);
    say('## Import of the pair (locations + flows), streamed, in one process');
    say();
    say(
      `- CPU time ${f2(side.cpuSeconds)} s; wall clock ${f2(side.seconds)} s: ${Object.entries(side.timings)
        .map(([k, v]) => `${k} ${ms(v)} ms`)
        .join(', ')}`,
    );
    say(`- peak RSS ${f1(side.maxRssMB)} MB (${f1(side.maxRssWithLevelsMB)} MB once every level has been summed); peak sampled heap ${f1(side.peakHeapMB)} MB + array buffers ${f1(side.peakArrayBuffersMB)} MB; held at the end ${f1(side.heldMB)} MB`); // prettier-ignore
    say(`- ${side.places} places, ${side.rowsValid.toLocaleString('en')} flows valid, ${side.issueCount} issues (${Object.entries(side.issuesByCode).map(([c, n]) => `${c} ${n}`).join(', ')}); ${side.regionFlows} region flows; ${side.unassignedPeople.toLocaleString('en')} people in flows not given to one unit (polygons with two units, no parent column)`); // prettier-ignore
    say();
    if (BASELINE) {
      const regionFile = join(dir, 'regions.csv');
      const bytes = await generateRegionFile(regionFile, FLOWS);
      const region = await runChild<RegionImportSide>(['--points-regions', regionFile, '']);
      say(`Today's ${FLOWS.toLocaleString('en')}-row region import (import-bench.ts's file, ${f1(MB(bytes))} MB, importTable as the worker runs it), same run:`); // prettier-ignore
      say(`- CPU time ${f2(region.cpuSeconds)} s; wall clock ${f2(region.seconds)} s; peak RSS ${f1(region.maxRssMB)} MB; ${region.rowsValid.toLocaleString('en')} rows valid`); // prettier-ignore
      say(`- points ÷ regions: CPU time ${f2(side.cpuSeconds / region.cpuSeconds)}, wall clock ${f2(side.seconds / region.seconds)}, peak RSS ${f2(side.maxRssMB / region.maxRssMB)}`); // prettier-ignore
      say();
    }

    say('## Cluster levels: size, bytes, cost of a first and a later visit (in the worker)');
    say();
    say(
      '| level | zooms | clusters | flows | within | flow bytes | first visit | later visit | layout sent (top 5,000 a year) |',
    );
    say('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
    side.levels.forEach(
      (l, k) =>
      say(`| ${k} | ${l.minZoom === null || l.minZoom < -1e9 ? '…' : l.minZoom}–${l.maxZoom === null || l.maxZoom > 1e9 ? '…' : l.maxZoom - 1} | ${l.clusters} | ${l.flows.toLocaleString('en')} | ${l.within.toLocaleString('en')} | ${f2(MB(l.flowBytes))} MB | ${ms(l.firstMs)} ms | ${ms(l.againMs)} ms | ${f2(MB(l.preparedBytes))} MB |`), // prettier-ignore
    );
    say();
    say(`- held after the import: places ${f2(MB(side.bytes.places))} MB, place flows ${f2(MB(side.bytes.flows))} MB, region flows ${f2(MB(side.bytes.regionFlows))} MB, cluster hierarchy ${f2(MB(side.bytes.hierarchy))} MB: ${f2(MB(side.bytes.result))} MB in all (${f1(side.bytes.result / FLOWS)} bytes a flow)`); // prettier-ignore
    say(`- once every level has been shown, the worker's level store holds ${f2(MB(side.bytes.store))} MB (coarser levels' flows ${f2(MB(side.bytes.levels))} MB, plus each level's order and circles)`); // prettier-ignore
    say();

    const sw = await runChild<SwitchSide>(['--points-switch', files.locations, files.flows]);
    say('## Zoom step that changes the cluster level (worker lays out and transfers; the main thread receives)');
    say();
    say(`- main thread's CPU time per change (${sw.mainCpu.length} changes over ${sw.levelCount} levels; /proc schedstat): p50 ${ms(quantile(sw.mainCpu, 0.5))} ms, p95 ${ms(quantile(sw.mainCpu, 0.95))} ms, max ${ms(Math.max(...sw.mainCpu))} ms`); // prettier-ignore
    say(`- main thread busy per change, wall clock (event-loop utilisation; includes waiting for a core on a loaded machine): p50 ${ms(quantile(sw.main, 0.5))} ms, p95 ${ms(quantile(sw.main, 0.95))} ms, max ${ms(Math.max(...sw.main))} ms`); // prettier-ignore
    say(`- worker, per change: p50 ${ms(quantile(sw.inWorker, 0.5))} ms, p95 ${ms(quantile(sw.inWorker, 0.95))} ms; round trip p95 ${ms(quantile(sw.roundTrip, 0.95))} ms`); // prettier-ignore
    say(`- the message of the largest level (top 5,000 a year) serialised and read on one thread: median ${ms(sw.cloneMedian)} ms, minimum ${ms(sw.cloneMin)} ms`); // prettier-ignore
    say(`- first visit of each level (the worker sums it): worker ${sw.firstInWorker.map(ms).join(', ')} ms; main thread ${sw.firstMain.map(ms).join(', ')} ms`); // prettier-ignore
    say();

    say('## Clustering and per-level flow sums against the libraries (CPU time, median of 3; sums once)');
    say();
    const locs = syntheticLocations();
    const positions3k = Float64Array.from(locs.lon.flatMap((lon, i) => [lon, locs.lat[i]!]));
    const table = syntheticFlows(FLOWS, locs.lon.length);
    const placeFlows = sumFlows({ ...table, count: Float64Array.from(table.count) }, null).flows;
    const weights3k = placeWeights(locs.lon.length, placeFlows);
    const positions100k = placesInside(100_000, 7);
    const rnd = random(11);
    const weights100k = Float64Array.from({ length: 100_000 }, () => Math.floor(Math.pow(1 - rnd(), -1 / 1.2) * 10));
    say('| places | ours | supercluster load | supercluster + membership per level | flowmap.gl clusterLocations | clusters per level (ours / flowmap.gl) |'); // prettier-ignore
    say('|---:|---:|---:|---:|---:|---|');
    const c3k = compareClustering(positions3k, weights3k, placeFlows);
    const c100k = compareClustering(positions100k, weights100k, null);
    for (const c of [c3k, c100k])
      say(`| ${c.places.toLocaleString('en')} | ${ms(c.ours)} ms | ${ms(c.supercluster)} ms | ${ms(c.superclusterWithMembership)} ms | ${ms(c.flowmap)} ms | ${c.oursLevels.join(', ')} / ${c.flowmapLevels.join(', ')} |`); // prettier-ignore
    say();
    if (c3k.sums)
      say(`Flow sums of every level, ${FLOWS.toLocaleString('en')} flows on 3,000 places: ours ${ms(c3k.sums.ours)} ms for all years at once; flowmap.gl aggregateFlows at every zoom ${ms(c3k.sums.flowmapAll)} ms for all flows (years summed together), ${ms(c3k.sums.flowmapOneYear)} ms for one year's flows (it repeats this on each year or zoom change).`); // prettier-ignore
    say();

    say('## Point in polygon (29 polygons, 6,858 vertices; CPU time)');
    say();
    for (const p of [comparePointInPolygon(positions3k), comparePointInPolygon(positions100k)])
      say(`- ${p.places.toLocaleString('en')} places: ours ${ms(p.ours)} ms (+ ${ms(p.build)} ms to build the index); turf booleanPointInPolygon with a box check ${ms(p.turf)} ms (${f1(p.turf / p.ours)} times)`); // prettier-ignore
    say();
    say(
      `Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}.`,
    );
    writeFileSync(join(REPO_ROOT, 'bench/points-results.md'), lines.join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Flags of their own: import-bench.ts, imported here, runs a side of its own when it sees '--side'.
const sides: Record<string, (a: string, b: string) => Promise<unknown>> = {
  '--points-side': runImportSide,
  '--points-switch': runSwitchSide,
  '--points-regions': runRegionImportSide,
};
const side = Object.keys(sides).find((flag) => process.argv.includes(flag));
if (side) {
  const at = process.argv.indexOf(side);
  sides[side]!(process.argv[at + 1]!, process.argv[at + 2]!).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
