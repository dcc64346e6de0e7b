import { describe, expect, it } from 'vitest';
import { builtInData, plain, viewInput } from './test-data';
import { translator } from '../../i18n';
import { labelOffset, mapLabels } from './map-labels';
import type { DistrictProps } from '../district-level';
import { pickedPolygon, tooltipText, type Picked } from './tooltip';

/** The prepared item of a flow (origin → destination) in a year. */
function arcItem(set: 'internal' | 'external', year: number, origin: string, destination: string): number {
  const flows = builtInData().prepared[set];
  const slice = flows.prepared.slices.get(year)!;
  for (let i = slice.offset; i < slice.offset + slice.length; i++) {
    const r = flows.records[flows.prepared.rows[i]!]!;
    if (r.origin === origin && r.destination === destination) return i;
  }
  throw new Error(`no flow ${origin} → ${destination} in ${year}`);
}

describe('the tooltip of a region', () => {
  const astana: Picked = { kind: 'region', polygonId: 'KZ-AST' };

  it('names it, gives its figure with the sign, its source and what a click does, in each language', () => {
    expect(tooltipText(astana, viewInput('en'))).toEqual({
      title: 'Astana (city)',
      lines: ['Net inter-regional migration, 2024: +73,238', 'Source: S02', 'Click to isolate its flows'],
    });
    const ru = tooltipText(astana, viewInput('ru'))!;
    expect({ ...ru, lines: ru.lines.map(plain) }).toEqual({
      title: 'г. Астана',
      lines: [
        'Сальдо межрегиональной миграции, 2024: +73 238',
        'Источник: S02',
        'Нажмите, чтобы показать только его потоки',
      ],
    });
    const kk = tooltipText(astana, viewInput('kk'))!;
    expect({ ...kk, lines: kk.lines.map(plain) }).toEqual({
      title: 'Астана қаласы',
      lines: [
        'Өңіраралық көші-қон сальдосы, 2024: +73 238',
        'Дереккөз: S02',
        'Тек оның ағындарын көрсету үшін басыңыз',
      ],
    });
  });

  it('names every unit a polygon sums, and says when a figure is missing', () => {
    const vos = tooltipText({ kind: 'region', polygonId: 'KZ-VOS' }, viewInput('en'))!;
    expect(vos.title).toMatch(/^East Kazakhstan( Region)? \+ Abai( Region)?$/);
    expect(vos.lines.some((l) => l.startsWith('Sum of '))).toBe(true);
    const gap = tooltipText(astana, viewInput('en', { year: 2013 }))!;
    expect(gap.lines[0]).toBe('Net inter-regional migration, 2013: No figure for 2013');
  });

  it('gives no figure while a question hides the values', () => {
    const hidden = tooltipText(astana, viewInput('en', { hidden: true }))!;
    expect(hidden).toEqual({ title: 'Astana (city)', lines: ['Values are hidden until the answer is revealed.'] });
  });
});

describe('the tooltip of a district', () => {
  const zharasemey: DistrictProps = {
    district_id: '101010000',
    unit_code: 'KZ-10',
    pcode: 'KZ101010',
    name_en: 'Zharasemey',
    name_ru: 'Жанасемейский',
    name_kk: 'Жаңасемей',
    area_km2: 31170.1,
    label_lon: 77.6409,
    label_lat: 49.3235,
  };
  const picked: Picked = { kind: 'district', district: zharasemey, polygonId: 'KZ-10' };

  it('names it in the interface language, its region, that it has no figure, then the region’s figure', () => {
    const en = tooltipText(picked, viewInput('en', { measure: 'population' }))!;
    expect(en.title).toBe('Zharasemey');
    expect(en.lines.slice(0, 3)).toEqual([
      'District in Abai Region',
      'No built-in figure for districts',
      'Figure of Abai Region:',
    ]);
    expect(en.lines[3]).toBe('Population (1 January), 2024: 607,589');
    expect(en.lines).toContain('Source: S170');
    expect(tooltipText(picked, viewInput('ru'))!.title).toBe('Жанасемейский');
    const kk = tooltipText(picked, viewInput('kk'))!;
    expect(kk.title).toBe('Жаңасемей');
    expect(kk.lines[1]).toBe('Аудандар бойынша кірістірілген деректер жоқ');
  });

  it('marks a name given in another language where the source has none in this one', () => {
    const noKazakh = { ...picked, district: { ...zharasemey, name_kk: '' } };
    const kk = tooltipText(noKazakh, viewInput('kk'))!;
    expect(kk.title).toBe('Жанасемейский');
    expect(kk.lines[0]).toBe('Дереккөзде бұл тілдегі атауы жоқ: RU тілінде берілген.');
  });

  it('selects its region on a click', () => {
    expect(pickedPolygon(picked, builtInData())).toBe('KZ-10');
  });
});

