import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBorderDecision, formatNameDecision, formatNameQuestion } from '../i18n/import-messages';
import { createRegionMatcher } from './region-matcher';
import { borderDecisions, resolveNames } from './resolve';
import { editDistance, suggestUnits } from './suggest';
import { loadUnits } from './test-support';
import { flowRows, validateFigureRows, validateFlowRows } from './validate-rows';

const units = loadUnits();
const matcher = createRegionMatcher(units);
const opts = { file: 'f.csv', matcher, datasetId: 'd' };
const mapping = { origin: 0, destination: 1, year: 2, count: 3 };
const name = (code: string) => units.find((u) => u.unit_code === code)!.name_en;

describe('a name of two units is decided by the file’s context, or asked', () => {
  it('Diar299’s flows: "Almaty" beside "Almaty_city" is Almaty Region, and the decision is reported', () => {
    const result = validateFlowRows(
      [
        ['Almaty', 'Almaty_city', '2025', '36729'],
        ['Almaty_city', 'Almaty', '2025', '34136'],
        ['Turkestan', 'Shymkent_city', '2025', '35436'],
      ],
      mapping,
      opts,
    );
    expect(result.issues).toEqual([]);
    // Rows of a decided name are kept once the file is read (after the others).
    expect(result.rows.map((r) => [r.origin_code, r.destination_code]).sort()).toEqual([
      ['KZ-19', 'KZ-75'],
      ['KZ-61', 'KZ-79'],
      ['KZ-75', 'KZ-19'],
    ]);
    expect(result.summary.decisions).toEqual([
      { text: 'Almaty', code: 'KZ-19', alternatives: ['KZ-75'], because: 'others_named', evidence: [{ text: 'Almaty_city', code: 'KZ-75' }], count: 2 },
    ]); // prettier-ignore
    expect(result.summary.matched).toContainEqual({ text: 'Almaty', count: 2, code: 'KZ-19' });
    expect(formatNameDecision(result.summary.decisions[0]!, 'en', name)).toBe(
      '“Almaty” is read as Almaty Region, because “Almaty_city” is Almaty (city).',
    );
    expect(formatNameDecision(result.summary.decisions[0]!, 'ru')).toBe(
      '«Almaty» прочитано как KZ-19, потому что «Almaty_city» — это KZ-75.',
    );
  });

  it('the user changes the decision with a manual mapping: "Almaty" is then the city everywhere', () => {
    const m = createRegionMatcher(units, { Almaty: 'KZ-75' });
    const result = validateFlowRows([['Almaty', 'Astana', '2024', '5'], ['Almaty_city', 'Astana', '2024', '6']], mapping, { ...opts, matcher: m }); // prettier-ignore
    expect(result.summary.decisions).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['duplicate']);
  });

  it('without context: a question, and the rows wait for the answer (none imported)', () => {
    const result = validateFlowRows([['Almaty', 'Astana', '2024', '5'], ['Astana', 'Pavlodar', '2024', '3']], mapping, opts); // prettier-ignore
    expect(result.rows.map((r) => r.origin_code)).toEqual(['KZ-71']);
    expect(result.summary.questions).toEqual([
      { text: 'Almaty', candidates: ['KZ-19', 'KZ-75'], count: 1, split: false },
    ]);
    expect(result.issues).toMatchObject([{ line: 2, code: 'ambiguous_region', params: { field: 'origin', value: 'Almaty', candidates: ['KZ-19', 'KZ-75'] } }]); // prettier-ignore
    expect(formatNameQuestion(result.summary.questions[0]!, 'en', name)).toBe(
      '“Almaty” could be Almaty Region or Almaty (city): which is it (1 cells)?',
    );
    expect(formatNameQuestion(result.summary.questions[0]!, 'kk')).toBe(
      '«Almaty» KZ-19 немесе KZ-75 болуы мүмкін: қайсысы (ұяшықтар: 1)?',
    );
  });

  it('an abolished oblast covers parts of two units: asked even when one of them is named', () => {
    const result = validateFigureRows(
      [
        ['Semipalatinsk oblast', '1995', '5'],
        ['East Kazakhstan', '1995', '6'],
      ],
      { region: 0, year: 1, value: 2 },
      { ...opts, defaultMeasure: 'm' },
    );
    expect(result.summary.decisions).toEqual([]);
    expect(result.summary.questions).toEqual([{ text: 'Semipalatinsk oblast', candidates: ['KZ-10', 'KZ-63'], count: 1, split: true }]); // prettier-ignore
  });

  it('never silently: every ambiguous name is decided with evidence from the file, or asked and not imported', () => {
    const pool = ['Almaty', 'Алматы', 'Almaty city', 'Almaty_city', 'Almaty Region', 'Altai', 'Altai Krai', 'Altai Republic', 'AST', 'Astana', 'Astrakhan', 'Semipalatinsk oblast', 'Abai', 'East Kazakhstan', 'Pavlodar']; // prettier-ignore
    const rows = fc.array(
      fc.tuple(
        fc.constantFrom(...pool),
        fc.constantFrom(...pool),
        fc.integer({ min: 2015, max: 2024 }),
        fc.nat({ max: 99 }),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(rows, (input) => {
        const cells = input.map(([o, d, y, n]) => [o, d, String(y), String(n)]);
        const result = validateFlowRows(cells, mapping, opts);
        const texts = new Set(cells.flatMap((c) => [c[0]!, c[1]!]));
        const ambiguous = [...texts].filter((t) => {
          const m = matcher.match(t);
          return m !== null && 'candidates' in m;
        });
        const decided = new Map(result.summary.decisions.map((d) => [d.text, d]));
        const asked = new Set(result.summary.questions.map((q) => q.text));
        for (const text of ambiguous) {
          // Each ambiguous name is either decided or asked, never both, never neither.
          expect(decided.has(text) !== asked.has(text), text).toBe(true);
          const d = decided.get(text);
          if (d) {
            const m = matcher.match(text) as { candidates: string[]; split?: true };
            expect(m.split).toBeUndefined();
            expect(m.candidates).toContain(d.code);
            // Every other candidate is named in the file by an unambiguous text, given as evidence.
            for (const other of d.alternatives)
              expect(d.evidence.some((e) => e.code === other && texts.has(e.text))).toBe(true);
          }
        }
        // A row naming an asked name is never imported, and is reported on its line.
        const askedLines = cells.flatMap((c, i) => (asked.has(c[0]!) || asked.has(c[1]!) ? [i + 2] : []));
        for (const line of askedLines)
          expect(
            result.issues.some((i) => i.line === line && i.code === 'ambiguous_region') || result.issues.length >= 1000,
          ).toBe(true);
        expect(flowRows(result.columns, 'd')).toHaveLength(result.summary.rowsValid);
        expect(result.summary.rowsValid).toBeLessThanOrEqual(cells.length - askedLines.length);
      }),
      { numRuns: 500 },
    );
  });

  it('resolveNames on its own', () => {
    const { decisions, questions } = resolveNames(
      [{ text: 'Altai', candidates: ['RU-ALT', 'RU-AL'], split: false, count: 3 }],
      [{ text: 'Altai Krai', code: 'RU-ALT' }],
    );
    expect(decisions).toMatchObject([{ text: 'Altai', code: 'RU-AL', alternatives: ['RU-ALT'] }]);
    expect(questions).toEqual([]);
  });
});

