import { describe, expect, it } from 'vitest';
import { readTableTexts } from '../../data/read-tables';
import { boundariesFrom, Territories } from './geography';
import { parseTables } from './tables';

const { tables } = parseTables(readTableTexts());
const boundaries = boundariesFrom(tables['boundary_versions.csv'], tables['boundaries.csv']);
const territories = new Territories(boundaries);
const version = (id: string) => boundaries.versions.find((v) => v.id === id)!;

describe('which borders a year is drawn in', () => {
  it('takes the borders in force at the end of a year without figures', () => {
    expect(territories.inForce(2005)!.id).toBe('kz2000');
    expect(territories.inForce(2017)!.id).toBe('kz2000');
    // Changes of 19 Jun 2018 and 8 Jun 2022 are in force at the end of those years.
    expect(territories.inForce(2018)!.id).toBe('kz2018');
    expect(territories.inForce(2021)!.id).toBe('kz2018');
    expect(territories.inForce(2022)!.id).toBe('kz2022');
    expect(territories.inForce(2026)!.id).toBe('kz2022');
  });

  it('draws a figure in the geography it was published in, the coarsest when a measure joins several', () => {
    expect(territories.versionFor(['G20_2022plus'], 2010, 2000)!.id).toBe('kz2022');
    expect(territories.versionFor(['G17_2017_2021'], 2017, 2000)!.id).toBe('kz2018');
    expect(territories.versionFor(['G16_pre2017', 'G17_2017_2021'], 2016, 2000)!.id).toBe('kz2000');
    expect(territories.versionFor(['RU'], 2019, 2000)!.id).toBe('kz2018');
    expect(territories.versionFor([], 1995, 2000)).toBeNull();
  });

  it('has the polygon counts of boundary_versions.csv', () => {
    expect(['kz2000', 'kz2018', 'kz2022', 'ru'].map((id) => version(id).polygonIds.length)).toEqual([16, 17, 20, 12]);
  });
});

describe('which figures tile a polygon', () => {
  it('sums whole units of a finer geography into an older polygon', () => {
    expect(territories.cover('KZ-VOS', 'G20_2022plus')).toEqual(['KZ-63', 'KZ-10']);
    expect(territories.cover('KZ-YUZ', 'G17_2017_2021')).toEqual(['KZ-61', 'KZ-79']);
    expect(territories.cover('KZ-YUZ', 'G16_pre2017')).toEqual(['KZ-61']);
    // In 2018–2021, KZ-63 is published for East Kazakhstan with Abai.
    expect(territories.cover('KZ-VOS', 'G17_2017_2021')).toEqual(['KZ-63']);
  });

  it('never splits an older figure into newer polygons', () => {
    expect(territories.cover('KZ-10', 'G17_2017_2021')).toBeNull();
    expect(territories.cover('KZ-63', 'G17_2017_2021')).toBeNull();
    expect(territories.cover('KZ-61', 'G16_pre2017')).toBeNull();
    expect(territories.cover('KZ-79', 'G16_pre2017')).toBeNull();
    expect(territories.cover('KZ-79', 'G17_2017_2021')).toEqual(['KZ-79']);
  });

  it('finds the polygon of a version that holds a territory', () => {
    expect(territories.holder('KZ-10', version('kz2018'))).toBe('KZ-VOS');
    expect(territories.holder('KZ-79', version('kz2000'))).toBe('KZ-YUZ');
    expect(territories.holder('KZ-AST', version('kz2000'))).toBe('KZ-AST');
    // An old region shown in today's borders is two polygons: none holds all of it.
    expect(territories.holder('KZ-VOS', version('kz2022'))).toBeNull();
    expect(territories.overlaps('KZ-VOS', 'KZ-10')).toBe(true);
    expect(territories.overlaps('KZ-VOS', 'KZ-33')).toBe(false);
  });
});
