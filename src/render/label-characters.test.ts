import { describe, expect, it } from 'vitest';
import type { LabelDatum } from '../core/view/map-labels';
import { LabelCharacters } from './label-characters';

const labels = (...texts: string[]): LabelDatum[] =>
  texts.map((text) => ({ position: [71, 51], text, priority: 1, kind: 'region' }));

describe('LabelCharacters', () => {
  it('holds every character of the labels, Kazakh letters included', () => {
    const set = new LabelCharacters().of(labels('Астана', 'Қарағанды'));
    expect([...'АстанҚрғды'].every((c) => set.has(c))).toBe(true);
    expect(set.has('x')).toBe(false);
  });

  it('hands back the same set while no label brings a new character, a new one when one does', () => {
    const characters = new LabelCharacters();
    const first = characters.of(labels('Astana', 'Almaty'));
    // Other labels (another camera's placement) of known characters: the same object, no new glyphs.
    expect(characters.of(labels('Atyrau'.slice(0, 2), 'Any'))).toBe(first);
    const grown = characters.of(labels('Shymkent'));
    expect(grown).not.toBe(first);
    expect([...'ShymkentAstanaAlmaty'].every((c) => grown.has(c))).toBe(true);
    // The old set is left as it was (deck.gl compared it by identity).
    expect(first.has('S')).toBe(false);
  });

  it('grown ahead, draws nothing new when those labels come', () => {
    const characters = new LabelCharacters();
    characters.of(labels('Astana'));
    const districts = labels('Ұлытау', 'Жаңаарқа');
    const ahead = characters.of(districts);
    expect(characters.of(labels('Жаңаарқа', 'Astana'))).toBe(ahead);
  });
});
