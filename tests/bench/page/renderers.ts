/**
 * The three ways of drawing a year of flows that the benchmark compares, on the
 * same data, in the same map, at the same viewport. Each draws a year's
 * largest TOP_N flows (flowmap.gl's own default cap), so that the pictures
 * hold the same flows, and only the flows: no location circles (the app
 * draws them too, but the naive layer has none).
 *
 * - ours: the app's code, the same calls the map makes: the one flow pipeline
 *   (src/core/flow-columns.ts prepareFlows) prepares the arrays once, and the
 *   app's FlowLayers (src/render/flow-layers.ts) draws a year's top slice as
 *   views of them, one layer per year, the map drawing only the shown year's.
 * - flowmap: @flowmap.gl/layers FlowmapLayer with its time filter set to the
 *   year; clustering off, so that it draws the same flows as the others.
 * - flowmapClustered: the same with its clustering on (its default): flows
 *   between the clusters of the zoom, recomputed when the zoom changes level.
 * - naive: a plain deck.gl ArcLayer whose data array is filtered, sorted and
 *   rebuilt on every year step (the accessors run for every drawn flow).
 */
import type { Layer } from '@deck.gl/core';
import { ArcLayer } from '@deck.gl/layers';
import { FlowmapLayer } from '@flowmap.gl/layers';
import { arcWidth, prepareFlows, topSlice, type FlowTable } from '../../../src/core/flow-columns';
import { THEME } from '../../../src/core/theme';
import { FlowLayers, internalArcStyle } from '../../../src/render/flow-layers';
import { LayerRegistry } from '../../../src/render/year-layers';

import { TOP_N, type RendererName } from './config';

export interface BenchRenderer {
  /** Sets the year. Resolves when the layers hold it (flowmap.gl computes in a promise). */
  setYear(year: number): void | Promise<void>;
  /** Flows the current layers draw. */
  drawn(): number;
}

interface Row {
  o: number;
  d: number;
  y: number;
  c: number;
}

function rowsOf(table: FlowTable): Row[] {
  const rows: Row[] = new Array(table.length);
  for (let i = 0; i < table.length; i++)
    rows[i] = { o: table.origin[i]!, d: table.destination[i]!, y: table.year[i]!, c: table.count[i]! };
  return rows;
}

export function makeRenderer(
  name: RendererName,
  table: FlowTable,
  lon: Float64Array,
  lat: Float64Array,
  setLayers: (layers: Layer[], drawsIn?: (layer: Layer, year: number) => boolean) => void,
  showYear: (year: number) => void,
): BenchRenderer {
  if (name === 'ours') return ours(table, lon, lat, setLayers, showYear);
  if (name === 'flowmap' || name === 'flowmapClustered')
    return flowmap(table, lon, lat, setLayers, name === 'flowmapClustered');
  return naive(table, lon, lat, setLayers);
}

function ours(
  table: FlowTable,
  lon: Float64Array,
  lat: Float64Array,
  setLayers: (l: Layer[], drawsIn: (layer: Layer, year: number) => boolean) => void,
  showYear: (year: number) => void,
): BenchRenderer {
  const locations = new Float64Array(lon.length * 2);
  for (let i = 0; i < lon.length; i++) {
    locations[i * 2] = lon[i]!;
    locations[i * 2 + 1] = lat[i]!;
  }
  const flows = prepareFlows(table, locations);
  const registry = new LayerRegistry();
  const arcs = new FlowLayers(registry, 'arcs-internal');
  let shown: number | null = null;
  let made = false;
  return {
    setYear(year) {
      shown = year;
      // The map draws the year's layers; the layers themselves are handed over once, as the app
      // does: the first frame with the shown year's layer, the other years' on the next step (the
      // app makes them in the frame after its first; the warm-up step here).
      showYear(year);
      if (made && arcs.missing === 0) return;
      // Called once deck.gl has drawn the step before: the other years' layers may be made now.
      if (made) registry.frameDrawn();
      made = true;
      setLayers(
        arcs.layers(
          {
            prepared: flows,
            filter: flows.filterValues,
            minFlow: 0,
            topN: TOP_N,
            style: internalArcStyle(THEME),
            visible: true,
          },
          year,
        ),
        (layer, y) => registry.drawsIn(layer, y),
      );
    },
    // Counted when asked (the benchmark's bookkeeping is not part of the step).
    drawn: () => (shown === null ? 0 : (topSlice(flows.slices, shown, TOP_N)?.length ?? 0)),
  };
}

function naive(table: FlowTable, lon: Float64Array, lat: Float64Array, setLayers: (l: Layer[]) => void): BenchRenderer {
  const rows = rowsOf(table);
  let drawn = 0;
  return {
    setYear(year) {
      const data = rows
        .filter((r) => r.y === year)
        .sort((a, b) => b.c - a.c)
        .slice(0, TOP_N);
      drawn = data.length;
      setLayers([
        new ArcLayer<Row>({
          id: 'arcs',
          data,
          getSourcePosition: (r) => [lon[r.o]!, lat[r.o]!],
          getTargetPosition: (r) => [lon[r.d]!, lat[r.d]!],
          getWidth: (r) => arcWidth(r.c),
          widthUnits: 'pixels',
          widthMinPixels: 0.7,
          getSourceColor: THEME.origin,
          getTargetColor: THEME.destination,
        }),
      ]);
    },
    drawn: () => drawn,
  };
}

function flowmap(
  table: FlowTable,
  lon: Float64Array,
  lat: Float64Array,
  setLayers: (l: Layer[]) => void,
  clustered: boolean,
): BenchRenderer {
  const data = {
    locations: Array.from(lon, (x, i) => ({ id: i, lon: x, lat: lat[i]! })),
    flows: rowsOf(table),
  };
  const dates = new Map<number, Date>();
  const dateOf = (y: number) => {
    let d = dates.get(y);
    if (!d) dates.set(y, (d = new Date(Date.UTC(y, 0, 1))));
    return d;
  };
  let drawn = 0;
  let arrived: (() => void) | null = null;
  return {
    setYear(year) {
      const ready = new Promise<void>((resolve) => (arrived = resolve));
      const layer: FlowmapLayer<(typeof data.locations)[number], Row> = new FlowmapLayer({
        id: 'flowmap',
        data,
        getLocationId: (l) => l.id,
        getLocationLat: (l) => l.lat,
        getLocationLon: (l) => l.lon,
        getFlowOriginId: (f) => f.o,
        getFlowDestId: (f) => f.d,
        getFlowMagnitude: (f) => f.c,
        getFlowTime: (f) => dateOf(f.y),
        filter: { selectedTimeRange: [dateOf(year), dateOf(year + 1)] },
        clusteringEnabled: clustered,
        locationsEnabled: false,
        maxTopFlowsDisplayNum: TOP_N,
        // Called with the year's layer data just before the layer stores it (in the same callback).
        onScaleChange: () =>
          queueMicrotask(() => {
            drawn = layer.state?.layersData?.lineAttributes.length ?? 0;
            arrived?.();
          }),
      });
      setLayers([layer]);
      return ready;
    },
    drawn: () => drawn,
  };
}
