import { describe, expect, it } from 'vitest';
import { createRegionMatcher, isTotalName, normalizeRegionName } from './region-matcher';
import { loadUnits } from './test-support';

const units = loadUnits();
const matcher = createRegionMatcher(units);
const code = (text: string) => {
  const r = matcher.match(text);
  return r && 'code' in r ? r.code : r;
};

/** Short names that are two units in real tables: they give their own unit among the candidates. */
const TWO_UNITS = new Set(['Almaty', 'Алматы']);

describe('every name in units.csv matches its own unit', () => {
  const fields = [
    'unit_code', 'legacy_code', 'name_en', 'name_ru', 'name_kk', 'short_en', 'short_ru', 'short_kk',
    'former_name_en', 'former_name_ru', 'former_name_kk', 'former_short_en', 'former_short_ru', 'former_short_kk',
  ] as const; // prettier-ignore
  for (const unit of units)
    it(unit.unit_code, () => {
      for (const field of fields) {
        const name = unit[field];
        if (!name) continue;
        const r = matcher.match(name);
        if (TWO_UNITS.has(name)) expect(r && 'candidates' in r && r.candidates, name).toContain(unit.unit_code);
        else expect(code(name), `${field} "${name}"`).toBe(unit.unit_code);
      }
    });
});

describe('real spellings', () => {
  const cases: [string, string][] = [
    // Astana and its former names
    ['Astana', 'KZ-71'], ['г. Астана', 'KZ-71'], ['Астана қаласы', 'KZ-71'], ['Nur-Sultan', 'KZ-71'],
    ['Nursultan', 'KZ-71'], ['NUR SULTAN', 'KZ-71'], ['г.Нур-Султан', 'KZ-71'], ['Нұр-Сұлтан қаласы', 'KZ-71'],
    ['Tselinograd', 'KZ-71'], ['Целиноград', 'KZ-71'], ['Akmola city', 'KZ-71'], ['г. Акмола', 'KZ-71'],
    ['Astana (Nur-Sultan)', 'KZ-71'],
    // Almaty: with a city word it is the city, with an oblast word or as an adjective the region (bare: see below)
    ['Almaty city', 'KZ-75'], ['Almaty_city', 'KZ-75'], ['г. Алматы', 'KZ-75'], ['Алматы қ.', 'KZ-75'],
    ['Alma-Ata', 'KZ-75'], ['Alma Ata', 'KZ-75'], ['Алма-Ата', 'KZ-75'], ['almaty (city)', 'KZ-75'],
    ['Almaty Region', 'KZ-19'], ['Almaty oblast', 'KZ-19'], ['Almaty Province', 'KZ-19'], ['Алматинская', 'KZ-19'],
    ['Алматинская обл.', 'KZ-19'], ['Алматинской области', 'KZ-19'], ['Алматы облысы', 'KZ-19'], ['Almaty oblysy', 'KZ-19'],
    ['Alma-Ata oblast', 'KZ-19'], ['Алма-Атинская область', 'KZ-19'], ['Almatinskaya oblast', 'KZ-19'],
    // Shymkent and South Kazakhstan
    ['Shymkent', 'KZ-79'], ['Chimkent', 'KZ-79'], ['Чимкент', 'KZ-79'], ['Şymkent', 'KZ-79'], ['Shymkent qalasy', 'KZ-79'],
    ['South Kazakhstan', 'KZ-61'], ['South Kazakhstan Oblast', 'KZ-61'], ['Южно-Казахстанская область', 'KZ-61'],
    ['ЮКО', 'KZ-61'], ['ОҚО', 'KZ-61'], ['Оңтүстік Қазақстан облысы', 'KZ-61'], ['Chimkent oblast', 'KZ-61'],
    ['Чимкентская область', 'KZ-61'], ['Turkestan', 'KZ-61'], ['Türkistan oblysy', 'KZ-61'], ['Туркестанская', 'KZ-61'],
    // East, North, West
    ['East Kazakhstan', 'KZ-63'], ['East-Kazakhstan region', 'KZ-63'], ['ВКО', 'KZ-63'], ['ШҚО', 'KZ-63'],
    ['Shyǵys Qazaqstan oblysy', 'KZ-63'], ['Şyğys Qazaqstan', 'KZ-63'], ['Восточно-Казахстанская обл.', 'KZ-63'],
    ['North Kazakhstan', 'KZ-59'], ['СКО', 'KZ-59'], ['СҚО', 'KZ-59'], ['С.К.О.', 'KZ-59'], ['Soltüstik Qazaqstan', 'KZ-59'],
    ['Северо-Казахстанская', 'KZ-59'], ['West Kazakhstan', 'KZ-27'], ['ЗКО', 'KZ-27'], ['БҚО', 'KZ-27'],
    ['Batys Qazaqstan oblysy', 'KZ-27'], ['Западно-Казахстанская область', 'KZ-27'], ['Uralsk oblast', 'KZ-27'],
    ['Уральская область', 'KZ-27'],
    // Oblasts named after their centre, and their old spellings
    ['Kostanay', 'KZ-39'], ['Qostanay', 'KZ-39'], ['Kustanai', 'KZ-39'], ['Kustanay Region', 'KZ-39'],
    ['Кустанайская область', 'KZ-39'], ['Костанайская обл', 'KZ-39'], ['Қостанай облысы', 'KZ-39'],
    ['Kyzylorda', 'KZ-43'], ['Qyzylorda', 'KZ-43'], ['Kyzyl-Orda', 'KZ-43'], ['Kzyl-Orda', 'KZ-43'], ['Кзыл-Орда', 'KZ-43'],
    ['Кызылординская область', 'KZ-43'], ['Aktobe', 'KZ-15'], ['Aqtobe', 'KZ-15'], ['Aqtöbe', 'KZ-15'],
    ['Aktyubinsk', 'KZ-15'], ['Актюбинская область', 'KZ-15'], ['Ақтөбе облысы', 'KZ-15'],
    ['Zhambyl', 'KZ-31'], ['Jambyl', 'KZ-31'], ['Dzhambul', 'KZ-31'], ['Джамбульская область', 'KZ-31'], ['Жамбылская', 'KZ-31'],
    ['Karaganda', 'KZ-35'], ['Karagandy', 'KZ-35'], ['Qaraǵandy oblysy', 'KZ-35'], ['Карагандинская обл.', 'KZ-35'],
    ['Mangystau', 'KZ-47'], ['Mangistau', 'KZ-47'], ['Mańǵystaý', 'KZ-47'], ['Mangyshlak', 'KZ-47'],
    ['Atyrau', 'KZ-23'], ['Guryev', 'KZ-23'], ['Pavlodar', 'KZ-55'], ['Павлодарская обл.', 'KZ-55'],
    ['Akmola', 'KZ-11'], ['Aqmola oblysy', 'KZ-11'], ['Акмолинская', 'KZ-11'], ['Целиноградская область', 'KZ-11'],
    ['Abai', 'KZ-10'], ['Abay Region', 'KZ-10'], ['Абай облысы', 'KZ-10'], ['Jetisu', 'KZ-33'], ['Zhetysu', 'KZ-33'],
    ['Жетысу', 'KZ-33'], ['Ulytau', 'KZ-62'], ['Ұлытау облысы', 'KZ-62'],
    // Kazakh Latin spellings (peers' files), Kazakh in Latin letters
    ['Aqmola', 'KZ-11'], ['Aqtobe', 'KZ-15'], ['Qostanay', 'KZ-39'], ['Jambyl', 'KZ-31'], ['Turkistan', 'KZ-61'],
    ['Qaraganda', 'KZ-35'], ['Qyzylorda', 'KZ-43'], ['Shyghys Qazaqstan', 'KZ-63'], ['Astana_city', 'KZ-71'],
    ['Shymkent_city', 'KZ-79'],
    // A footnote mark is not part of the name (the bureau's "Туркестанская 1" and its footnote 1)
    ['Туркестанская 1', 'KZ-61'], ['Abai*', 'KZ-10'], ['Ulytau¹', 'KZ-62'], ['Жетісу 2)', 'KZ-33'],
    // Russian border subjects
    ['Omsk Oblast', 'RU-OMS'], ['Омская область', 'RU-OMS'], ['Омбы облысы', 'RU-OMS'], ['Orenburg', 'RU-ORE'],
    ['Orynbor', 'RU-ORE'], ['Chelyabinsk', 'RU-CHE'], ['Astrakhan', 'RU-AST'], ['Altai Krai', 'RU-ALT'],
    ['Алтайский край', 'RU-ALT'], ['Altai Republic', 'RU-AL'], ['Республика Алтай', 'RU-AL'], ['Novosibirsk', 'RU-NVS'],
    // Codes
    ['KZ-71', 'KZ-71'], ['kz71', 'KZ-71'], ['KZ_75', 'KZ-75'], ['KZ-AST', 'KZ-71'], ['kz-ala', 'KZ-75'], ['71', 'KZ-71'],
    ['710000000', 'KZ-71'], ['RU-OMS', 'RU-OMS'], ['OMS', 'RU-OMS'],
  ]; // prettier-ignore
  it.each(cases)('%s → %s', (text, expected) => expect(code(text)).toBe(expected));
});

