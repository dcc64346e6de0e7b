/**
 * `npm run data:check`: validates the committed tidy files (codes, years,
 * counts, sources, OD matrices netting to zero, regional sums) and exits
 * non-zero on any problem.
 */
import { formatIssue } from '../src/core/csv';
import { readTableTexts } from './read-tables';
import { loadDataset } from '../src/core/load';

const { tables, model, issues } = loadDataset(readTableTexts());
for (const issue of issues) console.error(formatIssue(issue));
const counts = Object.entries(tables)
  .map(([name, rows]) => `${name} ${rows.length}`)
  .join(', ');
console.log(`data:check: ${counts}`);
console.log(`data:check: OD years ${model.flowYears.join(', ')}; timeline ${model.yearRange.join('-')}`);
if (issues.length > 0) {
  console.error(`data:check: ${issues.length} problem(s)`);
  process.exit(1);
}
console.log('data:check: all checks passed');
