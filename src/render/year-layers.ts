/**
 * One layer per year, each made once and kept while its inputs stay the same.
 * The map draws only the shown year's layers (MapView.showYear asks each
 * layer's year of a registry, never of its id), so a year step hands deck.gl
 * nothing: no layer to diff, nothing to compute or upload (each year's arrays
 * went to the GPU once, when its layer was first made), and other years are
 * not drawn.
 */
import type { Layer } from '@deck.gl/core';

/** The id of a kind of layer's layer for one year (ids must be unique; nothing reads them back). */
export const yearLayerId = (kind: string, year: number): string => `${kind}-${year}`;

/** What each layer the app made is: its kind ('arcs-internal', 'nodes'...) and, for a year layer, its year. */
export class LayerRegistry {
  private readonly entries = new WeakMap<Layer, { kind: string; year: number | null }>();
  private frames = 0;

  /** Frames deck.gl has drawn with these layers (counted by the map: frameDrawn). */
  get frame(): number {
    return this.frames;
  }

  frameDrawn(): void {
    this.frames++;
  }

  add(layer: Layer, kind: string, year: number | null = null): void {
    this.entries.set(layer, { kind, year });
  }

  kindOf(layer: Layer | null | undefined): string | undefined {
    return layer ? this.entries.get(layer)?.kind : undefined;
  }

  /** The year a layer draws in (null: every year). */
  yearOf(layer: Layer): number | null {
    return this.entries.get(layer)?.year ?? null;
  }

  /** Whether a layer draws when `year` is shown: year layers only in their year, others always. */
  drawsIn(layer: Layer, year: number): boolean {
    const y = this.yearOf(layer);
    return y === null || y === year;
  }
}

export class YearLayers<L extends Layer = Layer> {
  private deps: readonly unknown[] | null = null;
  private readonly byYear = new Map<number, L>();
  /** Years still to be made after a change, with the layer each had before it (see layers). */
  private readonly waiting = new Map<number, L>();
  /** Years of the last call whose layer is still to be made (only when made over several calls). */
  missing = 0;
  /** The registry's frame when the deps last changed with a shown year. */
  private changedInFrame = -1;

  constructor(
    private readonly registry: LayerRegistry,
    private readonly kind: string,
  ) {}

  /**
   * The layers of every year. `deps` are what `make` reads besides the year
   * (arrays, filter range, style): when one of them changes (by identity),
   * every year's layer is made anew; otherwise the same objects come back.
   *
   * With `shown`, the change is spread over two frames: the call that sees
   * new deps makes only the shown year's layer (so the frame that shows the
   * change updates one layer in deck.gl, not twenty; the other years' old
   * layers are handed back unchanged, so that deck.gl keeps their models), and
   * the first call after a frame has been drawn makes the rest (not a second
   * call before it: a zoom across the districts' threshold renders twice in
   * one task, and made them all in the zoom's frame); `missing` says how
   * many are left, and the caller asks for another frame while there are.
   * (One frame for the rest, not a few years a frame: each frame redraws the
   * whole map, which a software renderer pays for.) The shown year is always
   * made, so a year step never finds its layer missing.
   */
  layers(deps: readonly unknown[], years: Iterable<number>, make: (year: number) => L, shown?: number): L[] {
    let rest: boolean;
    if (!this.deps || deps.length !== this.deps.length || deps.some((d, i) => d !== this.deps![i])) {
      this.deps = deps;
      this.waiting.clear();
      if (shown !== undefined) for (const [y, layer] of this.byYear) this.waiting.set(y, layer);
      this.byYear.clear();
      rest = shown === undefined;
      if (!rest) this.changedInFrame = this.registry.frame;
    } else rest = shown === undefined || this.registry.frame !== this.changedInFrame;
    const out: L[] = [];
    this.missing = 0;
    for (const y of years) {
      let layer = this.byYear.get(y);
      if (!layer && (y === shown || rest)) {
        this.byYear.set(y, (layer = make(y)));
        this.registry.add(layer, this.kind, y);
        this.waiting.delete(y);
      }
      if (layer) out.push(layer);
      else {
        this.missing++;
        // The year's old layer is handed back as it was until its new one is made: deck.gl skips it
        // (the same object), and then updates it in place (the same id) instead of dropping it now
        // and making it again next frame (a model and its shaders each). It is never drawn: only
        // the shown year's layers are, and the shown year's is always the new one.
        const old = this.waiting.get(y);
        if (old) out.push(old);
      }
    }
    return out;
  }
}
