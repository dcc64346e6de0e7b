/**
 * Polygon colours per measure, year and scale mode, computed once and
 * memoised: a year step looks a map up instead of recomputing colours.
 */
import type { MeasureId, MeasureTable } from './measures';
import { makeScale, paletteColour, type ColourScale, type Palette, type Rgba } from './scales';

export type ScaleMode = 'fixed' | 'year';

export class ChoroplethColours {
  private readonly scales = new Map<string, ColourScale>();
  private readonly colourMaps = new Map<string, Map<string, Rgba>>();

  constructor(private readonly measures: MeasureTable) {}

  scale(measure: MeasureId, year: number, mode: ScaleMode): ColourScale {
    const key = mode === 'fixed' ? `${measure}|fixed` : `${measure}|${year}`;
    let scale = this.scales.get(key);
    if (!scale) {
      const values =
        mode === 'fixed'
          ? this.measures.allValues(measure)
          : [...this.measures.values(measure, year).values()].flatMap((v) => (v.value === null ? [] : [v.value]));
      this.scales.set(key, (scale = makeScale(measure, values)));
    }
    return scale;
  }

  /** polygon id -> colour; polygons without a figure are absent (drawn as a gap). */
  colours(measure: MeasureId, year: number, mode: ScaleMode, palette: Palette = 'screen'): ReadonlyMap<string, Rgba> {
    const key = `${measure}|${year}|${mode}|${palette}`;
    let byPolygon = this.colourMaps.get(key);
    if (!byPolygon) {
      const scale = this.scale(measure, year, mode);
      byPolygon = new Map();
      for (const [id, v] of this.measures.values(measure, year))
        if (v.value !== null) byPolygon.set(id, paletteColour(scale, v.value, palette));
      this.colourMaps.set(key, byPolygon);
    }
    return byPolygon;
  }
}