describe('the tooltip of a flow', () => {
  it('gives the migrants, the year, the kind, the period and the sources with their publishers', () => {
    const item = arcItem('internal', 2024, 'KZ-75', 'KZ-71');
    const text = tooltipText({ kind: 'arc', set: 'internal', item }, viewInput('en'))!;
    expect(text.title).toBe('Almaty (city) → Astana (city)');
    expect(text.lines[0]).toMatch(/^[\d,]+ migrants$/);
    expect(text.lines).toContain('Year 2024');
    expect(text.lines).toContain('Between regions');
    expect(text.lines.at(-1)).toMatch(/^Source: S\d+ \(.+\)/);
    const ru = tooltipText({ kind: 'arc', set: 'internal', item }, viewInput('ru'))!;
    expect(ru.title).toBe('г. Алматы → г. Астана');
    expect(plain(ru.lines[0]!)).toMatch(/^Мигрантов: [\d ]+$/);
    const kk = tooltipText({ kind: 'arc', set: 'internal', item }, viewInput('kk'))!;
    expect(plain(kk.lines[0]!)).toMatch(/^[\d ]+ мигрант$/);
  });

  it('says the period and names the source in the interface’s language, never in English', () => {
    const item = arcItem('internal', 2024, 'KZ-75', 'KZ-71');
    const lines = (lang: 'en' | 'ru' | 'kk') =>
      tooltipText({ kind: 'arc', set: 'internal', item }, viewInput(lang))!.lines.map(plain);
    expect(lines('en')).toContain('Period: January–December');
    expect(lines('en')).toContain('Source: S02 (D. Islambekov (GitHub Diar299/kz-migration), citing BNS stat.gov.kz)');
    expect(lines('ru')).toContain('Период: январь–декабрь');
    expect(lines('ru')).toContain(
      'Источник: S02 (Д. Исламбеков (GitHub Diar299/kz-migration), по данным БНС (stat.gov.kz))',
    );
    expect(lines('kk')).toContain('Кезең: қаңтар–желтоқсан');
    expect(lines('kk')).toContain(
      'Дереккөз: S02 (Д. Исламбеков (GitHub Diar299/kz-migration), ҰСБ (stat.gov.kz) деректері бойынша)',
    );
    for (const lang of ['ru', 'kk'] as const) expect(lines(lang).join(' ')).not.toMatch(/Jan|Dec|citing|Bureau/);
  });

  it('names Kazakhstan as a whole and the side that reported an external flow', () => {
    const item = arcItem('external', 2024, 'KZ', 'RU');
    const text = tooltipText({ kind: 'arc', set: 'external', item }, viewInput('en'))!;
    expect(text.title).toBe('Kazakhstan (the country as a whole) → Russia');
    expect(text.lines).toContain('8,800 migrants');
    expect(text.lines).toContain('Reported by Kazakhstan’s statistics');
    expect(text.lines).toContain('Russia’s count: none for 2024 (published for 1997–2019).');
  });

  it('puts both countries’ counts of the year on an arc with Russia, each with its source', () => {
    const item = arcItem('external', 2019, 'KZ', 'RU');
    const en = tooltipText({ kind: 'arc', set: 'external', item }, viewInput('en', { year: 2019 }))!;
    expect(en.lines).toContain('Kazakhstan counted 39,800 people leaving for Russia in 2019 (S97).');
    expect(en.lines).toContain('Russia counted 86,311 arriving from Kazakhstan in 2019 (S174).');
    expect(en.lines.filter((l) => l.startsWith('The two countries count differently'))).toHaveLength(1);
    const ru = tooltipText({ kind: 'arc', set: 'external', item }, viewInput('ru', { year: 2019 }))!;
    expect(ru.lines.map(plain)).toContain('Россия учла 86 311 прибывших из Казахстана в 2019 году (S174).');
    const kk = tooltipText({ kind: 'arc', set: 'external', item }, viewInput('kk', { year: 2019 }))!;
    expect(kk.lines.map(plain)).toContain('Қазақстан 2019 жылы Ресейге кеткен 39 800 адамды есепке алды (S97).');
  });
});

