import { describe, expect, it } from 'vitest';
import { readTableTexts } from '../../data/read-tables';
import { polygonName } from './labels';
import { loadDataset } from './load';

const { model, measures } = loadDataset(readTableTexts());
const pop = (unit: string, year: number) => model.population.get(year)!.get(unit)!.population;

describe('polygon values are exact sums of the figures that tile them (boundaries.csv)', () => {
  it('East Kazakhstan + Abai from 2022, East Kazakhstan alone before', () => {
    const v2023 = measures.value('population', 'KZ-VOS', 2023)!;
    expect(v2023.unitCodes).toEqual(['KZ-63', 'KZ-10']);
    expect(v2023.value).toBe(pop('KZ-10', 2023) + pop('KZ-63', 2023));
    const v2021 = measures.value('population', 'KZ-VOS', 2021)!;
    expect(v2021.unitCodes).toEqual(['KZ-63']);
    expect(v2021.value).toBe(pop('KZ-63', 2021));
  });

  it('never splits an old figure: Abai has no value before 2022, East Kazakhstan of today none either', () => {
    expect(measures.value('population', 'KZ-10', 2021)!.value).toBeNull();
    expect(measures.value('population', 'KZ-10', 2021)!.notes).toEqual(['otherBorders']);
    expect(measures.value('population', 'KZ-63', 2021)!.value).toBeNull();
    expect(measures.value('population', 'KZ-10', 2024)!.value).toBe(pop('KZ-10', 2024));
    // Turkestan alone exists from 1 January 2017 (G17), not before.
    expect(measures.value('population', 'KZ-61', 2016)!.value).toBeNull();
    expect(measures.value('population', 'KZ-61', 2017)!.value).toBe(pop('KZ-61', 2017));
  });

  it('draws each year in the version of its figures, or in the borders in force without them', () => {
    expect(measures.version('population', 2016)!.id).toBe('kz2000');
    expect(measures.version('population', 2017)!.id).toBe('kz2018');
    expect(measures.version('population', 2021)!.id).toBe('kz2018');
    expect(measures.version('population', 2024)!.id).toBe('kz2022');
    // The matrices and S171 are in today's units: 2010 and 2015 are drawn in them.
    expect(measures.version('net', 2010)!.id).toBe('kz2022');
    expect(measures.version('netRate', 2015)!.id).toBe('kz2022');
    // No figure of the measure: the borders in force at the year's end.
    expect(measures.version('net', 2013)!.id).toBe('kz2000');
    expect(measures.version('net', 2019)!.id).toBe('kz2018');
    // Change 2016→2017 joins a G16 and a G17 figure: drawn in the coarser, 2000 borders.
    expect(measures.version('change', 2016)!.id).toBe('kz2000');
    // Before 2000 only the Russian subjects hold figures: Kazakhstan's regions are not drawn.
    expect(measures.version('population', 1995)).toBeNull();
    expect(measures.drawnPolygons('population', 1995)).toHaveLength(12);
    expect(measures.drawnPolygons('population', 2015)).toHaveLength(16 + 12);
    expect(measures.drawnPolygons('population', 2019)).toHaveLength(17 + 12);
    expect(measures.drawnPolygons('population', 2024)).toHaveLength(20 + 12);
  });

  it('South Kazakhstan incl. Shymkent up to 2016, Turkestan + Shymkent from 2017', () => {
    expect(measures.value('population', 'KZ-YUZ', 2015)!.value).toBe(2787906);
    expect(polygonName(model, 'KZ-YUZ', measures.value('population', 'KZ-YUZ', 2015)!.geography, 'en')).toBe(
      'South Kazakhstan Region (incl. Shymkent)',
    );
    const v = measures.value('population', 'KZ-YUZ', 2020)!;
    expect(v.value).toBe(pop('KZ-61', 2020) + pop('KZ-79', 2020));
    expect(polygonName(model, 'KZ-YUZ', v.geography, 'en', { short: true })).toBe('Turkestan + Shymkent');
  });

  it('the polygons sum to the national population in every complete year', () => {
    for (let year = 2000; year <= 2025; year++) {
      let sum = 0;
      for (const [id, v] of measures.values('population', year))
        if (model.polygons.get(id)!.country === 'KZ') sum += v.value!;
      expect(sum, String(year)).toBe(pop('KZ', year));
    }
  });

  it('leaves a polygon empty when one of its units has no figure, and says which', () => {
    // 1 Jan 2026: Almaty Region is published, Jetisu is not.
    const v = measures.value('population', 'KZ-ALM', 2026)!;
    expect(v.value).toBeNull();
    expect(v.missing).toEqual(['KZ-33']);
    expect(measures.value('population', 'KZ-AST', 2026)!.value).toBe(pop('KZ-71', 2026));
  });

  it('has no value at all where the sources have none (no interpolation)', () => {
    for (const id of model.polygons.keys()) {
      expect(measures.value('net', id, 2013)!.value).toBeNull();
      expect(measures.value('arrivals', id, 2022)!.value).toBeNull();
    }
  });

  it('net migration sums the OD flows of the units, from OD years or complete official tables', () => {
    const t = model.flowTotals.get(2024)!;
    expect(measures.value('net', 'KZ-VOS', 2024)!.value).toBe(t.get('KZ-10')!.net + t.get('KZ-63')!.net);
    expect(measures.value('net', 'KZ-AST', 2024)!.value).toBe(73238);
    // 2022 has no OD matrix but a complete BNS table of balances (S03 = S05 for the cities).
    expect(measures.value('net', 'KZ-AST', 2022)!.value).toBe(33798);
    expect(measures.value('net', 'KZ-AST', 2022)!.sourceIds).toEqual(['S03']);
  });
});

