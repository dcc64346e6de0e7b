/**
 * The point-data worker's message logic as a plain object, so that tests and
 * the measuring script run it without a browser. Unlike the table import's
 * worker (one request, then terminated), this one lives as long as the
 * dataset is shown: it sums a cluster level's flows when the page first asks
 * for it (a zoom that crosses into it), keeps them, and lays the level out
 * for drawing (each year's top N as views of sorted arrays), handing
 * the arrays over as transferables, so that the page's part of a level change
 * is receiving buffers and making layers, never sorting a million flows.
 *
 * What goes to the page after the import: places, their regions, the flows
 * between places (to store), the region flows, the cluster hierarchy (for the
 * tooltip's members) and the issues; all as copies, since the worker keeps
 * using its own arrays.
 */
import { clusterPlaces, type ClusterHierarchy, type ClusterOptions } from '../../core/points/clusters';
import { LevelStore, type PreparedLevel } from '../../core/points/level-flows';
import type { PointFlowTable } from '../../core/points/point-flows';
import { placeWeights, type PlaceTable } from '../../core/points/places';
import type { ImportProgress } from '../import-core';
import { transferables, type SerializedError } from '../worker-handler';
import { importPoints, type PointImportRequest, type PointImportResult } from './point-import';

export type PointsRequest =
  | { type: 'import'; request: PointImportRequest }
  /** A stored dataset shown again: its places and flows as the import gave them; clustered anew (about 0.2 s for 3,000 places). */
  | { type: 'load'; places: PlaceTable; flows: PointFlowTable; cluster?: ClusterOptions }
  /** Lay out one cluster level: each year's topN largest flows (null: all). */
  | { type: 'level'; level: number; topN: number | null };

/** The import's result as the page gets it: the worker keeps the level flows and the rows. */
export type PointsPageResult = Omit<PointImportResult, 'rows'>;

export type PointsResponse =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'imported'; result: PointsPageResult }
  | { type: 'loaded'; hierarchy: ClusterHierarchy }
  | { type: 'level'; level: number; topN: number | null; prepared: PreparedLevel; milliseconds: number }
  /** Every level of the dataset is summed and sorted (unasked: not an answer to a request). */
  | { type: 'warmed' }
  | { type: 'error'; error: SerializedError };

export type PointsPost = (message: PointsResponse, transfer: Transferable[]) => void;

export class PointsWorkerState {
  private levels: LevelStore | null = null;
  /** Bumped by each new dataset, so that the warming of an earlier one stops. */
  private generation = 0;

  /**
   * Sums and sorts every level while the worker is otherwise idle, coarsest
   * (the first shown) first, one level per task so that a request for a level
   * waits for at most one level's work. Says when it is done: until then the
   * worker shares the cores with the page's drawing.
   */
  private async warmAll(post: PointsPost): Promise<void> {
    const generation = this.generation;
    const store = this.levels!;
    for (let k = 0; k < store.hierarchy.levels.length; k++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (generation !== this.generation) return;
      store.warm(k);
    }
    post({ type: 'warmed' }, []);
  }

  async handle(message: PointsRequest, post: PointsPost): Promise<void> {
    try {
      if (message.type === 'import') {
        const result = await importPoints(message.request, {
          onProgress: (progress) => post({ type: 'progress', progress }, []),
        });
        this.levels = new LevelStore(result.hierarchy, result.flows);
        this.generation++;
        const { rows: _rows, ...forPage } = result;
        // A copy: the worker goes on using its arrays (the places' level is `flows` itself).
        const copy = structuredClone(forPage);
        post({ type: 'imported', result: copy }, transferables(copy));
        void this.warmAll(post);
        return;
      }
      if (message.type === 'load') {
        const { places, flows } = message;
        const hierarchy = clusterPlaces(places.positions, placeWeights(places.length, flows), message.cluster);
        this.levels = new LevelStore(hierarchy, flows);
        this.generation++;
        const copy = structuredClone(hierarchy);
        post({ type: 'loaded', hierarchy: copy }, transferables(copy));
        void this.warmAll(post);
        return;
      }
      if (!this.levels) throw new Error('no dataset');
      const t = performance.now();
      const prepared = this.levels.prepare(message.level, message.topN);
      const milliseconds = performance.now() - t;
      post(
        { type: 'level', level: message.level, topN: message.topN, prepared, milliseconds },
        transferables(prepared),
      );
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      post({ type: 'error', error: { name: error.name, message: error.message } }, []);
    }
  }
}
