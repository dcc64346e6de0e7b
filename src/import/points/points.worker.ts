/**
 * The places worker: imports places and their flows, clusters them, and lays
 * out cluster levels for the map when asked (PointsWorkerState). It lives as
 * long as the page shows the dataset.
 */
import { PointsWorkerState, type PointsRequest, type PointsResponse } from './points-worker-handler';

// The project's tsconfig has the DOM library, not WebWorker: describe the little of the worker scope we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PointsRequest>) => void) | null;
  postMessage(message: PointsResponse, transfer: Transferable[]): void;
};

const state = new PointsWorkerState();
scope.onmessage = (event) => {
  void state.handle(event.data, (message, transfer) => scope.postMessage(message, transfer));
};