describe('derived measures', () => {
  it('density divides by the area of the boundary version of the year', () => {
    const v2015 = measures.value('density', 'KZ-VOS', 2015)!;
    expect(v2015.value).toBeCloseTo(pop('KZ-63', 2015) / 283226, 6);
    const v2023 = measures.value('density', 'KZ-VOS', 2023)!;
    expect(v2023.value).toBeCloseTo((pop('KZ-63', 2023) + pop('KZ-10', 2023)) / (97800 + 185500), 6);
    // Almaty city before and after the 2014 annexations.
    expect(measures.value('density', 'KZ-ALA', 2010)!.value).toBeCloseTo(pop('KZ-75', 2010) / 324.8, 6);
    expect(measures.value('density', 'KZ-ALA', 2020)!.value).toBeCloseTo(pop('KZ-75', 2020) / 682, 6);
  });

  it('population change runs from 1 January to the next and flags census rebases', () => {
    const v = measures.value('change', 'KZ-PAV', 2019)!;
    expect(v.value).toBe(pop('KZ-55', 2020) - pop('KZ-55', 2019));
    expect(v.notes).toEqual([]);
    expect(measures.value('change', 'KZ-PAV', 2021)!.notes).toEqual(['censusRebase']);
    expect(measures.value('change', 'KZ-PAV', 2025)!.value).toBeNull(); // no 1 Jan 2026 figure for Pavlodar
  });

  it("net per 1,000 divides by the average annual population of the year (S171), in today's units", () => {
    const v = measures.value('netRate', 'KZ-SEV', 2023)!;
    expect(v.value).toBeCloseTo((model.flowTotals.get(2023)!.get('KZ-59')!.net / 532096.5) * 1000, 9);
    expect(v.sourceIds).toContain('S171');
    const abai2010 = measures.value('netRate', 'KZ-10', 2010)!;
    const avg = model.averagePopulation.get(2010)!.get('KZ-10')!.avg_population;
    expect(abai2010.value).toBeCloseTo((model.flowTotals.get(2010)!.get('KZ-10')!.net / avg) * 1000, 9);
  });

  it("Russian border subjects are coloured by Rosstat's revised series (S173) only", () => {
    const omsk2018 = measures.value('population', 'RU-OMS', 2018)!;
    expect(omsk2018.value).toBe(1932800);
    expect(omsk2018.sourceIds).toEqual(['S173']);
    expect(measures.value('population', 'RU-ORE', 1990)!.value).toBe(
      model.russiaPopulation.get(1990)!.get('RU-ORE')!.population,
    );
    expect(measures.value('change', 'RU-OMS', 2018)!.value).toBe(1913594 - 1932800);
    expect(measures.value('population', 'RU-OMS', 2024)!.value).toBeNull();
    // A dated 1 January figure of another source stays among the other figures.
    expect(model.populationOther.some((r) => r.unit_code === 'RU-OMS' && r.year === 2018)).toBe(true);
  });
});