describe('the national node', () => {
  it('is named and explained as the country as a whole, not a place, in each language, and selects no region', () => {
    const national: Picked = { kind: 'national' };
    const en = tooltipText(national, viewInput('en'))!;
    expect(en.title).toBe('Kazakhstan (the country as a whole)');
    expect(en.lines[0]).toMatch(/^Not a place: this ring stands for the whole country\./);
    expect(tooltipText(national, viewInput('ru'))!.title).toBe('Казахстан (страна в целом)');
    expect(tooltipText(national, viewInput('ru'))!.lines[0]).toMatch(/^Это не место/);
    expect(tooltipText(national, viewInput('kk'))!.title).toBe('Қазақстан (тұтас ел)');
    expect(tooltipText(national, viewInput('kk'))!.lines[0]).toMatch(/^Бұл орын емес/);
    expect(pickedPolygon(national, builtInData())).toBeNull();
  });

  it('is drawn apart from the capitals and labelled on two lines', () => {
    const { model } = builtInData().dataset;
    const anchors = builtInData().prepared.anchorsByYear.get(2024)!;
    expect(anchors.national).toEqual([model.anchors.get('KZ')]);
    expect(anchors.positions).not.toContainEqual(model.anchors.get('KZ'));
    expect(anchors.positions).toHaveLength(anchors.codes.length - 1);
    const labels = mapLabels(
      model,
      builtInData().drawn('net', 2024).regions,
      null,
      anchors.codes,
      'kk',
      translator('kk'),
    );
    const national = labels.filter((l) => l.kind === 'national');
    expect(national.map((l) => l.text)).toEqual(['Қазақстан\n(тұтас ел)']);
    expect(labelOffset(national[0]!)).toBeGreaterThan(labelOffset(labels.find((l) => l.kind === 'anchor')!));
  });
});

describe('the tooltip of a node, and what a click selects', () => {
  it('gives a centre its arrivals, departures and net, and selects its polygon', () => {
    const { nodes } = builtInData().prepared;
    const slice = nodes.slices.get(2024)!;
    const item = [...Array(slice.length).keys()]
      .map((k) => slice.offset + k)
      .find((i) => nodes.codes[nodes.locations[i]!] === 'KZ-71')!;
    const text = tooltipText({ kind: 'node', item }, viewInput('en'))!;
    expect(text.title).toBe('Astana (city) (Astana)');
    expect(text.lines.map((l) => l.split(':')[0])).toEqual(['Arrivals', 'Departures', 'Net']);
    expect(text.lines[2]).toBe('Net: +73,238');
    expect(pickedPolygon({ kind: 'node', item }, builtInData())).toBe('KZ-AST');
    expect(pickedPolygon({ kind: 'region', polygonId: 'nowhere' }, builtInData())).toBeNull();
    expect(pickedPolygon({ kind: 'arc', set: 'internal', item: 0 }, builtInData())).toBeNull();
  });
});
