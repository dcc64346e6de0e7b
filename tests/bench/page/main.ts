/**
 * The benchmark page: the app's map (offline basemap, deck.gl's canvas over it) and
 * one renderer of one flow set, chosen by the URL (?renderer=ours&set=100000).
 * tests/bench/bench.ts drives it through window.__bench.
 *
 * A year step is timed from the year change to the frame that shows the year:
 * - cpu: main-thread time of the step's own work: the change itself and
 *   deck.gl's layer updates (data, attributes, buffers) up to that frame,
 *   where drawing starts;
 * - busy: main-thread time of the whole step: the change, and each frame's work
 *   from its start (document.timeline) to the end of deck.gl's render, when
 *   every draw call of its layers has been issued (idle waits left out);
 * - frame: wall time until that frame is rasterised (a one-pixel read waits
 *   for the GPU, here the software rasteriser, to finish).
 */
import type { Layer } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import basemapUrl from '../../../geo/basemap.geojson?url';
import { cpuSection, markCpuSections } from '../../../src/render/cpu-marks';
import { MapView } from '../../../src/render/map-view';
import { STEP_SHOWN, STEP_START } from '../thread-time';
import { decodeFlows } from './flow-file';
import { RENDERERS, type RendererName } from './config';
import { makeRenderer, type BenchRenderer } from './renderers';

interface StepTime {
  cpu: number;
  /** The two parts of cpu: the year change (layers made, handed to deck.gl) and deck.gl's layer updates. */
  change: number;
  update: number;
  busy: number;
  frame: number;
  frames: number;
}

interface Bench {
  error?: string;
  firstFrameAt?: number;
  years: number[];
  drawn(): number;
  step(year: number): Promise<StepTime>;
  /** A frame requested with nothing changed, timed like a step. */
  repaint(): Promise<StepTime>;
  /**
   * Resolves once the page has settled after a change: the map idle (its labels faded in, its
   * sources drawn) and then a second more (the GPU process's own work for new layers drained).
   */
  settle(): Promise<void>;
  /**
   * A jump to a zoom, timed like a step until the frame whose flows were
   * computed for it (flowmap.gl recomputes its clusters' flows; others: the
   * first frame). `changed` false: flowmap.gl kept its flows for 5 s.
   */
  zoom(zoom: number): Promise<StepTime & { changed: boolean }>;
  camera(): { zoom: number };
}

