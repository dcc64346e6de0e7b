/**
 * Per-year aggregates of origin-destination flows. Pure functions: no DOM.
 */

export interface OdFlow {
  year: number;
  origin: string;
  destination: string;
  migrants: number;
}

export interface UnitFlowTotals {
  arrivals: number;
  departures: number;
  /** arrivals - departures */
  net: number;
}

/** year -> unit code -> arrivals, departures and net of the inter-regional flows. */
export function aggregateFlowsByUnit(flows: readonly OdFlow[]): Map<number, Map<string, UnitFlowTotals>> {
  const byYear = new Map<number, Map<string, UnitFlowTotals>>();
  const totals = (year: number, unit: string): UnitFlowTotals => {
    let units = byYear.get(year);
    if (!units) byYear.set(year, (units = new Map()));
    let t = units.get(unit);
    if (!t) units.set(unit, (t = { arrivals: 0, departures: 0, net: 0 }));
    return t;
  };
  for (const f of flows) {
    const out = totals(f.year, f.origin);
    out.departures += f.migrants;
    out.net -= f.migrants;
    const into = totals(f.year, f.destination);
    into.arrivals += f.migrants;
    into.net += f.migrants;
  }
  return byYear;
}