describe('borders of each year', () => {
  const flows = (rows: string[][], borders?: 'by_year' | 'current') =>
    validateFlowRows(rows, mapping, { ...opts, borders });

  it('before a split a unit is read with its later parts, unless the file names them in that year', () => {
    const result = flows([
      ['Turkestan', 'Astana', '2015', '5'], // no Shymkent in 2015: South Kazakhstan with Shymkent
      ['Turkestan', 'Astana', '2016', '5'],
      ['Turkestan', 'Shymkent', '2016', '2'], // Shymkent named in 2016: Turkestan without it
      ['East Kazakhstan', 'Astana', '2020', '7'], // 2020: with Abai
      ['East Kazakhstan', 'Abai', '2023', '1'], // after the split: nothing to decide
    ]);
    expect(result.summary.borders).toEqual([
      { unit: 'KZ-61', parts: ['KZ-79'], years: [2015], reading: 'with_parts', because: 'borders_of_year' },
      { unit: 'KZ-61', parts: ['KZ-79'], years: [2016], reading: 'without_parts', because: 'parts_in_file' },
      { unit: 'KZ-63', parts: ['KZ-10'], years: [2020], reading: 'with_parts', because: 'borders_of_year' },
    ]);
    expect(result.columns.geographyByYear).toEqual({ 2015: 'G16_pre2017', 2016: 'G17_2017_2021', 2020: 'G17_2017_2021', 2023: 'G20_2022plus' }); // prettier-ignore
    expect(formatBorderDecision(result.summary.borders[0]!, 'en', name)).toBe(
      'Turkestan Region in 2015: read with Shymkent (city), the borders of those years.',
    );
  });

  it('the user says the file is in today’s borders: every year read so, and said so', () => {
    const result = flows([['East Kazakhstan', 'Astana', '2019', '7'], ['East Kazakhstan', 'Astana', '2020', '7']], 'current'); // prettier-ignore
    expect(result.summary.borders).toEqual([
      { unit: 'KZ-63', parts: ['KZ-10'], years: [2019, 2020], reading: 'without_parts', because: 'user' },
    ]);
    expect(result.columns.geographyByYear).toEqual({ 2019: 'G20_2022plus', 2020: 'G20_2022plus' });
  });

  it('figures too: the geography of each year and its readings', () => {
    const result = validateFigureRows(
      [
        ['Туркестанская 1', '2016', '2840871'],
        ['Туркестанская 1', '2017', '1966336'],
        ['г. Шымкент', '2017', '912300'],
      ],
      { region: 0, year: 1, value: 2 },
      { ...opts, defaultMeasure: 'population' },
    );
    expect(result.columns.geographyByYear).toEqual({ 2016: 'G16_pre2017', 2017: 'G17_2017_2021' });
    expect(result.summary.borders).toEqual([
      { unit: 'KZ-61', parts: ['KZ-79'], years: [2016], reading: 'with_parts', because: 'borders_of_year' },
    ]);
  });

  it('borderDecisions groups consecutive years read alike', () => {
    const used = new Map([2018, 2019, 2020].map((y) => [y, new Set(['KZ-19'])]));
    const geography = { 2018: 'G17_2017_2021', 2019: 'G17_2017_2021', 2020: 'G17_2017_2021' };
    expect(borderDecisions(used, geography, (c) => units.find((u) => u.unit_code === c), 'by_year')).toEqual([
      { unit: 'KZ-19', parts: ['KZ-33'], years: [2018, 2019, 2020], reading: 'with_parts', because: 'borders_of_year' },
    ]);
  });
});

