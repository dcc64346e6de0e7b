import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { linkNotices } from './link-notices';
import { flowsText, mapDescription, pausedAnnouncement, statusLine, visibleFlows, yearAnnouncement } from './status';
import { plain, viewInput } from './test-data';

describe('the status line', () => {
  it('counts the flows drawn of the year’s, with their caveat and the national figures, in each language', () => {
    const en = statusLine(viewInput('en'));
    expect(en.arcs).toBe(50);
    expect(en.text).toMatch(/^2024: 50 of the 380 flows between regions are drawn\. /);
    expect(en.text).toContain('16 flows with other countries.');
    expect(en.text).toContain('Kazakhstan as a whole in 2024: 29,948 arrived from abroad, 12,784 left (S06).');
    expect(plain(statusLine(viewInput('ru')).text)).toMatch(
      /^2024: потоков между регионами — 380 \(показано 50\)\. .* Потоков с другими странами: 16\. Казахстан в целом, 2024 год: прибыло из-за рубежа — 29 948, выбыло за рубеж — 12 784 \(S06\)\.$/,
    );
    expect(plain(statusLine(viewInput('kk')).text)).toMatch(
      /^2024: өңірлер арасындағы ағындар — 380 \(көрсетілгені 50\)\. .* Басқа елдермен ағындар: 16\. Тұтас Қазақстан, 2024 жыл: шетелден келгендер — 29 948, шетелге кеткендер — 12 784 \(S06\)\.$/,
    );
  });

  it("with places of the user's own, counts the year's flows between them and says they are drawn between clusters", () => {
    const base = viewInput('en').data;
    const flows = {
      length: 3,
      origin: Uint32Array.of(0, 1, 0),
      destination: Uint32Array.of(1, 2, 2),
      year: Uint16Array.of(2024, 2024, 2023),
      count: Float64Array.of(5, 7, 9),
    };
    const places = {
      length: 1200,
      ids: [],
      names: [],
      positions: new Float64Array(0),
      population: new Float64Array(0),
    };
    const points = { places, placeRegion: new Int32Array(0), regionIds: [], flows } as unknown as NonNullable<
      typeof base.points
    >;
    const withPlaces = { ...base, points };
    expect(statusLine(viewInput('en', { data: withPlaces })).text).toMatch(
      /^2024: 2 flows between your 1,200 places, drawn between clusters of places that split as you zoom in \(the panels sum them by region\)\. /,
    );
    expect(statusLine(viewInput('en', { data: withPlaces, year: 2023 })).text).toMatch(
      /^2023: 1 flows between your 1,200 places/,
    );
    expect(plain(statusLine(viewInput('ru', { data: withPlaces })).text)).toMatch(
      /^2024: потоков между вашими местами \(1 200\) — 2;/,
    );
    // Never "flows between regions" for places.
    expect(statusLine(viewInput('en', { data: withPlaces })).text).not.toContain('between regions are drawn');
  });

  it('says plainly when a year has no flows and where the map has gaps', () => {
    expect(statusLine(viewInput('en', { year: 2013 }))).toEqual({
      text:
        '2013: the sources hold no origin–destination flows between regions for this year, so no arcs between regions are drawn. ' +
        'No full-year flows with other countries by country for this year.',
      arcs: 0,
      noFigure: {
        text: 'No figure for “Net inter-regional migration” in 2013.',
        offer: 'Figures for 2013:',
        measures: [
          { id: 'population', label: 'Population (1 January)' },
          { id: 'density', label: 'Population density' },
          { id: 'change', label: 'Population change during the year' },
        ],
      },
    });
  });

  it('offers the measures that have a figure where the chosen one has none, in each language', () => {
    expect(statusLine(viewInput('en')).noFigure).toBeNull();
    expect(statusLine(viewInput('en', { year: 2013, measure: 'population' })).noFigure).toBeNull();
    const ru = statusLine(viewInput('ru', { year: 2026 })).noFigure!;
    expect(ru.text).toBe('Нет данных по показателю «Сальдо межрегиональной миграции» за 2026 год.');
    expect(ru.offer).toBe('Данные за 2026 год есть для показателей:');
    expect(ru.measures.map((m) => m.id)).toEqual(['population', 'density']);
    const kk = statusLine(viewInput('kk', { year: 2013, measure: 'arrivals' })).noFigure!;
    expect(kk.text).toBe('2013 жылға «Басқа өңірлерден келгендер» көрсеткішінің мәні жоқ.');
    expect(kk.offer).toBe('2013 жылға мәні бар көрсеткіштер:');
    expect(kk.measures.map((m) => m.id)).toEqual(['population', 'density', 'change']);
    // Before 2000 the line already says that no measure has a figure for Kazakhstan's regions.
    expect(statusLine(viewInput('en', { year: 1995 })).noFigure).toBeNull();
  });

  it('before 2000 says that only the Russian side holds figures, in each language', () => {
    expect(statusLine(viewInput('en', { year: 1995, measure: 'population' })).text).toBe(
      '1995: the sources hold no figures for Kazakhstan’s regions before 2000, so they are not drawn; only the Russian border subjects’ population (Rosstat, S173) is shown. Russia’s own count of migration with Kazakhstan (from 1997) is in a Russian subject’s panel.',
    );
    expect(statusLine(viewInput('ru', { year: 1995 })).text).toMatch(/^1995: до 2000 года в источниках нет данных/);
    expect(statusLine(viewInput('kk', { year: 1995 })).text).toMatch(/^1995: 2000 жылға дейін/);
  });

  it('leaves out the flows with other countries when they are not shown', () => {
    const text = statusLine(viewInput('en', { showExternal: false })).text;
    expect(text).not.toContain('other countries');
    expect(text).not.toContain('Kazakhstan as a whole');
  });

  it('says only that the values are hidden while a question hides them', () => {
    expect(statusLine(viewInput('ru', { hidden: true }))).toEqual({
      text: translator('ru')('story.hidden'),
      arcs: 0,
      noFigure: null,
    });
  });

  it('counts a selection’s flows, the minimum and the top N as the map filters them', () => {
    expect(visibleFlows(viewInput('en', { topN: null }))).toEqual({ total: 380, shown: 380 });
    expect(visibleFlows(viewInput('en', { topN: null, selected: 'KZ-AST' }))).toEqual({ total: 380, shown: 38 });
    expect(visibleFlows(viewInput('en', { topN: 10, selected: 'KZ-AST' }))).toEqual({ total: 380, shown: 10 });
    expect(visibleFlows(viewInput('en', { topN: null, minFlow: 1_000_000 }))).toEqual({ total: 380, shown: 0 });
    expect(visibleFlows(viewInput('en'), 'external').total).toBe(16);
  });
});

