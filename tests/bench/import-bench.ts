/**
 * Import benchmark: a synthetic flows CSV of 1,000,000 rows (real unit codes
 * and names in English, Russian and Kazakh, years 2000-2024, a period column
 * so the rows are distinct, 0.1 % bad rows), imported the way the worker does
 * it (a file stream read in slices, papaparse streaming, validation,
 * aggregation) against a baseline in the same run: the whole file read into
 * one string, parsed at once by d3-dsv, then the same validation.
 *
 * Each side runs in its own Node process, so its peak memory (maxRSS) is its
 * own. Run: `npx tsx tests/bench/import-bench.ts` (IMPORT_BENCH_ROWS=... to
 * change the size), or `import { main } from './import-bench'` and await it.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { csvParseRows } from 'd3-dsv';
import { aggregateFlowColumns } from '../../src/import/aggregate';
import { importTable, type TableImportRequest } from '../../src/import/import-core';
import { createRegionMatcher } from '../../src/import/region-matcher';
import { loadUnits } from '../../src/import/test-support';
import { FlowRowValidator } from '../../src/import/validate-rows';

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 1_000_000);
const THIS_FILE = fileURLToPath(import.meta.url);

const request = (units: ReturnType<typeof loadUnits>): TableImportRequest => ({
  kind: 'flows',
  mapping: { origin: 0, destination: 1, year: 2, period: 3, count: 4 },
  units,
  datasetId: 'user-bench',
  fileName: 'bench.csv',
});

/** Writes the synthetic file; returns its size in bytes. */
export async function generate(path: string, rows: number): Promise<number> {
  const units = loadUnits();
  // Every unit under several of its names, so the matcher works as on real files.
  const names = units.map((u) => [u.unit_code, u.name_en, u.name_ru, u.name_kk, u.short_en]);
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
  await write('origin,destination,year,period,migrants\n');
  let written = 0;
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let batch: string[] = [];
  outer: for (let period = 1; ; period++)
    for (let year = 2000; year <= 2024; year++)
      for (let o = 0; o < units.length; o++)
        for (let d = 0; d < units.length; d++) {
          if (o === d) continue;
          if (written === rows) break outer;
          const quote = (s: string) => (s.includes(',') ? `"${s}"` : s);
          const origin = quote(names[o]![written % 5]!);
          const destination = quote(names[d]![(written + 2) % 5]!);
          const bad = written % 1000 === 999; // 0.1 %: a negative count
          batch.push(
            `${origin},${destination},${year},W${String(period).padStart(2, '0')},${bad ? -1 : Math.floor(random() * 5000)}`,
          );
          written++;
          if (batch.length === 10_000) {
            await write(batch.join('\n') + '\n');
            batch = [];
          }
        }
  await write(batch.join('\n') + (batch.length ? '\n' : ''));
  await new Promise<void>((resolve) => out.end(resolve));
  return statSync(path).size;
}

interface RunResult {
  seconds: number;
  rowsRead: number;
  rowsValid: number;
  maxRssMB: number;
  peakHeapMB: number;
}

/** One side of the comparison, in this (child) process. */
async function runSide(mode: 'streaming' | 'baseline', path: string): Promise<RunResult> {
  const units = loadUnits();
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const t0 = performance.now();
  let rowsRead: number;
  let rowsValid: number;
  if (mode === 'streaming') {
    const result = await importTable(createReadStream(path), request(units), { onProgress: sample });
    rowsRead = result.summary.rowsRead;
    rowsValid = result.summary.rowsValid;
  } else {
    const text = readFileSync(path, 'utf8');
    const records = csvParseRows(text);
    sample();
    const validator = new FlowRowValidator(request(units).mapping, {
      file: 'bench.csv',
      matcher: createRegionMatcher(units),
      datasetId: 'user-bench',
    });
    for (let i = 1; i < records.length; i++) validator.push(records[i]!, i + 1);
    sample();
    const result = validator.finish();
    aggregateFlowColumns(result.columns);
    rowsRead = result.summary.rowsRead;
    rowsValid = result.summary.rowsValid;
  }
  sample();
  return {
    seconds: (performance.now() - t0) / 1000,
    rowsRead,
    rowsValid,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    peakHeapMB: peakHeap / 1048576,
  };
}

function runChild(mode: 'streaming' | 'baseline', path: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, THIS_FILE, '--side', mode, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as RunResult)
        : reject(new Error(`${mode} exited ${code}`)),
    );
  });
}

export interface ImportBenchResult {
  rows: number;
  fileMB: number;
  streaming: RunResult;
  baseline: RunResult;
}

export async function main(rows = ROWS): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kz-import-bench-'));
  const path = join(dir, 'flows.csv');
  try {
    const g0 = performance.now();
    const bytes = await generate(path, rows);
    const fileMB = bytes / 1048576;
    console.log(
      `generated ${rows.toLocaleString('en')} rows, ${fileMB.toFixed(1)} MB in ${((performance.now() - g0) / 1000).toFixed(1)} s`,
    );
    const streaming = await runChild('streaming', path);
    const baseline = await runChild('baseline', path);
    const line = (name: string, r: RunResult) =>
      `${name.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s ${Math.round(r.rowsRead / r.seconds)
        .toLocaleString('en')
        .padStart(
          11,
        )} rows/s ${r.maxRssMB.toFixed(0).padStart(6)} MB RSS ${r.peakHeapMB.toFixed(0).padStart(6)} MB heap`;
    console.log(line('import (stream → papaparse → validate)', streaming));
    console.log(line('baseline (whole text → d3-dsv → validate)', baseline));
    console.log(
      `ratios, import ÷ baseline: time ${(streaming.seconds / baseline.seconds).toFixed(2)}, peak RSS ${(streaming.maxRssMB / baseline.maxRssMB).toFixed(2)}, peak heap ${(streaming.peakHeapMB / baseline.peakHeapMB).toFixed(2)}`,
    );
    console.log(
      `rows valid: ${streaming.rowsValid.toLocaleString('en')} of ${streaming.rowsRead.toLocaleString('en')} (baseline ${baseline.rowsValid.toLocaleString('en')})`,
    );
    if (streaming.rowsValid !== baseline.rowsValid || streaming.rowsRead !== rows)
      throw new Error('the import and the baseline disagree');
    return { rows, fileMB, streaming, baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sideIndex = process.argv.indexOf('--side');
if (sideIndex > 0) {
  const mode = process.argv[sideIndex + 1] as 'streaming' | 'baseline';
  runSide(mode, process.argv[sideIndex + 2]!).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
} else if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
