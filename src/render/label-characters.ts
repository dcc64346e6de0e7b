/**
 * The characters of the map's labels, as deck.gl's TextLayer takes them
 * (`characterSet`: its font atlas draws a glyph for each). A new set only
 * when a label brings a character it lacks, so that deck.gl draws new glyphs
 * then, and only then: with 'auto' it compares a new set of the data's
 * characters at every change of labels. Grown ahead (the districts' names,
 * while the map is idle) so that the zoom showing them draws no glyph.
 */
import type { LabelDatum } from '../core/view/map-labels';

export class LabelCharacters {
  private characters = new Set<string>();
  private readonly seen = new WeakSet<readonly LabelDatum[]>();

  /** The set holding every character of these labels and of all before (the same object while none is new). */
  of(labels: readonly LabelDatum[]): ReadonlySet<string> {
    if (this.seen.has(labels)) return this.characters;
    this.seen.add(labels);
    let grown: Set<string> | null = null;
    for (const { text } of labels)
      for (const character of text)
        if (!(grown ?? this.characters).has(character)) (grown ??= new Set(this.characters)).add(character);
    if (grown) this.characters = grown;
    return this.characters;
  }
}
