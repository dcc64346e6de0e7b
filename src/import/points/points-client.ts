/**
 * The page's side of the places worker: one request at a time in flight per
 * kind, answered in order. Only types come from the worker's modules, so the
 * parsing and clustering code stays in the worker's chunk.
 */
import type { ClusterHierarchy } from '../../core/points/clusters';
import type { PreparedLevel } from '../../core/points/level-flows';
import type { PointFlowTable } from '../../core/points/point-flows';
import type { PlaceTable } from '../../core/points/places';
import type { ImportProgress } from '../import-core';
import type { PointImportRequest } from './point-import';
import type { PointsPageResult, PointsRequest, PointsResponse } from './points-worker-handler';

export type { PointsPageResult } from './points-worker-handler';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (p: ImportProgress) => void;
}

export class PointsClient {
  private readonly worker: Worker;
  /** The worker answers in the order it was asked. */
  private readonly queue: Pending[] = [];
  private closed = false;
  /** Whether the worker has summed every level of the dataset loaded (it works in the background until then). */
  warmed = false;

  constructor() {
    // Vite bundles points.worker.ts as its own chunk from this exact expression.
    this.worker = new Worker(new URL('./points.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<PointsResponse>) => {
      const m = event.data;
      if (m.type === 'progress') return this.queue[0]?.onProgress?.(m.progress);
      if (m.type === 'warmed') {
        this.warmed = true;
        return;
      }
      const pending = this.queue.shift();
      if (!pending) return;
      if (m.type === 'error') pending.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else if (m.type === 'imported') pending.resolve(m.result);
      else if (m.type === 'loaded') pending.resolve(m.hierarchy);
      else pending.resolve(m);
    };
    this.worker.onerror = (event) => {
      for (const p of this.queue.splice(0)) p.reject(new Error(event.message || 'the places worker failed'));
    };
  }

  private ask<T>(request: PointsRequest, onProgress?: (p: ImportProgress) => void, transfer: Transferable[] = []) {
    if (this.closed) return Promise.reject(Object.assign(new Error('closed'), { name: 'AbortError' }));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage(request, transfer);
    });
  }

  import(request: PointImportRequest, onProgress?: (p: ImportProgress) => void): Promise<PointsPageResult> {
    return this.ask({ type: 'import', request }, onProgress);
  }

  /** Hands a stored dataset's places and flows to the worker (copies: the page keeps its own); resolves with the clusters. */
  load(places: PlaceTable, flows: PointFlowTable): Promise<ClusterHierarchy> {
    return this.ask({ type: 'load', places, flows });
  }

  /** One cluster level laid out for drawing: each year's topN largest flows between its clusters. */
  level(level: number, topN: number | null): Promise<{ level: number; prepared: PreparedLevel; milliseconds: number }> {
    return this.ask({ type: 'level', level, topN });
  }

  /** Stops the worker; what was asked and not answered rejects with an AbortError. */
  close(): void {
    this.closed = true;
    this.worker.terminate();
    for (const p of this.queue.splice(0)) p.reject(Object.assign(new Error('closed'), { name: 'AbortError' }));
  }
}
