import { readFileSync } from 'node:fs';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/read-tables';
import { DISTRICT_ZOOM, districtName, districtsShown } from './district-level';
import { districtSetFromTopology } from './districts';

const set = districtSetFromTopology(
  JSON.parse(readFileSync(`${REPO_ROOT}/geo/districts.topojson`, 'utf8')) as Topology,
);

describe('the district level', () => {
  it('is drawn from DISTRICT_ZOOM on in auto, always when chosen, never with regions only', () => {
    expect(districtsShown('auto', null)).toBe(false);
    expect(districtsShown('auto', DISTRICT_ZOOM - 0.01)).toBe(false);
    expect(districtsShown('auto', DISTRICT_ZOOM)).toBe(true);
    expect(districtsShown('districts', 2)).toBe(true);
    expect(districtsShown('regions', 9)).toBe(false);
  });

  it('decodes the 224 districts with their outlines', () => {
    expect(set.districts.features).toHaveLength(224);
    expect(set.outlines.byPolygon.size).toBe(224);
    expect(set.outlines.length).toBeGreaterThan(224 * 3);
  });

  it('finds the district at a point: each label point lies in its own district', () => {
    for (const { properties: p } of set.districts.features)
      expect(set.at(p.label_lon, p.label_lat)?.district_id, p.name_en).toBe(p.district_id);
    // Semey city (Abai) and a point outside Kazakhstan (Omsk).
    expect(set.at(80.25, 50.41)?.name_en).toBe('Semey');
    expect(set.at(73.37, 54.98)).toBeNull();
  });

  it('labels every district in each language, below the regions in priority', () => {
    const kk = set.labels('kk');
    expect(kk).toHaveLength(224);
    expect(set.labels('kk')).toBe(kk);
    expect(kk.find((l) => l.text === 'Жаңасемей')).toMatchObject({ kind: 'district', position: [77.6409, 49.3235] });
    expect(Math.max(...kk.map((l) => l.priority))).toBeLessThan(1);
    expect(set.labels('en').map((l) => l.text)).toContain('Zharasemey');
  });

  it('names a district in the language asked for, and says which language stands in for a missing one', () => {
    const zharasemey = set.districts.features.find((f) => f.properties.district_id === '101010000')!.properties;
    expect(districtName(zharasemey, 'kk')).toEqual({ name: 'Жаңасемей', lang: 'kk' });
    expect(districtName(zharasemey, 'ru')).toEqual({ name: 'Жанасемейский', lang: 'ru' });
    expect(districtName({ ...zharasemey, name_en: ' ' }, 'en')).toEqual({ name: 'Жанасемейский', lang: 'ru' });
    expect(districtName({ ...zharasemey, name_en: '', name_ru: '', name_kk: '' }, 'en')).toBeNull();
  });
});
