/**
 * Places merged into clusters by zoom level, computed once (in a worker) as a
 * hierarchy: every cluster of a level is a union of clusters of the next finer
 * level, so zooming in only splits clusters, and the flows of a level are the
 * sums of the finer level's (level-flows.ts).
 *
 * The method is supercluster's (as flowmap.gl's clusterLocations, a port of
 * it): from the finest zoom down, each not yet merged point, heaviest first,
 * takes every not yet merged point within `radius` pixels of it (kdbush
 * answers the radius query); the cluster sits at its members' centre weighted
 * by their flows, in Web Mercator. What differs from both libraries is the
 * output: columns per level (place -> cluster, positions, weights, members
 * heaviest first) rather than GeoJSON features or objects, because the flow
 * sums and the tooltip need the place-to-cluster map of every level, which
 * supercluster only gives one cluster at a time through getLeaves. Seeds are
 * taken heaviest first (supercluster takes input order), so the big cities
 * anchor their clusters and the result does not depend on the file's order.
 *
 * Zooms at which the clustering does not change share one level. From
 * `maxZoom` on, the places themselves are drawn (the last level).
 */
import KDBush from 'kdbush';

export interface ClusterOptions {
  /** First zoom clustered (the map's minimum zoom). */
  minZoom?: number;
  /** From this zoom on, the places are drawn unclustered (the map's maximum zoom). */
  maxZoom?: number;
  /** Cluster radius in pixels at each zoom. */
  radius?: number;
  /** Pixels per tile side (maplibre's 512). */
  extent?: number;
}

export const DEFAULT_CLUSTER_OPTIONS: Required<ClusterOptions> = { minZoom: 2, maxZoom: 9, radius: 40, extent: 512 };

export interface ClusterLevel {
  /** Zooms z with minZoom <= z < maxZoom draw this level (-Infinity for the coarsest, Infinity for the places). */
  minZoom: number;
  maxZoom: number;
  /** Clusters in this level. */
  length: number;
  /** Place index -> cluster index. */
  clusterOf: Uint32Array;
  /** lon, lat per cluster: the flow-weighted centre (a place's own position when alone). */
  positions: Float64Array;
  /** Sum of the members' weights. */
  weights: Float64Array;
  /** Members of cluster c: members[memberStart[c]] .. members[memberStart[c + 1] - 1], heaviest first. */
  memberStart: Uint32Array;
  members: Uint32Array;
  /** Cluster -> its cluster in the next coarser level (null for the coarsest). */
  parentOf: Uint32Array | null;
}

export interface ClusterHierarchy {
  placeCount: number;
  /** Coarsest first; the last holds every place as its own cluster. */
  levels: ClusterLevel[];
}

const lngX = (lon: number) => lon / 360 + 0.5;
function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}
const xLng = (x: number) => (x - 0.5) * 360;
const yLat = (y: number) => (360 * Math.atan(Math.exp((180 - y * 360) * (Math.PI / 180)))) / Math.PI - 90;

/** Indices sorted by weight, heaviest first, ties by index. */
function heaviestFirst(weights: Float64Array): Uint32Array {
  const order = new Uint32Array(weights.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => weights[b]! - weights[a]! || a - b);
}

/**
 * Clusters places (positions: lon, lat interleaved; weights: e.g. each place's
 * arrivals plus departures over all years). Deterministic.
 */