describe('the map’s description and the announcements', () => {
  it('names the measure, the year, the extremes, the flows drawn and the selection', () => {
    expect(mapDescription(viewInput('en', { selected: 'KZ-AST' }))).toBe(
      'Map of Net inter-regional migration in 2024, Kazakhstan’s regions and the Russian regions on its border. ' +
        'Highest: Astana (city) +73,238. Lowest: Turkestan Region -31,966. ' +
        '38 of 380 flows between regions are drawn. Selected: Astana (city).',
    );
    expect(plain(mapDescription(viewInput('kk', { selected: 'KZ-AST' })))).toContain(
      'Ең жоғары мән: Астана қаласы +73 238.',
    );
    expect(mapDescription(viewInput('en', { hidden: true }))).not.toContain('Highest');
  });

  it('announces a year with its measure, and where playback stopped, in each language', () => {
    expect(yearAnnouncement(viewInput('en'))).toBe('2024: Net inter-regional migration.');
    expect(yearAnnouncement(viewInput('ru'))).toBe('2024: Сальдо межрегиональной миграции.');
    expect(yearAnnouncement(viewInput('kk'))).toBe('2024: Өңіраралық көші-қон сальдосы.');
    expect(pausedAnnouncement(2015, translator('en'))).toBe('Paused at 2015.');
    expect(pausedAnnouncement(2015, translator('ru'))).toBe('Пауза: 2015 год.');
    expect(pausedAnnouncement(2015, translator('kk'))).toBe('Кідіртілді: 2015 жыл.');
  });

  it('sums up the flows for a picture', () => {
    expect(flowsText(viewInput('en'))).toBe('50 of 380 flows between regions drawn');
    expect(flowsText(viewInput('en', { year: 2013 }))).toBe(translator('en')('describe.noFlows'));
  });
});

describe('a link that could not be used', () => {
  const rejected = [{ param: 'year', value: '1850', reason: 'not a whole number from 2000 to 2026' }];

  it('is named field by field, as text, with long values shortened', () => {
    expect(linkNotices(rejected, translator('en'))).toEqual([
      'Part of the link could not be used and was reset: year = “1850” (not a whole number from 2000 to 2026).',
    ]);
    expect(linkNotices(rejected, translator('ru'))[0]).toMatch(/^Часть ссылки не удалось применить/);
    const long = linkNotices([{ param: 'sel', value: 'x'.repeat(100), reason: 'unknown region' }], translator('en'));
    expect(long[0]).toContain(`sel = “${'x'.repeat(40)}…” (unknown region)`);
    expect(linkNotices([], translator('en'))).toEqual([]);
  });

  it('of another version is said once, whatever else it holds', () => {
    expect(
      linkNotices([{ param: 'v', value: '99', reason: 'unsupported link version' }, ...rejected], translator('kk')),
    ).toEqual([translator('kk')('notice.urlVersion')]);
  });
});
