/** Reads the committed tidy files from disk (Node only: data:check, tests, bench). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_NAMES, type TableName } from '../src/core/tables';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const GEO_TABLES: TableName[] = ['centres.csv', 'anchors.csv'];

/** Where each table lives: geography-derived tables in geo/, figures in data/. */
export const tablePath = (name: TableName): string =>
  resolve(REPO_ROOT, GEO_TABLES.includes(name) ? 'geo' : 'data', name);

export function readTableTexts(): Partial<Record<TableName, string>> {
  const texts: Partial<Record<TableName, string>> = {};
  for (const name of TABLE_NAMES) if (existsSync(tablePath(name))) texts[name] = readFileSync(tablePath(name), 'utf8');
  return texts;
}