describe('what does not match, and what is ambiguous', () => {
  it('cities that are not units never map to their oblast', () => {
    for (const city of [
      'Uralsk',
      'Oral',
      'Petropavlovsk',
      'Taraz',
      'Semey',
      'Ust-Kamenogorsk',
      'Pavlodar city',
      'г. Караганда',
    ])
      expect(matcher.match(city), city).toBeNull();
  });

  it('a marker of the wrong kind matches nothing', () => {
    expect(matcher.match('Astana oblast')).toBeNull();
    expect(matcher.match('Akmola city')).toEqual({ code: 'KZ-71' });
  });

  it('shared names give candidates in table order; names of abolished oblasts are marked split', () => {
    expect(matcher.match('Altai')).toEqual({ candidates: ['RU-ALT', 'RU-AL'] });
    expect(matcher.match('AST')).toEqual({ candidates: ['KZ-71', 'RU-AST'] });
    // Bare "Almaty" is the city in some tables and the region in others (peers write "Almaty" and "Almaty_city").
    for (const t of ['Almaty', 'Алматы', 'ALMATY', 'almaty '])
      expect(matcher.match(t), t).toEqual({ candidates: ['KZ-19', 'KZ-75'] });
    expect(matcher.match('Semipalatinsk oblast')).toEqual({ candidates: ['KZ-10', 'KZ-63'], split: true });
    expect(matcher.match('Taldykorgan oblast')).toEqual({ candidates: ['KZ-19', 'KZ-33'], split: true });
    expect(matcher.match('Жезказганская область')).toEqual({ candidates: ['KZ-35', 'KZ-62'], split: true });
  });

  it('unknown, empty, overlong and hostile texts are null', () => {
    for (const t of ['Atlantis', '', '   ', '---', '<img src=x onerror=alert(1)>', 'Almaty'.repeat(50), 'KZ-99'])
      expect(matcher.match(t), t).toBeNull();
  });

  it('national totals are recognised as totals, not regions', () => {
    for (const t of ['Республика Казахстан', 'Republic of Kazakhstan', 'Итого', 'Барлығы', 'TOTAL'])
      expect(isTotalName(t), t).toBe(true);
    for (const t of ['Almaty', 'West Kazakhstan', 'Kazakhstan region']) expect(isTotalName(t), t).toBe(false);
  });
});

