/**
 * What the view models read: the data shown and the view's settings, with the
 * interface's language. The store's state holds all of it (src/state/app-state.ts).
 */
import type { Translator } from '../../i18n';
import type { MapData } from '../map-data';
import type { MeasureId } from '../measures';
import type { Lang } from '../model';

export interface ViewInput {
  data: MapData;
  year: number;
  measure: MeasureId;
  scale: 'fixed' | 'year';
  selected: string | null;
  minFlow: number;
  topN: number | null;
  showExternal: boolean;
  /** A question step hides the values. */
  hidden: boolean;
  lang: Lang;
  t: Translator;
  /** The map draws the districts (src/core/district-level.ts); absent: it does not. */
  districts?: boolean;
}