export function clusterPlaces(
  positions: Float64Array,
  weights: Float64Array,
  options: ClusterOptions = {},
): ClusterHierarchy {
  const { minZoom, maxZoom, radius, extent } = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const n = weights.length;
  const placeOrder = heaviestFirst(weights);
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;

  // The nodes of the level being merged: projected position sums and weights.
  let count = n;
  let x = new Float64Array(n);
  let y = new Float64Array(n);
  let w = Float64Array.from(weights);
  /** Members of the node, for an unweighted centre when every member weighs 0. */
  let size = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    x[i] = lngX(positions[i * 2]!);
    y[i] = latY(positions[i * 2 + 1]!);
  }

  // Finest first while building; reversed at the end.
  const levels: ClusterLevel[] = [
    makeLevel(identity, n, maxZoom, Infinity, placeOrder, positions, weights, x, y, size),
  ];
  let placeToNode = identity;
  for (let z = maxZoom - 1; z >= minZoom; z--) {
    const r = radius / (extent * Math.pow(2, z));
    const parent = new Uint32Array(count).fill(0xffffffff);
    let clusters = 0;
    if (count > 1) {
      const index = new KDBush(count, 64, Float64Array);
      for (let i = 0; i < count; i++) index.add(x[i]!, y[i]!);
      index.finish();
      for (const p of heaviestFirst(w)) {
        if (parent[p] !== 0xffffffff) continue;
        const c = clusters++;
        parent[p] = c;
        for (const q of index.within(x[p]!, y[p]!, r)) if (parent[q] === 0xffffffff) parent[q] = c;
      }
    } else if (count === 1) parent[0] = clusters++;
    if (clusters === count) {
      // Nothing merged at this zoom: the finer level reaches down to it.
      levels[levels.length - 1]!.minZoom = z;
      continue;
    }
    // Sums of the merged nodes.
    const nx = new Float64Array(clusters);
    const ny = new Float64Array(clusters);
    const nw = new Float64Array(clusters);
    const ns = new Float64Array(clusters);
    const ux = new Float64Array(clusters);
    const uy = new Float64Array(clusters);
    for (let i = 0; i < count; i++) {
      const c = parent[i]!;
      nx[c]! += x[i]! * w[i]!;
      ny[c]! += y[i]! * w[i]!;
      ux[c]! += x[i]! * size[i]!;
      uy[c]! += y[i]! * size[i]!;
      nw[c]! += w[i]!;
      ns[c]! += size[i]!;
    }
    for (let c = 0; c < clusters; c++) {
      nx[c] = nw[c]! > 0 ? nx[c]! / nw[c]! : ux[c]! / ns[c]!;
      ny[c] = nw[c]! > 0 ? ny[c]! / nw[c]! : uy[c]! / ns[c]!;
    }
    const finer = levels[levels.length - 1]!;
    finer.parentOf = parent;
    const clusterOf = new Uint32Array(n);
    for (let i = 0; i < n; i++) clusterOf[i] = parent[placeToNode[i]!]!;
    placeToNode = clusterOf;
    count = clusters;
    x = nx;
    y = ny;
    w = nw;
    size = ns;
    levels.push(makeLevel(clusterOf, count, z, finer.minZoom, placeOrder, positions, weights, x, y, size));
  }
  // The coarsest level also serves every zoom below the first clustered one.
  levels[levels.length - 1]!.minZoom = -Infinity;
  levels[levels.length - 1]!.parentOf = null;
  return { placeCount: n, levels: levels.reverse() };
}

function makeLevel(
  clusterOf: Uint32Array,
  count: number,
  minZoom: number,
  maxZoom: number,
  placeOrder: Uint32Array,
  placePositions: Float64Array,
  placeWeights: Float64Array,
  x: Float64Array,
  y: Float64Array,
  size: Float64Array,
): ClusterLevel {
  const n = clusterOf.length;
  const memberStart = new Uint32Array(count + 1);
  for (let i = 0; i < n; i++) memberStart[clusterOf[i]! + 1]!++;
  for (let c = 0; c < count; c++) memberStart[c + 1]! += memberStart[c]!;
  const members = new Uint32Array(n);
  const next = memberStart.slice(0, count);
  for (const p of placeOrder) members[next[clusterOf[p]!]!++] = p;
  const positions = new Float64Array(count * 2);
  const weights = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    if (size[c] === 1) {
      // A place alone keeps its own coordinates (no round trip through the projection).
      const p = members[memberStart[c]!]!;
      positions[c * 2] = placePositions[p * 2]!;
      positions[c * 2 + 1] = placePositions[p * 2 + 1]!;
    } else {
      positions[c * 2] = xLng(x[c]!);
      positions[c * 2 + 1] = yLat(y[c]!);
    }
  }
  for (let i = 0; i < n; i++) weights[clusterOf[i]!]! += placeWeights[i]!;
  return { minZoom, maxZoom, length: count, clusterOf, positions, weights, memberStart, members, parentOf: null };
}

/** The level drawn at a zoom (fractional zooms use the level of their integer part). */
export function levelForZoom(hierarchy: ClusterHierarchy, zoom: number): number {
  const z = Math.floor(zoom);
  const { levels } = hierarchy;
  for (let k = 0; k < levels.length; k++) if (z < levels[k]!.maxZoom) return k;
  return levels.length - 1;
}

/** Bytes the hierarchy holds in typed arrays. */
export function hierarchyBytes(hierarchy: ClusterHierarchy): number {
  let bytes = 0;
  for (const l of hierarchy.levels)
    for (const a of [l.clusterOf, l.positions, l.weights, l.memberStart, l.members, l.parentOf])
      bytes += a ? a.byteLength : 0;
  return bytes;
}