describe('normalisation', () => {
  it('ignores case, diacritics, punctuation and spacing', () => {
    const base = normalizeRegionName('Qaraǵandy oblysy');
    for (const t of [
      'QARAGANDY OBLYSY',
      '  qaragandy   oblysy ',
      'Qarag’andy oblysy',
      'Қарағанды облысы',
      'Караганды обл.',
    ])
      expect(normalizeRegionName(t), t).toEqual(base);
    expect(base).toEqual({ key: 'karagandi', marker: 'oblast', words: ['karagandi'] });
  });

  it('marks cities, oblasts and Russian adjectives', () => {
    expect(normalizeRegionName('г. Алматы').marker).toBe('city');
    expect(normalizeRegionName('Алматинская').marker).toBe('oblast');
    expect(normalizeRegionName('Almaty').marker).toBeNull();
    expect(normalizeRegionName('Almaty city region').marker).toBe('both');
  });
});

describe('manual mappings', () => {
  it('map a name by hand, in any spelling, before the automatic match', () => {
    const m = createRegionMatcher(units);
    expect(m.match('Semey')).toBeNull();
    m.addManual('Semey', 'KZ-10');
    expect(m.match('SEMEY')).toEqual({ code: 'KZ-10' });
    expect(m.match(' semey ')).toEqual({ code: 'KZ-10' });
    // A manual mapping answers the question of a bare "Almaty".
    m.addManual('Almaty', 'KZ-19');
    expect(m.match('almaty')).toEqual({ code: 'KZ-19' });
    expect(m.match('Almaty city')).toEqual({ code: 'KZ-75' });
    expect(m.manualMappings()).toEqual({ Semey: 'KZ-10', Almaty: 'KZ-19' });
    m.removeManual('almaty');
    expect(m.match('Almaty')).toEqual({ candidates: ['KZ-19', 'KZ-75'] });
  });

  it('round-trip through the stored form and skip codes that no longer exist', () => {
    const m = createRegionMatcher(units, { Semey: 'KZ-10', Oral: 'KZ-99' });
    expect(m.match('Semey')).toEqual({ code: 'KZ-10' });
    expect(m.match('Oral')).toBeNull();
    expect(m.manualMappings()).toEqual({ Semey: 'KZ-10' });
  });

  it('refuse unknown codes and empty names', () => {
    const m = createRegionMatcher(units);
    expect(() => m.addManual('Semey', 'KZ-99')).toThrow(/unknown unit code/);
    expect(() => m.addManual('...', 'KZ-10')).toThrow(/letters or digits/);
  });
});
