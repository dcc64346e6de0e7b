/**
 * One layer per year, each made once and kept while its inputs stay the same.
 * The map draws only the shown year's layers (a draw-time filter on the year in
 * their ids, see MapView.showYear), so a year step hands deck.gl nothing: no
 * layer to diff, nothing to compute or upload (each year's arrays went to the
 * GPU once, when its layer was first made), and other years are not drawn.
 */
import type { Layer } from '@deck.gl/core';

/** The id of a kind of layer's layer for one year. */
export const yearLayerId = (kind: string, year: number): string => `${kind}-${year}`;

/** The kind of a layer ('arcs-internal', 'nodes', 'choropleth'...), from its id. */
export const layerKind = (id: string | undefined): string | undefined => id?.replace(/-\d{4}$/, '');

/** Whether a layer draws when `year` is shown: year layers only in their year, others always. */
export function drawsInYear(layerId: string, year: number): boolean {
  const m = /-(\d{4})$/.exec(layerId);
  return !m || Number(m[1]) === year;
}

export class YearLayers<L extends Layer = Layer> {
  private deps: readonly unknown[] | null = null;
  private readonly byYear = new Map<number, L>();

  /**
   * The layers of every year. `deps` are what `make` reads besides the year
   * (arrays, filter range, style): when one of them changes (by identity),
   * every year's layer is made anew; otherwise the same objects come back.
   */
  layers(deps: readonly unknown[], years: Iterable<number>, make: (year: number) => L): L[] {
    if (!this.deps || deps.length !== this.deps.length || deps.some((d, i) => d !== this.deps![i])) {
      this.deps = deps;
      this.byYear.clear();
    }
    const out: L[] = [];
    for (const y of years) {
      let layer = this.byYear.get(y);
      if (!layer) this.byYear.set(y, (layer = make(y)));
      out.push(layer);
    }
    return out;
  }
}
