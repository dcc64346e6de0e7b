import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTableTexts, REPO_ROOT } from '../../data/read-tables';
import { readRegions } from '../../geo/read-regions';
import { polygonName } from './labels';
import { loadDataset } from './load';
import { LANGS, unitName } from './model';

const { model, tables } = loadDataset(readTableTexts());
const regions = readRegions('kz2022');
const codes = (file: string) => readFileSync(`${REPO_ROOT}/../shared/data-sources/${file}`, 'utf8');

describe('names come from the project’s own table', () => {
  it('every unit has a name in English, Russian and Kazakh', () => {
    expect(tables['units.csv']).toHaveLength(32);
    for (const u of tables['units.csv'])
      for (const lang of LANGS) {
        expect(unitName(u, lang), `${u.unit_code} ${lang}`).toMatch(/\S/);
        expect(unitName(u, lang, { short: true }), `${u.unit_code} ${lang}`).toMatch(/\S/);
      }
  });

  it('Kazakh names use Kazakh letters where the official forms have them', () => {
    const kk = (code: string) => model.units.get(code)!.name_kk;
    expect(kk('KZ-62')).toBe('Ұлытау облысы');
    expect(kk('KZ-33')).toBe('Жетісу облысы');
    expect(kk('KZ-63')).toBe('Шығыс Қазақстан облысы');
    expect(kk('KZ-47')).toBe('Маңғыстау облысы');
    expect(kk('RU-KGN')).toBe('Қорған облысы');
  });

  it('English and Russian names match the compiled regions table', () => {
    let text: string;
    try {
      text = codes('regions.csv');
    } catch {
      return; // the compiled sources are not beside this clone; the committed table stands alone
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const [code, legacy, en, ru] = line.split(',');
      const unit = model.units.get(code!)!;
      expect(unit.name_en).toBe(en);
      expect(unit.name_ru).toBe(ru);
      expect(unit.legacy_code ?? '').toBe(legacy);
    }
  });

  it('names come only from units.csv: the shapes carry no names (RU-ALT is Altai Krai)', () => {
    const altai = regions.features.find((f) => f.properties.polygon_id === 'RU-ALT')!.properties;
    expect(Object.keys(altai).filter((k) => /name/.test(k))).toEqual([]);
    expect(polygonName(model, 'RU-ALT', 'RU', 'en')).toBe('Altai Krai');
    expect(polygonName(model, 'RU-ALT', 'RU', 'ru')).toBe('Алтайский край');
  });

  it('a polygon holding several units is named after all of them', () => {
    // The unit the polygon is named after leads, the later split follows.
    expect(polygonName(model, 'KZ-VOS', 'G20_2022plus', 'en')).toBe('East Kazakhstan Region + Abai Region');
    expect(polygonName(model, 'KZ-VOS', 'G20_2022plus', 'kk', { short: true })).toBe('Шығыс Қазақстан + Абай');
    expect(polygonName(model, 'KZ-ALM', 'G20_2022plus', 'ru', { short: true })).toBe('Алматинская + Жетісу');
    expect(polygonName(model, 'KZ-VOS', 'G17_2017_2021', 'en', { short: true })).toBe('East Kazakhstan');
  });
});
