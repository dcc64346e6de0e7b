import type { FeatureCollection } from 'geojson';
import { describe, expect, it, vi } from 'vitest';
import { readRegions } from '../../../geo/read-regions';
import { loadUnits } from '../test-support';
import { PointsWorkerState, type PointsResponse } from './points-worker-handler';

const regions = readRegions('kz2000') as FeatureCollection;

describe('PointsWorkerState', () => {
  it('hands the page copies and lays out levels on request, still able to after its first answers were transferred', async () => {
    const state = new PointsWorkerState();
    const received: PointsResponse[] = [];
    // As postMessage does: the listed buffers move to the receiver and are detached here.
    const post = (message: PointsResponse, transfer: Transferable[]) =>
      void received.push(structuredClone(message, { transfer: transfer as ArrayBuffer[] }));
    const cities = [['ast', 51.18, 71.44], ['ala', 43.25, 76.92], ['kar', 49.8, 73.1], ['kos', 53.21, 63.62], ['akt', 50.28, 57.21]] as const; // prettier-ignore
    const flows = cities.flatMap(([o], i) => cities.filter((_, j) => j !== i).map(([d], j) => `${o},${d},${(i + 1) * (j + 2)},2021`)); // prettier-ignore
    await state.handle(
      {
        type: 'import',
        request: {
          datasetId: 'd',
          units: loadUnits(),
          regions,
          regionIdProperty: 'polygon_id',
          regionRules: null,
          layout: 'pair',
          locations: { source: new Blob([`id,lat,lon\n${cities.map((c) => c.join(',')).join('\n')}\n`]), fileName: 'l.csv', mapping: { id: 0, lat: 1, lon: 2 } }, // prettier-ignore
          flows: { source: new Blob([`o,d,n,t\n${flows.join('\n')}\n`]), fileName: 'f.csv', mapping: { origin: 0, dest: 1, count: 2, time: 3 } }, // prettier-ignore
        },
      },
      post,
    );
    const imported = received.find((m) => m.type === 'imported');
    if (imported?.type !== 'imported') throw new Error(JSON.stringify(received.at(-1)));
    expect(imported.result.places.ids).toEqual(['ast', 'ala', 'kar', 'kos', 'akt']);
    expect(imported.result.flows.length).toBe(20);
    expect('levels' in imported.result).toBe(false);
    const levels = imported.result.hierarchy.levels.length;
    expect(levels).toBeGreaterThan(1);
    for (let k = 0; k < levels; k++) await state.handle({ type: 'level', level: k, topN: 3 }, post);
    await state.handle({ type: 'level', level: levels - 1, topN: null }, post);
    const answers = received.filter((m) => m.type === 'level');
    expect(answers).toHaveLength(levels + 1);
    const places = answers.at(-1)!;
    if (places.type !== 'level') throw new Error();
    expect(places.prepared.flows.length).toBe(20);
    expect(places.prepared.flows.slices.get(2021)).toEqual({ offset: 0, length: 20 });
    const top = answers.at(-2)!;
    if (top.type !== 'level') throw new Error();
    expect(top.prepared.flows.length).toBe(3);
    expect(top.prepared.flowsPerYear.get(2021)).toBe(20);
    // Per item, the exact count and the clusters it joins, for the tooltip.
    const byItem = Array.from({ length: places.prepared.flows.length }, (_, i) => `${places.prepared.origin[i]}>${places.prepared.destination[i]} ${places.prepared.count[i]}`); // prettier-ignore
    const imports = imported.result.flows;
    expect(byItem.sort()).toEqual(Array.from({ length: imports.length }, (_, i) => `${imports.origin[i]}>${imports.destination[i]} ${imports.count[i]}`).sort()); // prettier-ignore
    await state.handle({ type: 'level', level: 99, topN: 3 }, post);
    expect(received.filter((m) => m.type !== 'warmed').at(-1)).toEqual({ type: 'error', error: { name: 'RangeError', message: 'no level 99' } }); // prettier-ignore

    // Shown again from storage: the same clusters and the same layouts.
    const again = new PointsWorkerState();
    const later: PointsResponse[] = [];
    await again.handle({ type: 'load', places: imported.result.places, flows: imported.result.flows }, (m, t) => void later.push(structuredClone(m, { transfer: t as ArrayBuffer[] }))); // prettier-ignore
    const loaded = later[0]!;
    if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
    expect(loaded.hierarchy).toEqual(imported.result.hierarchy);
    await again.handle({ type: 'level', level: 0, topN: 3 }, (m) => void later.push(m));
    const first = answers[0]!;
    const reloaded = later.at(-1)!;
    if (first.type !== 'level' || reloaded.type !== 'level') throw new Error();
    expect(reloaded.prepared.flows.filterValues).toEqual(first.prepared.flows.filterValues);
    // Once every level is summed in the background, the page is told so, once (unasked: no request waits for it).
    await vi.waitFor(() => expect(later.filter((m) => m.type === 'warmed')).toHaveLength(1));

    // A dataset replaced before its levels were all summed: only the one shown is said to be done.
    const replaced = new PointsWorkerState();
    const said: PointsResponse[] = [];
    const keep = (m: PointsResponse) => void said.push(m);
    await replaced.handle({ type: 'load', places: imported.result.places, flows: imported.result.flows }, keep);
    await replaced.handle({ type: 'load', places: imported.result.places, flows: imported.result.flows }, keep);
    await vi.waitFor(() => expect(said.filter((m) => m.type === 'warmed')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(said.map((m) => m.type)).toEqual(['loaded', 'loaded', 'warmed']);
  });
});
