import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTableTexts, REPO_ROOT } from '../../../data/read-tables';
import { loadDataset } from '../../core/load';
import { LANGS } from '../../core/model';
import { FigureResolver, GAP } from './figures';
import { parseStory, type StoryContext } from './story';

const dataset = loadDataset(readTableTexts());
const ctx: StoryContext = {
  yearRange: dataset.model.yearRange,
  regions: new Set(dataset.model.polygons.keys()),
  sources: new Set(dataset.model.sources.keys()),
  facts: new Set(dataset.tables['facts.csv'].map((f) => f.fact_id)),
};
const shipped = JSON.parse(readFileSync(`${REPO_ROOT}/data/stories/north-south.json`, 'utf8')) as Record<
  string,
  unknown
>;
const clone = () =>
  JSON.parse(JSON.stringify(shipped)) as { steps: Record<string, unknown>[] } & Record<string, unknown>;

describe('the shipped north-south story', () => {
  const result = parseStory(shipped, ctx);

  it('is valid', () => {
    expect(result).toMatchObject({ ok: true });
  });

  it('resolves every figure of every step in every language from the data', () => {
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const figures = new FigureResolver(dataset);
    for (const step of result.story.steps)
      for (const lang of LANGS)
        for (const text of [step.caption, step.answer].filter(Boolean)) {
          const filled = figures.fill(text![lang], step.figures, lang);
          expect(filled.text, `${step.id} ${lang}`).not.toContain(GAP);
          expect(filled.text).not.toMatch(/\{\w+\}/);
        }
  });

  it('computes its figures rather than quoting them', () => {
    if (!result.ok) throw new Error('invalid');
    const figures = new FigureResolver(dataset);
    const question = result.story.steps.find((s) => s.id === 'question-2021')!;
    // The 2021 matrix: Turkestan Region has the lowest net of all units.
    const t = dataset.model.flowTotals.get(2021)!;
    const lowest = [...t].sort((a, b) => a[1].net - b[1].net)[0]!;
    expect(lowest[0]).toBe('KZ-61');
    expect(figures.resolve(question.figures.region!, 'en')).toMatchObject({ value: lowest[1].net });
    expect(figures.fill(question.answer!.en, question.figures, 'en').text).toContain('Turkestan Region (-21,297)');
    // The map of that step draws Turkestan as its own polygon (today's units), with the same figure.
    const drawn = dataset.measures.values('net', 2021);
    expect(dataset.measures.version('net', 2021)!.id).toBe('kz2022');
    const mapLowest = [...drawn.values()].filter((v) => v.value !== null).sort((a, b) => a.value! - b.value!)[0]!;
    expect(mapLowest).toMatchObject({ polygonId: 'KZ-61', value: -21297 });
    const enbek = result.story.steps.find((s) => s.id === 'enbek')!;
    expect(figures.fill(enbek.caption.en, enbek.figures, 'en').text).toContain(
      'In 2024, 8,950 resettled: 3,000 of them kandas (ethnic Kazakhs returning from abroad) and 5,950 people moving within the country',
    );
    expect(figures.fill(enbek.caption.en, enbek.figures, 'en').text).toContain(
      'granted to 16,535 people in January–October 2024',
    );
    const russia = result.story.steps.find((s) => s.id === 'russia')!;
    const ruText = figures.fill(russia.caption.en, russia.figures, 'en');
    expect(ruText.text).toContain('Russia counted 86,311 arriving from Kazakhstan and 47,145 leaving for it');
    expect(ruText.sourceIds).toEqual(expect.arrayContaining(['S173', 'S174']));
    const intro = result.story.steps[0]!;
    expect(figures.fill(intro.caption.ru, intro.figures, 'ru').text.replace(/\s/g, ' ')).toContain('162 000');
  });

  it('keeps the forecast step on an observed year', () => {
    if (!result.ok) throw new Error('invalid');
    const forecast = result.story.steps.filter((s) => s.forecast);
    expect(forecast).toHaveLength(1);
    expect(dataset.model.population.get(forecast[0]!.year)?.get('KZ')).toBeDefined();
  });
});

describe('a malformed story', () => {
  it('names the step and the field of each problem', () => {
    const bad = clone();
    bad.steps[1]!.measure = 'happiness';
    bad.steps[2]!.year = 1850;
    delete (bad.steps[3]!.caption as Record<string, string>).kk;
    bad.steps[4]!.highlight = ['KZ-NOWHERE'];
    const result = parseStory(bad, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^step 2 \("north-loses"\): field "measure" must be one of/),
      expect.stringMatching(/^step 3 \("question-2021"\): field "year" must be a whole year from 1990 to 2026/),
      expect.stringMatching(/^step 4 \("south-share"\): field "caption" must give non-empty text .* for en, ru, kk/),
      expect.stringMatching(/^step 5 \("density-2000"\): field "highlight" must be a list of region ids/),
    ]);
  });

  it('rejects a placeholder without a figure, an unknown fact and a missing source', () => {
    const bad = clone();
    (bad.steps[0]!.caption as Record<string, string>).en = 'About {nobody} people';
    (bad.steps[0]!.figures as Record<string, unknown>).in = { kind: 'fact', fact: 'CON-99' };
    bad.steps[1]!.sources = ['S999'];
    const result = parseStory(bad, ctx);
    if (result.ok) throw new Error('accepted');
    expect(result.errors.join('\n')).toContain('step 1 ("emigration"): field "figures.in" names an unknown fact');
    expect(result.errors.join('\n')).toContain('uses {nobody}, which is not in "figures"');
    expect(result.errors.join('\n')).toContain('step 2 ("north-loses"): field "sources" must list');
  });

  it('rejects what is not a story at all, without throwing', () => {
    for (const input of [null, 42, 'story', [], {}, { format: 'kz-migration-story', version: 2, steps: [] }])
      expect(parseStory(input, ctx).ok).toBe(false);
    expect(parseStory({ ...clone(), steps: 'nope' }, ctx)).toMatchObject({ ok: false });
  });
});