describe('suggestions for names that match nothing: offered, never applied', () => {
  it.each([
    ['North_Kaz', 'KZ-59', 'abbreviation'],
    ['East_Kaz', 'KZ-63', 'abbreviation'],
    ['West_Kaz', 'KZ-27', 'abbreviation'],
    ['Karag.', 'KZ-35', 'abbreviation'],
    ['Ulutay', 'KZ-62', 'spelling'],
    ['Pavlodr', 'KZ-55', 'spelling'],
    ['Kyzlorda', 'KZ-43', 'spelling'],
  ])('%s → %s (%s)', (text, code, reason) => {
    expect(matcher.match(text)).toBeNull();
    expect(suggestUnits(text, matcher)[0]).toEqual({ code, reason });
  });

  it('nothing close, nothing offered', () => {
    for (const t of ['Atlantis', 'x', '12345', 'Total migration']) expect(suggestUnits(t, matcher), t).toEqual([]);
  });

  it('the summary offers them beside the unmatched name, whose rows stay out', () => {
    const result = validateFlowRows([['North_Kaz', 'Astana', '2024', '5']], mapping, opts);
    expect(result.rows).toEqual([]);
    expect(result.summary.unmatched).toEqual([
      { text: 'North_Kaz', count: 1, candidates: [], suggestions: [{ code: 'KZ-59', reason: 'abbreviation' }] },
    ]);
  });

  it('edit distance: zero only for equal texts, symmetric, one per edit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, a + b)).toBe(b.length);
      }),
    );
    expect(editDistance('ulutai', 'ulitau')).toBe(2);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
});
