/**
 * What each year of the timeline holds, for the coverage strip and for
 * saying plainly when a year has no flows.
 */
import { isFullYearBalance } from './measures';
import { unitInGeography, type Geography, type Model } from './model';

export interface YearCoverage {
  year: number;
  /** Kazakh 1 January population: every unit of the year's boundary version, some, or none. */
  population: 'complete' | 'partial' | 'none';
  /** A full inter-regional origin-destination matrix (arcs). */
  flows: boolean;
  /** Full-year inter-regional balances without a matrix (choropleth only). */
  netOnly: 'complete' | 'partial' | 'none';
  /** Full-year external migration figures by partner country (external arcs). */
  external: boolean;
}

export function yearCoverage(model: Model, hasExternalArcs: (year: number) => boolean): YearCoverage[] {
  const out: YearCoverage[] = [];
  const kzUnits = model.unitList.filter((u) => u.country === 'KZ');
  for (let year = model.yearRange[0]; year <= model.yearRange[1]; year++) {
    const pop = model.population.get(year);
    const geography = pop?.get('KZ')?.geography as Geography | undefined;
    const expected = kzUnits.filter((u) => unitInGeography(u, geography ?? 'G20_2022plus'));
    const have = expected.filter((u) => pop?.has(u.unit_code)).length;
    const flows = model.flowTotals.has(year);
    const netRows = model.regional.filter((r) => r.year === year && isFullYearBalance(r));
    const netUnits = new Set(netRows.map((r) => r.unit_code)).size;
    out.push({
      year,
      population: have === 0 ? 'none' : have === expected.length ? 'complete' : 'partial',
      flows,
      netOnly: flows || netUnits === 0 ? 'none' : netUnits >= kzUnits.length ? 'complete' : 'partial',
      external: hasExternalArcs(year),
    });
  }
  return out;
}
