/**
 * Loads the tidy tables into a validated model. Callers supply the file texts
 * (the browser bundles them, data:check reads them from disk).
 */
import type { DataIssue } from './csv';
import { MeasureTable } from './measures';
import { buildModel, type Model } from './model';
import { parseTables, type TableName, type Tables } from './tables';
import { validateTables } from './validate';

export interface Dataset {
  tables: Tables;
  model: Model;
  measures: MeasureTable;
  issues: DataIssue[];
}

export function loadDataset(texts: Partial<Record<TableName, string>>): Dataset {
  const { tables, issues } = parseTables(texts);
  const model = buildModel(tables);
  issues.push(...validateTables(tables, model));
  return { tables, model, measures: new MeasureTable(model), issues };
}
