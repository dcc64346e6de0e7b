/**
 * `npm run data:check`: validates the committed tidy files (codes, years,
 * counts, sources, OD matrices netting to zero, regional sums) and exits
 * non-zero on any problem.
 */
import { formatIssue } from '../src/core/csv';
import { readTableTexts } from './read-tables';
import { loadDataset } from '../src/core/load';
import { checkBoundaries, TOLERANCE } from '../geo/checks';

const { tables, model, issues } = loadDataset(readTableTexts());
for (const issue of issues) console.error(formatIssue(issue));
const counts = Object.entries(tables)
  .map(([name, rows]) => `${name} ${rows.length}`)
  .join(', ');
console.log(`data:check: ${counts}`);
console.log(`data:check: OD years ${model.flowYears.join(', ')}; timeline ${model.yearRange.join('-')}`);
// The boundary files: every version tiles the country, unions equal their parts, every polygon has
// its code, the Russian border is one shared line (geo/checks.ts).
const boundaries = checkBoundaries();
for (const p of boundaries.problems) console.error(`geo/regions.topojson: ${p}`);
const m = boundaries.measures;
console.log(
  `data:check: boundaries: overlaps ${['kz2000', 'kz2018', 'kz2022'].map((v) => `${v} ${m[`${v}.overlapKm2`]!.toFixed(4)}`).join(', ')} km² ` +
    `(tolerance ${TOLERANCE.overlapKm2}); Russian border shares ${m.seamSharedVertices} vertices with Kazakhstan, ` +
    `${m.seamRussianVerticesInsideKazakhstan} Russian vertices inside it; ${m.districts} districts`,
);
issues.push(...boundaries.problems.map((reason) => ({ file: 'geo/regions.topojson', line: 0, reason })));
if (issues.length > 0) {
  console.error(`data:check: ${issues.length} problem(s)`);
  process.exit(1);
}
console.log('data:check: all checks passed');
