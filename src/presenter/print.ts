/**
 * "Print handout": fills the print-only handout with the current view (the
 * composed picture at 2×, a copy of the legend, year, title, credits and the
 * open story step) in the current language, then opens the browser's print
 * dialog. The regions are drawn in the print palette (src/core/scales.ts),
 * whose diverging scale grows lighter from losses to gains, so that a
 * black-and-white copy keeps the sign; where greyscale would still lose
 * meaning (a scale's ends alike, the arcs' direction) the handout says how
 * to read it.
 */
import { apartInGreyscale, relativeLuminance } from '../core/greyscale';
import { legendStops } from '../core/scales';
import { themeFor } from '../core/theme';
import { measureText } from '../core/view/measure-text';
import { translatorOf, type AppStore } from '../state/app-state';
import type { Handout } from '../ui/handout';
import type { Capture } from './capture';
import type { StoryController } from './story-controller';

export async function printHandout(
  store: AppStore,
  capture: Capture,
  story: StoryController,
  handout: Handout,
  legend: HTMLElement,
): Promise<void> {
  const picture = await capture.picture(2, 'print');
  const s = store.get();
  const t = translatorOf(s);
  const scale = s.data.prepared.colours.scale(s.measure, s.year, s.scale);
  const stops = legendStops(scale, 32, 'print');
  const signsLost = scale.kind === 'diverging' && !apartInGreyscale(stops[0]!, stops[stops.length - 1]!);
  const theme = themeFor(s.highContrast, s.darkScheme);
  // The arcs run origin → destination in colour; the note holds only while the origin is the lighter end.
  const arcsReadLightToDark = relativeLuminance(theme.origin) - relativeLuminance(theme.destination) >= 0.1;
  const step = story.stepText();
  await handout.fill({
    title: t('present.exportTitle', {
      measure: measureText(s.data.dataset.model, s.measure, s.year, t).label,
      year: s.year,
    }),
    year: t('print.year', { year: s.year }),
    pictureUrl: URL.createObjectURL(picture),
    legend,
    // Colour classes print as they show (sequential); the screen's bands stay.
    legendStops: scale.transform === 'classes' ? null : stops,
    signs: signsLost ? { negative: t('print.negative'), positive: t('print.positive') } : null,
    step: step && {
      ...step,
      question: step.question === null ? null : t('print.question', { question: step.question }),
    },
    notes: [signsLost && t('print.greyscale'), arcsReadLightToDark && t('print.arcs')].filter(
      (n): n is string => typeof n === 'string',
    ),
    credits: `${t('about.credit')} ${t('about.boundaries')}`,
  });
  window.print();
}
