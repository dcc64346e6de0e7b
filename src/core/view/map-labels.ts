/**
 * The map's labels: every drawn region named after all the units it sums, in
 * the boundary version of the figures shown, and the whole countries that
 * the year's external flows reach.
 */
import type { Translator } from '../../i18n';
import { placeName } from '../../i18n/names';
import { polygonName } from '../labels';
import type { Regions } from '../map-data';
import type { Geography, Lang, Model } from '../model';
import { NATIONAL_ANCHOR } from '../prepared';

export interface LabelDatum {
  position: [number, number];
  /** Other places for the label when its position is taken (a region's administrative centre). */
  alternatives?: [number, number][];
  text: string;
  /** Which label stays when two collide (higher wins): cities, Kazakh regions, Russian ones, countries. */
  priority: number;
  /** Cities get a smaller, darker label at their centre; districts a smaller one, giving way to regions; the national node's hangs below its wide ring. */
  kind: 'region' | 'district' | 'city' | 'anchor' | 'national';
}

/** Label size in CSS px (also used to place labels without overlaps). */
export const labelSize = (d: LabelDatum, textScale: number): number =>
  (d.kind === 'region' ? 12 : d.kind === 'district' ? 10 : 11) * textScale;

/** Region and district labels are centred on their point; the others hang below theirs. */
export const centredLabel = (d: LabelDatum): boolean => d.kind === 'region' || d.kind === 'district';

/** How far below its point a label hangs, in CSS px (a region's or district's is centred on it; the national ring is 13 px wide). */
export const labelOffset = (d: LabelDatum): number => (centredLabel(d) ? 0 : d.kind === 'national' ? 16 : 6);

export function mapLabels(
  model: Model,
  regions: Regions,
  geography: Geography | null,
  anchors: readonly string[],
  lang: Lang,
  t: Translator,
): LabelDatum[] {
  const labels = regions.features
    .filter((f) => model.polygons.has(f.properties.polygon_id))
    .map((f): LabelDatum => ({
      position: [f.properties.label_lon, f.properties.label_lat] as [number, number],
      alternatives: [model.units.get(model.polygons.get(f.properties.polygon_id)!.unitCodes[0]!)!.centre],
      text: polygonName(model, f.properties.polygon_id, geography, lang, { short: true, separator: '\n+ ' }),
      kind: 'region',
      // The two big cities' small polygons would otherwise give way to the oblasts around them.
      priority:
        f.properties.country === 'RU'
          ? 1
          : model.units.get(model.polygons.get(f.properties.polygon_id)!.unitCodes[0]!)!.kind === 'city'
            ? 3
            : 2,
    }));
  for (const code of anchors)
    labels.push(
      code === NATIONAL_ANCHOR
        ? {
            position: model.anchors.get(code)!,
            // "Kazakhstan" over "(the country as a whole)": named apart from the regions around it.
            text: t('tooltip.nationalAnchor').replace(' (', '\n('),
            kind: 'national',
            // Above the oblasts' names (which can move to their centres), below the two cities'.
            priority: 2.5,
          }
        : { position: model.anchors.get(code)!, text: placeName(model, code, lang), kind: 'anchor', priority: 0 },
    );
  return labels;
}
