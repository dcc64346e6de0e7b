/**
 * One layer per year, each made once and kept while its inputs stay the same:
 * a year step only swaps which year's layer is visible. deck.gl then has
 * nothing to compute or upload on a step (each year's arrays went to the GPU
 * once, when its layer was first made), and hidden layers are not drawn.
 */
import type { Layer } from '@deck.gl/core';

export class YearLayers<L extends Layer = Layer> {
  private deps: readonly unknown[] | null = null;
  private readonly byYear = new Map<number, { shown: L; hidden: L }>();

  /**
   * The layers of every year, `year`'s visible. `deps` are what `make` reads
   * besides the year and visibility (arrays, filter range, style): when one of
   * them changes (by identity), every year's layer is made anew.
   */
  layers(deps: readonly unknown[], years: Iterable<number>, year: number, make: (year: number, visible: boolean) => L): L[] {
    if (!this.deps || deps.length !== this.deps.length || deps.some((d, i) => d !== this.deps![i])) {
      this.deps = deps;
      this.byYear.clear();
    }
    const out: L[] = [];
    for (const y of years) {
      let pair = this.byYear.get(y);
      if (!pair) this.byYear.set(y, (pair = { shown: make(y, true), hidden: make(y, false) }));
      out.push(y === year ? pair.shown : pair.hidden);
    }
    return out;
  }
}
