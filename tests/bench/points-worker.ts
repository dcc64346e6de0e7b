/**
 * The point-data worker for the measuring script (Node's worker_threads):
 * PointsWorkerState, the same object the app's worker will wrap, fed with
 * files from disk. Started by points-bench.ts.
 */
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FeatureCollection } from 'geojson';
import { loadUnits } from '../../src/import/test-support';
import { legacyUnitRows, readRegions } from '../../geo/read-regions';
import { rulesFromCrosswalk } from '../../src/import/points/region-flows';
import { PointsWorkerState, type PointsRequest } from '../../src/import/points/points-worker-handler';

export type BenchWorkerRequest = { type: 'import-files'; locations: string; flows: string } | Exclude<PointsRequest, { type: 'import' }>; // prettier-ignore

export function crosswalkRules() {
  // The polygons of the version before 2018 and the units each holds from their first year.
  return rulesFromCrosswalk(legacyUnitRows());
}

/** The import request for the generated pair of files. */
export function pairRequest(locations: string, flows: string) {
  return {
    datasetId: 'bench-points',
    units: loadUnits(),
    regions: readRegions('kz2000') as FeatureCollection,
    regionIdProperty: 'polygon_id',
    regionRules: crosswalkRules(),
    layout: 'pair' as const,
    locations: { source: createReadStream(locations), fileName: 'locations.csv', mapping: { id: 0, name: 1, lat: 2, lon: 3 } }, // prettier-ignore
    flows: {
      source: createReadStream(flows),
      fileName: 'flows.csv',
      mapping: { origin: 0, dest: 1, count: 2, time: 3 },
    },
  };
}

if (parentPort) {
  const port = parentPort;
  const state = new PointsWorkerState();
  port.on('message', (message: BenchWorkerRequest) => {
    const post = (m: unknown, transfer: Transferable[]) => port.postMessage(m, transfer as never);
    if (message.type === 'import-files')
      void state.handle({ type: 'import', request: pairRequest(message.locations, message.flows) }, post);
    else void state.handle(message, post);
  });
}
