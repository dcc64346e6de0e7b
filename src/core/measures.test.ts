import { describe, expect, it } from 'vitest';
import { readTableTexts } from '../../data/read-tables';
import { polygonName } from './labels';
import { loadDataset } from './load';

const { model, measures } = loadDataset(readTableTexts());
const pop = (unit: string, year: number) => model.population.get(year)!.get(unit)!.population;

describe('polygon values are exact sums over the units they hold (crosswalk)', () => {
  it('East Kazakhstan + Abai from 2022, East Kazakhstan alone before', () => {
    const v2023 = measures.value('population', 'KZ-VOS', 2023)!;
    expect(v2023.unitCodes).toEqual(['KZ-63', 'KZ-10']);
    expect(v2023.value).toBe(pop('KZ-10', 2023) + pop('KZ-63', 2023));
    const v2021 = measures.value('population', 'KZ-VOS', 2021)!;
    expect(v2021.unitCodes).toEqual(['KZ-63']);
    expect(v2021.value).toBe(pop('KZ-63', 2021));
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
    for (let year = 2000; year <= 2023; year++) {
      let sum = 0;
      for (const [id, p] of model.polygons)
        if (p.country === 'KZ') sum += measures.value('population', id, year)!.value!;
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

  it('net per 1,000 residents uses the population at 1 January of the year', () => {
    const v = measures.value('netRate', 'KZ-SEV', 2023)!;
    expect(v.value).toBeCloseTo((model.flowTotals.get(2023)!.get('KZ-59')!.net / pop('KZ-59', 2023)) * 1000, 9);
  });

  it('Russian border subjects show only 1 January figures, never other dates', () => {
    const omsk2018 = measures.value('population', 'RU-OMS', 2018)!;
    expect(omsk2018.value).toBe(1959822);
    // Omsk's 2019 figure is an infobox value without a date: not a 1 January population.
    expect(measures.value('population', 'RU-OMS', 2019)!.value).toBeNull();
    expect(model.populationOther.some((r) => r.unit_code === 'RU-OMS' && r.year === 2019)).toBe(true);
  });
});
