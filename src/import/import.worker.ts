/**
 * The import worker: parsing, validation and aggregation off the main thread.
 * One request per worker; the client terminates it when done or cancelled.
 */
import { handleImportRequest, type ImportRequest, type ImportResponse } from './worker-handler';

// The project's tsconfig has the DOM library, not WebWorker: describe the little of the worker scope we use.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportResponse, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  void handleImportRequest(event.data, (message, transfer) => scope.postMessage(message, transfer));
};
