import { describe, expect, it } from 'vitest';
import { sourceName } from '../i18n/names';
import { mainSources } from './sources';
import { builtInData } from './view/test-data';

const { model } = builtInData().dataset;

describe('the main sources of a story step', () => {
  it('puts official statistics first and never a wiki copy among the main ones', () => {
    // Step 6 of the built-in story: BNS, a repository, a newspaper, four wiki copies, CABAR.
    const step = ['S01', 'S04', 'S50', 'S51', 'S52', 'S53', 'S54', 'S147'];
    const { main, more } = mainSources(step, model.sources);
    expect(main).toEqual(['S01', 'S04', 'S147']);
    expect(more).toEqual(['S50', 'S51', 'S52', 'S53', 'S54']);
    for (const id of main) expect(['encyclopedia', 'mirror']).not.toContain(model.sources.get(id)!.kind);
  });

  it('keeps only wiki copies behind "more", and names no source twice', () => {
    const { main, more } = mainSources(['S51', 'S135', 'S51'], model.sources);
    expect(main).toEqual([]);
    expect(more).toEqual(['S135', 'S51']);
    expect(mainSources(['S02', 'S01'], model.sources, 1)).toEqual({ main: ['S01'], more: ['S02'] });
  });
});

describe('the name of a source', () => {
  it('is its publisher in English and the project’s short name in Russian and Kazakh', () => {
    expect(sourceName(model, 'S07', 'en')).toBe('Zakon.kz (Kazakh edition) citing BNS');
    expect(sourceName(model, 'S07', 'ru')).toBe('Zakon.kz (на казахском), по данным БНС');
    expect(sourceName(model, 'S07', 'kk')).toBe('Zakon.kz (қазақша), ҰСБ деректері бойынша');
    expect(sourceName(model, 'nope', 'kk')).toBe('nope');
  });

  it('exists in every language for every source', () => {
    for (const s of model.sources.values())
      for (const lang of ['en', 'ru', 'kk'] as const)
        expect(sourceName(model, s.source_id, lang), s.source_id).not.toBe('');
  });
});
