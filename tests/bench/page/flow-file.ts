/** Reads a flow set written by tests/bench/synthetic.ts (see its layout). */
import type { FlowTable } from '../../../src/core/flow-columns';

export function decodeFlows(bytes: ArrayBuffer): FlowTable {
  const n = bytes.byteLength / 14;
  if (!Number.isInteger(n)) throw new Error(`not a flow set: ${bytes.byteLength} bytes`);
  return {
    length: n,
    count: new Float32Array(bytes, 0, n),
    origin: new Uint32Array(bytes, n * 4, n),
    destination: new Uint32Array(bytes, n * 8, n),
    year: new Uint16Array(bytes, n * 12, n),
  };
}
