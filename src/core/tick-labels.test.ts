import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCompact, formatNumber } from './format';
import type { Lang } from './model';
import { barAlign, labelExtent, visibleTicks, type TickLabel } from './tick-labels';

/** A label's width as a 12 px sans-serif roughly sets it (the caller measures; the choice only needs widths). */
const widthOf = (text: string) => text.length * 7;

function overlapping(labels: readonly TickLabel[], shown: number[], gap: number): [number, number] | null {
  for (const a of shown)
    for (const b of shown) {
      if (a >= b) continue;
      const [a0, a1] = labelExtent(labels[a]!);
      const [b0, b1] = labelExtent(labels[b]!);
      if (a1 + gap > b0 && b1 + gap > a0) return [a, b];
    }
  return null;
}

/** Labels of values at their positions (0–1) along a bar `width` px wide. */
function barLabels(texts: string[], positions: number[], width: number): TickLabel[] {
  return texts.map((text, i) => ({
    at: positions[i]! * width,
    width: widthOf(text),
    align: barAlign(positions[i]!),
  }));
}

describe('visible tick labels', () => {
  const symlog = [-100000, -10000, -1000, 0, 1000, 10000, 100000];
  const positions = [0, 0.12, 0.3, 0.5, 0.7, 0.88, 1];

  for (const lang of ['en', 'ru', 'kk'] as Lang[]) {
    it(`never overlap on a narrow bar, in ${lang} (compact and full numbers)`, () => {
      for (const format of [
        (v: number) => formatCompact(v, lang, { signed: true }),
        (v: number) => formatNumber(v, lang, { signed: true }),
      ]) {
        const texts = symlog.map(format);
        for (const width of [120, 200, 260, 360, 600]) {
          const labels = barLabels(texts, positions, width);
          const shown = visibleTicks(labels);
          expect(overlapping(labels, shown, 6), `${texts.join(' ')} at ${width}px`).toBeNull();
          // Both ends, and more ticks on a wider bar.
          if (width >= 200) expect(shown).toEqual(expect.arrayContaining([0, symlog.length - 1]));
        }
        const wide = visibleTicks(barLabels(texts, positions, 2000));
        expect(wide).toEqual(symlog.map((_, i) => i));
      }
    });
  }

  it('full numbers that collided ("1 00010 000") keep apart: the end stays, its neighbour gives way', () => {
    const texts = ['1', '10', '100', '1 000', '10 000'];
    const labels = barLabels(texts, [0, 0.25, 0.5, 0.75, 1], 160);
    expect(visibleTicks(labels)).toEqual([0, 1, 2, 4]);
    // Narrower, the last label (right-aligned, 42 px) reaches the middle tick: only one inner label fits.
    expect(visibleTicks(barLabels(texts, [0, 0.25, 0.5, 0.75, 1], 100))).toEqual([0, 1, 4]);
  });

  it('timeline years: the ends first, then tens, then fives, never "2025" against "2026"', () => {
    const years = Array.from({ length: 37 }, (_, i) => 1990 + i);
    const candidates = years.filter((y) => y === 1990 || y === 2026 || y % 5 === 0);
    for (const width of [300, 700, 1000]) {
      const labels: TickLabel[] = candidates.map((y) => ({
        at: ((y - 1990) / 36) * width,
        width: 28,
        align: 'centre',
      }));
      const rank = (i: number) => (i === 0 || i === candidates.length - 1 ? 0 : candidates[i]! % 10 === 0 ? 1 : 2);
      const shown = visibleTicks(labels, rank);
      expect(overlapping(labels, shown, 6)).toBeNull();
      expect(shown.map((i) => candidates[i])).toContain(2026);
      expect(shown.map((i) => candidates[i])).not.toContain(2025);
      if (width >= 700) expect(shown.map((i) => candidates[i])).toContain(2010);
    }
  });

  it('no two shown labels overlap, whatever the labels', () => {
    const label = fc.record({
      at: fc.double({ min: 0, max: 500, noNaN: true }),
      width: fc.double({ min: 1, max: 120, noNaN: true }),
      align: fc.constantFrom<TickLabel['align']>('start', 'centre', 'end'),
    });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 20 }), fc.integer({ min: 0, max: 12 }), (labels, gap) => {
        const shown = visibleTicks(labels, undefined, gap);
        expect(overlapping(labels, shown, gap)).toBeNull();
        if (labels.length) expect(shown).toContain(0);
      }),
    );
  });
});
