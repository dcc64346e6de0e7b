/** Test helpers (Node only): the project's units table, parsed by the project's own parser. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTable } from '../core/csv';
import { SCHEMAS } from '../core/tables';
import { toMatchableUnits, type MatchableUnit } from './region-matcher';

export function loadUnits(): MatchableUnit[] {
  const text = readFileSync(fileURLToPath(new URL('../../data/units.csv', import.meta.url)), 'utf8');
  const { rows, issues } = parseTable('units.csv', text, SCHEMAS['units.csv']);
  if (issues.length > 0) throw new Error(`units.csv: ${issues.map((i) => i.reason).join('; ')}`);
  return toMatchableUnits(rows);
}
