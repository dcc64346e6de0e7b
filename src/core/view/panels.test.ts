/** The legend, the table view, the region panel, the measures on offer and the region search, in each language. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { regionSummary } from '../region-summary';
import { HIGH_CONTRAST_THEME, THEME } from '../theme';
import { legendContent } from './legend';
import { measureOptions, measureText } from './measure-text';
import { regionPanelContent } from './region-panel';
import { regionOptions } from './region-options';
import { tableContent } from './table';
import { builtInData, plain, viewInput } from './test-data';

const { model, measures } = builtInData().dataset;

describe('the legend', () => {
  it('titles the scale with the measure and year, and labels its ticks compactly in each language', () => {
    const en = legendContent(viewInput('en'), THEME);
    expect(en.title).toBe('Net inter-regional migration · 2024');
    expect(en.unit).toBe('persons, arrivals − departures');
    expect(en.ticks.map((t) => t.label)).toEqual(['-100k', '-10k', '-1k', '0', '+1k', '+10k', '+100k']);
    expect(en.ticks[0]!.position).toBe(0);
    expect(en.ticks.at(-1)!.position).toBe(1);
    expect(en.scaleNote).toBe('Scale fixed over 1990–2026');
    // Every tick, in each language's numbers (the page hides those that would overlap: ui/tick-fit.ts).
    expect(legendContent(viewInput('ru'), THEME).ticks.map((t) => plain(t.label))).toEqual([
      '-100 тыс.',
      '-10 тыс.',
      '-1 тыс.',
      '0',
      '+1 тыс.',
      '+10 тыс.',
      '+100 тыс.',
    ]);
    expect(legendContent(viewInput('kk'), THEME).ticks.map((t) => plain(t.label))).toHaveLength(7);
    expect(legendContent(viewInput('en', { scale: 'year' }), THEME).scaleNote).toBe('Scale fitted to 2024');
  });

  it('says, while the districts are drawn, that they have no built-in figures, in each language', () => {
    expect(legendContent(viewInput('en'), THEME).districts).toBeNull();
    expect(legendContent(viewInput('en', { districts: true }), THEME).districts).toContain(
      'There are no built-in figures for districts',
    );
    expect(legendContent(viewInput('ru', { districts: true }), THEME).districts).toContain(
      'Встроенных данных по районам нет',
    );
    expect(legendContent(viewInput('kk', { districts: true }), THEME).districts).toContain(
      'кірістірілген деректер жоқ',
    );
  });

  it('says what zero means on a diverging scale, and that net moves between regions sum to zero', () => {
    const en = legendContent(viewInput('en'), THEME);
    expect(en.zeroNote).toBe('0: as many arrived as left. Brown: more left; blue-green: more arrived.');
    // 2024: 16 of the 20 regions lost what 4 gained (the built-in figures sum to zero).
    expect(en.balance).toBe(
      'Moves between regions add up to zero: what 16 regions lost (brown), 4 gained (blue-green).',
    );
    expect(legendContent(viewInput('ru'), THEME).balance).toContain('потеряли 16 регионов');
    expect(legendContent(viewInput('kk'), THEME).balance).toContain('16 өңір');
    expect(legendContent(viewInput('kk'), THEME).zeroNote).toMatch(/^0: /);
    expect(legendContent(viewInput('ru', { measure: 'change' }), THEME).zeroNote).toContain('население убыло');
    // Not for a rate (per 1,000 residents does not sum), nor for sequential measures.
    expect(legendContent(viewInput('en', { measure: 'netRate' }), THEME).balance).toBeNull();
    expect(legendContent(viewInput('en', { measure: 'density' }), THEME).zeroNote).toBeNull();
    // A year without every region's figure says nothing about the sum.
    expect(legendContent(viewInput('en', { year: 1995 }), THEME).balance).toBeNull();
  });

  it('names the classes of density and population, fixed or fitted to the year', () => {
    const fixed = legendContent(viewInput('en', { measure: 'density' }), THEME);
    expect(fixed.classed).toBe(true);
    expect(fixed.stops).toHaveLength(7);
    expect(fixed.scaleNote).toBe('Colour classes fixed over 1990–2026; each holds about 1/7 of those years’ figures');
    expect(legendContent(viewInput('ru', { measure: 'population', scale: 'year' }), THEME).scaleNote).toBe(
      'Цветовые классы по данным 2024 г.; в каждом около 1/7 значений года',
    );
    expect(legendContent(viewInput('kk', { measure: 'density' }), THEME).scaleNote).toContain('1/7');
    expect(legendContent(viewInput('en'), THEME).classed).toBe(false);
  });

  it('shows the arcs in the theme’s colours, and external flows only when they are drawn', () => {
    expect(legendContent(viewInput('en'), HIGH_CONTRAST_THEME).arcs.colours).toEqual([
      HIGH_CONTRAST_THEME.origin,
      HIGH_CONTRAST_THEME.destination,
    ]);
    expect(legendContent(viewInput('en'), THEME).external?.title).toBe('Migration with other countries');
    expect(legendContent(viewInput('en', { showExternal: false }), THEME).external).toBeNull();
    const widths = legendContent(viewInput('en'), THEME).widths;
    expect(widths.map((w) => w.label)).toEqual(['1k', '5k', '20k']);
    expect(widths[0]!.px).toBeLessThan(widths[2]!.px);
  });

  it('says a census rebase, and gives no scale while a question hides the values', () => {
    expect(legendContent(viewInput('en', { measure: 'change', year: 2008 }), THEME).notes).toEqual([
      'Includes the census rebase of 1 January 2009.',
      'Russian subjects: Rosstat’s revised population series (S173), not a 1 January count.',
    ]);
    expect(legendContent(viewInput('kk', { hidden: true }), THEME).hiddenNote).toBe(translator('kk')('story.hidden'));
  });
});

describe('which borders the map says it shows', () => {
  it('names the borders in force, or those the figures were published in, in each language', () => {
    const borders = (lang: 'en' | 'ru' | 'kk', measure: 'population' | 'net', year: number) =>
      legendContent(viewInput(lang, { measure, year }), THEME).borders;
    expect(borders('en', 'population', 2005)).toBe('Shown in the borders before June 2018');
    expect(borders('en', 'population', 2019)).toBe('Shown in the borders of 2018–2021');
    expect(borders('ru', 'population', 2019)).toBe('Показано: границы 2018–2021 гг.');
    expect(borders('kk', 'population', 2024)).toBe('Көрсетілген: 2022 жылдан бергі шекаралар');
    // BNS restated 1 January 2017 with Shymkent apart; the 2010 matrix is in today's units.
    expect(borders('en', 'population', 2017)).toBe(
      'Shown in the borders of 2018–2021, in which these figures were published',
    );
    expect(borders('en', 'net', 2010)).toBe(
      'Shown in the borders of 2022 onwards, in which these figures were published',
    );
    expect(borders('en', 'population', 1995)).toBe(
      'No figures for Kazakhstan’s regions in 1995: only what exists is shown.',
    );
  });
});

describe('the table view', () => {
  it('lists the year’s figure of every region and every flow, in table order', () => {
    const en = tableContent(viewInput('en', { selected: 'KZ-AST' }));
    expect(en).toMatchObject({
      year: 2024,
      measureLabel: 'Net inter-regional migration',
      signed: true,
      shown: 38,
      internalCount: 380,
    });
    expect(en.regions).toHaveLength(20 + 12);
    expect(en.regions.find((r) => r.name === 'Astana (city)')).toEqual({
      name: 'Astana (city)',
      value: 73238,
      sources: 'S02',
    });
    expect(en.flows).toHaveLength(380 + 16);
    expect(en.flows[0]).toEqual({
      from: 'Abai Region',
      to: 'Akmola Region',
      count: 431,
      kind: 'internal',
      sources: 'S02',
    });
    expect(tableContent(viewInput('ru')).flows[0]!.from).toBe('область Абай');
    expect(tableContent(viewInput('kk')).regions[0]!.name).toBe('Ақмола облысы');
  });

  it('hides the values and the flows while a question hides them', () => {
    const hidden = tableContent(viewInput('en', { hidden: true }));
    expect(hidden.flows).toEqual([]);
    expect(hidden.regions.every((r) => r.value === null)).toBe(true);
  });
});

describe('the region panel', () => {
  const panel = (lang: 'en' | 'ru' | 'kk', polygon = 'KZ-VOS', year = 2024) =>
    regionPanelContent(regionSummary(measures, polygon, year)!, model, lang, translator(lang));

  it('says the periods and names the sources in the interface’s language', () => {
    const other = (lang: 'en' | 'ru' | 'kk') => panel(lang, 'KZ-SEV', 2020).other.map(plain);
    expect(other('en').some((l) => l.includes('January–June 2020'))).toBe(true);
    expect(other('ru').some((l) => l.includes('январь–июнь 2020'))).toBe(true);
    expect(other('kk').some((l) => l.includes('қаңтар–маусым 2020'))).toBe(true);
    for (const lang of ['ru', 'kk'] as const) {
      const text = [...other(lang), panel(lang, 'KZ-SEV', 2020).sources].join(' ');
      expect(text).not.toMatch(/\b(Jan|Jun|Sep|Dec)\b|citing|Bureau|via /);
    }
    expect(panel('ru', 'KZ-SEV', 2020).sources).toContain('по данным');
    expect(panel('kk', 'KZ-SEV', 2020).sources).toContain('деректері бойынша');
  });

  it('names the area and every unit it sums, with their flows, in each language', () => {
    const en = panel('en');
    expect(en.title).toBe('East Kazakhstan Region + Abai Region');
    expect(en.notes[0]).toBe('Sum of East Kazakhstan Region + Abai Region');
    expect(en.totalsHeading).toBe('Totals in 2024');
    expect(en.figures).toEqual([
      // East Kazakhstan 727,053 + Abai 607,589 (S170).
      ['Population 1 Jan 2024', '1,334,642'],
      ['Area', '283,300 km²'],
      ['Density', '4.7 / km²'],
      ['Arrivals', '22,784'],
      ['Departures', '33,931'],
      ['Net', '-11,147'],
    ]);
    expect(en.units!.rows).toEqual([
      ['East Kazakhstan Region', '10,298', '13,093', '-2,795'],
      ['Abai Region', '12,486', '20,838', '-8,352'],
    ]);
    expect(en.flowLists.map((l) => l.heading)).toEqual(['Largest inflows', 'Largest outflows']);
    expect(en.sources).toMatch(/^Sources: S\d+ /);
    expect(panel('ru').title).toBe('Восточно-Казахстанская область + область Абай');
    expect(panel('ru').totalsHeading).toBe('Итоги за 2024 год');
    expect(panel('kk').title).toBe('Шығыс Қазақстан облысы + Абай облысы');
    expect(
      panel('kk')
        .figures.map(([label, value]) => [label, plain(value)])
        .at(-1),
    ).toEqual(['Сальдо', '-11 147']);
  });

  it('says when a Kazakh region has no flows in a year, and what a Russian subject lacks', () => {
    expect(panel('en', 'KZ-AST', 2013).noFlows).toBe('No inter-regional flows in the sources for 2013.');
    const omsk = panel('en', 'RU-OMS', 2024);
    expect(omsk.notes).toEqual([translator('en')('panel.russiaMissing')]);
    expect(omsk.noFlows).toBeNull();
  });

  it('gives a Russian subject Rosstat’s population and both countries’ counts of migration', () => {
    const omsk = panel('en', 'RU-OMS', 2018);
    expect(omsk.figures[0]).toEqual(['Population 2018 (Rosstat, revised series)', '1,932,800']);
    expect(omsk.border!.yearLines).toEqual([
      'Russia counted 72,141 people arriving from Kazakhstan and 45,625 leaving for it in 2018 (S174).',
      'Kazakhstan’s count: no full-year figure for 2018.',
    ]);
    expect(omsk.border!.series[0].points).toHaveLength(23);
    expect(omsk.border!.series[1].points.map((p) => p.year)).toEqual([2019, 2021, 2022, 2024]);
    expect(panel('ru', 'RU-OMS', 2019).border!.yearLines.map(plain)).toEqual([
      'Россия учла 86 311 прибывших из Казахстана и 47 145 выбывших в него в 2019 году (S174).',
      'Казахстан учёл 39 800 выбывших в Россию в 2019 году (S97). Казахстан учёл 3 300 прибывших из России (S97).',
    ]);
    expect(panel('kk', 'RU-OMS', 2018).border!.note).toMatch(/^Екі ел әртүрлі есептейді/);
    // A regional office's figure quoted by the press: named in the interface's language, never the data file's English.
    for (const lang of ['ru', 'kk'] as const) {
      const lines = panel(lang, 'RU-OMS', 2022)
        .other.map(plain)
        .filter((l) => l.includes('(S27)'));
      expect(lines.length, lang).toBeGreaterThan(0);
      for (const line of lines) expect(line).not.toMatch(/\b(via|citing|news)\b|Omskstat/);
    }
    expect(
      panel('en', 'RU-NVS', 2024)
        .other.map(plain)
        .find((l) => l.includes('(S28)')),
    ).toContain('not Rosstat’s migration count');
    expect(panel('en', 'KZ-AST', 2018).border).toBeNull();
  });

  it('says where S170 revises S01’s 1 January 2023 and which figure the map shows', () => {
    const abai = panel('en', 'KZ-10', 2024);
    expect(abai.other).toContain(
      'Abai Region: 610,205, 1 January 2023 (S01) — revised by S170 to 610,198, the figure shown',
    );
    expect(panel('en', 'KZ-10', 2023).figures[0]).toEqual(['Population 1 Jan 2023', '610,198']);
  });
});

describe('measures and regions on offer', () => {
  it('names the measures in the language, the imported one only with imported figures', () => {
    expect(measureOptions(model, 2024, translator('en')).map((m) => m.id)).not.toContain('custom');
    expect(measureOptions(model, 2024, translator('ru'))[0]).toEqual({
      id: 'population',
      label: 'Численность населения на 1 января',
    });
    expect(measureText(model, 'change', 2020, translator('en')).unit).toBe('persons, 1 Jan 2020 → 1 Jan 2021');
  });

  it('offers every unit with its own polygon of today, found by its former names too, sorted in the language', () => {
    const en = regionOptions(model, 'en');
    expect(en).toHaveLength(32);
    expect(en.find((o) => o.label === 'Abai Region')).toMatchObject({ polygonId: 'KZ-10', detail: '' });
    expect(en.find((o) => o.names.includes('South Kazakhstan Region (incl. Shymkent)'))!.polygonId).toBe('KZ-61');
    const labels = en.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    const kk = regionOptions(model, 'kk');
    expect(kk.find((o) => o.label === 'Абай облысы')!.polygonId).toBe('KZ-10');
  });
});
