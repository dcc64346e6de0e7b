import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW as defaults,
  readUrlState,
  urlCamera,
  writeUrlState,
  type UrlContext,
  type ViewState,
} from './url-state';
const ctx: UrlContext = {
  yearRange: [2000, 2026],
  selectable: new Set(['KZ-VOS', 'KZ-AST', 'RU-OMS']),
  stories: new Set(['north-south']),
  defaults,
};

describe('URL state', () => {
  it('round-trips every field', () => {
    const state: ViewState = {
      year: 2015,
      measure: 'density',
      selected: 'KZ-VOS',
      minFlow: 250,
      topN: null,
      scale: 'year',
      showExternal: false,
      camera: { lon: 66.5, lat: 48.25, zoom: 4.5 },
      lang: 'kk',
      story: 'north-south',
      step: 4,
      view: 'projector',
      highContrast: true,
      dataset: 'user-lz3k-0a1b2c3d',
      level: 'districts',
    };
    const parsed = readUrlState(writeUrlState(state), ctx);
    expect(parsed.rejected).toEqual([]);
    expect(parsed.state).toEqual(state);
  });

  it('reads the camera alone (for the map, before the data) exactly as the whole link does', () => {
    for (const search of [
      '',
      '?v=1&cam=66.5,48.25,4.5',
      '?v=1&year=1850&cam=66.5,48.25,4.5&sel=KZ-XX',
      '?cam=66.5,48.25,4.5',
      '?cam=66.5,48.25',
      '?v=2&cam=66.5,48.25,4.5',
      '?v=1&cam=1,2',
      '?v=1&cam=200,10,3',
      '?v=1&cam=10,10,NaN',
      '?v=1&year=2015',
    ])
      expect(urlCamera(search), search).toEqual(readUrlState(search, ctx).state.camera);
  });

  it('gives the defaults for an empty URL', () => {
    expect(readUrlState('', ctx)).toEqual({ state: defaults, rejected: [] });
  });

  it('resets each bad field on its own and reports it', () => {
    const { state, rejected } = readUrlState(
      '?v=1&year=1850&m=bogus&sel=KZ-XX&min=-3&top=0&cam=1,2&lvl=all&lang=fr&measure=x',
      ctx,
    );
    expect(state).toEqual(defaults);
    expect(rejected.map((r) => r.param)).toEqual(['year', 'm', 'sel', 'min', 'top', 'cam', 'lvl', 'lang']);
  });

  it('keeps the good fields of a partly bad URL', () => {
    const { state, rejected } = readUrlState('?v=1&year=2010&m=nope&sel=RU-OMS', ctx);
    expect(state.year).toBe(2010);
    expect(state.selected).toBe('RU-OMS');
    expect(state.measure).toBe('net');
    expect(rejected).toHaveLength(1);
  });

  it('reads a short link without a version as the current version, each parameter alone', () => {
    expect(readUrlState('?lang=kk', ctx)).toEqual({ state: { ...defaults, lang: 'kk' }, rejected: [] });
    expect(readUrlState('?embed=1', ctx)).toEqual({ state: { ...defaults, view: 'embed' }, rejected: [] });
    expect(readUrlState('?year=2015', ctx)).toEqual({ state: { ...defaults, year: 2015 }, rejected: [] });
    expect(readUrlState('?lvl=regions', ctx)).toEqual({ state: { ...defaults, level: 'regions' }, rejected: [] });
    // The default level (auto) is not written, so that older links and new ones read the same.
    expect(writeUrlState(defaults)).not.toContain('lvl');
    expect(readUrlState('?cam=66.5,48.25,4.5', ctx).state.camera).toEqual({ lon: 66.5, lat: 48.25, zoom: 4.5 });
    // A short link is checked field by field like a full one.
    const { state, rejected } = readUrlState('?lang=fr&year=2015', ctx);
    expect(state).toEqual({ ...defaults, year: 2015 });
    expect(rejected.map((r) => r.param)).toEqual(['lang']);
  });

  it('treats an unknown version as outdated and shows the defaults', () => {
    for (const search of ['?v=2&year=2015', '?v=abc', '?v=&lang=kk']) {
      const { state, rejected } = readUrlState(search, ctx);
      expect(state).toEqual(defaults);
      expect(rejected[0]!.param).toBe('v');
    }
  });

  it('never throws on hostile input and returns it only as data', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { state, rejected } = readUrlState(`?v=1&sel=${encodeURIComponent(evil)}&cam=NaN,Infinity,1e999`, ctx);
    expect(state.selected).toBeNull();
    expect(rejected.find((r) => r.param === 'sel')!.value).toBe(evil);
  });
});