const bench: Bench = {
  years: [],
  drawn: () => 0,
  step: () => Promise.reject(new Error('not ready')),
  repaint: () => Promise.reject(new Error('not ready')),
  settle: () => Promise.reject(new Error('not ready')),
  zoom: () => Promise.reject(new Error('not ready')),
  camera: () => ({ zoom: view.map.getZoom() }),
};
(window as unknown as { __bench: Bench }).__bench = bench;

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const name = params.get('renderer') as RendererName;
  if (!RENDERERS.includes(name)) throw new Error(`unknown renderer ${name}`);
  const set = params.get('set') ?? '';
  if (!/^(real|\d+)$/.test(set)) throw new Error(`unknown set ${set}`);
  const locationsFile = set === 'real' ? 'real' : 'synthetic';
  const [locations, bytes] = await Promise.all([
    fetch(`data/locations-${locationsFile}.json`).then((r) => r.json() as Promise<{ lon: number[]; lat: number[] }>),
    fetch(`data/flows-${set}.bin`).then((r) => r.arrayBuffer()),
    // The map starts while the data downloads; every renderer's first frame is drawn once
    // deck.gl's canvas has the map's size (as the app's: MapView.whenDeckSized).
    mapReady.then(() => view.whenDeckSized()),
  ]);
  const table = decodeFlows(bytes);
  const years = [...new Set(table.year)].sort((a, b) => a - b);
  bench.years = years;

  const pixel = new Uint8Array(4);
  const deck = () =>
    (
      overlay as unknown as {
        _deck: { layerManager: { getLayers(): Layer[] }; device: { gl: WebGL2RenderingContext } };
      }
    )._deck;
  // deck.gl's own context: a read waits for its frame to be rasterised.
  const gl = deck().device.gl;
  // Time spent in deck.gl's layer updates (where attributes are computed and uploaded), counted (and
  // marked for the trace) as in the app, by MapView from its first call on.
  view.deckUpdateMs();
  let current: Layer[] = [];
  const setLayers = (layers: Layer[], drawsIn?: (layer: Layer, year: number) => boolean) => {
    current = layers;
    view.setLayers(layers, drawsIn);
  };
  const renderer: BenchRenderer = makeRenderer(
    name,
    table,
    Float64Array.from(locations.lon),
    Float64Array.from(locations.lat),
    setLayers,
    (year) => view.showYear(year),
  );
  // The frame shows the latest layers once deck.gl has taken them (and, for a composite layer,
  // drawn sublayers made from its latest data).
  const shown = () => {
    const active = deck().layerManager.getLayers();
    return current.every((l) => active.includes(l)) && (!name.startsWith('flowmap') || flowmapSublayersCurrent(active));
  };
  const flowmapSublayersCurrent = (active: Layer[]) => {
    const layer = current[0] as unknown as { state?: { layersData?: { lineAttributes: unknown } } };
    const lines = layer.state?.layersData?.lineAttributes;
    return !!lines && active.some((l) => (l.props as { data?: unknown }).data === lines);
  };

  /** Times a change (a year step, or a bare frame request) until the frame that shows it. */
  const timeStep = async (
    label: string,
    change: () => void | Promise<void>,
    ready: (elapsed: number) => boolean = () => true,
  ): Promise<StepTime> => {
    performance.mark(STEP_START);
    const t0 = performance.now();
    const pending = cpuSection(change);
    const t1 = performance.now();
    const updatingBefore = view.deckUpdateMs();
    let busy = t1 - t0;
    let frames = 0;
    let dataAt = pending ? Infinity : t1;
    if (pending) void pending.then(() => (dataAt = performance.now()));
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        afterRender.delete(onRender);
        reject(new Error(`no frame of ${label} within 120 s`));
      }, 120_000);
      const onRender = () => {
        const end = performance.now();
        busy += end - Math.max(document.timeline.currentTime as number, t1);
        frames++;
        if (end < dataAt || !shown() || !ready(end - t0)) {
          view.requestFrame();
          return;
        }
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        const done = performance.now();
        performance.mark(STEP_SHOWN);
        afterRender.delete(onRender);
        clearTimeout(timeout);
        resolve({
          cpu: t1 - t0 + (view.deckUpdateMs() - updatingBefore),
          change: t1 - t0,
          update: view.deckUpdateMs() - updatingBefore,
          busy,
          frame: done - t0,
          frames,
        });
      };
      afterRender.add(onRender);
      view.requestFrame();
    });
  };

  const showYear = (year: number) => timeStep(String(year), () => renderer.setYear(year));
  await showYear(years[0]!);
  bench.firstFrameAt = performance.now();
  bench.drawn = () => renderer.drawn();
  bench.step = showYear;
  // What every renderer's step includes whatever it computes: asking for a frame.
  bench.repaint = () => timeStep('a repaint', () => view.requestFrame());
  bench.settle = async () => {
    if (!view.map.loaded()) await new Promise((resolve) => view.map.once('idle', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
  };
  const lines = () => (current[0] as unknown as { state?: { layersData?: { lineAttributes: unknown } } }).state?.layersData?.lineAttributes; // prettier-ignore
  bench.zoom = async (zoom) => {
    // Traced by the benchmark (thread-time.ts): the marks of this step alone.
    markCpuSections(true);
    performance.clearMarks();
    const before = lines();
    const computes = name === 'flowmapClustered';
    const step = await timeStep(`zoom ${zoom}`, () => void view.map.jumpTo({ zoom }), (elapsed) => !computes || lines() !== before || elapsed > 5000); // prettier-ignore
    return { ...step, changed: !computes || lines() !== before };
  };
}

/** Called after each frame deck.gl draws. */
const afterRender = new Set<() => void>();
const view = new MapView({
  onAfterRender: () => afterRender.forEach((f) => f()),
  container: document.getElementById('map')!,
  basemapUrl,
  camera: null,
  onHover: () => {},
  onClick: () => {},
  onMove: () => {},
});
// deck.gl's canvas over the map, and the basemap's land and borders from the start (the app adds both once it has started).
view.addOverlay(MapLibreOverlay);
view.showBasemap();
const overlay = (view as unknown as { overlay: MapLibreOverlay }).overlay;
const mapReady = view.ready;

main().catch((e: unknown) => {
  bench.error = String(e instanceof Error ? (e.stack ?? e.message) : e);
  console.error(e);
});
